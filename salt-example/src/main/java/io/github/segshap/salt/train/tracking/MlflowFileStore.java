package io.github.segshap.salt.train.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An MLflow tracking store in the file layout of MLflow's {@code FileStore} (see the package
 * documentation), written without any MLflow client. Browse the result with
 * {@code mlflow ui --backend-store-uri <root>}.
 *
 * <p>Usage:
 * <pre>{@code
 * MlflowFileStore store = MlflowFileStore.open(out.resolve("mlruns"));
 * String exp = store.getOrCreateExperiment("tgs-salt");
 * try (MlflowRun run = store.startRun(exp, "unet-24")) {
 *     run.logParam("epochs", "200");
 *     run.logMetric("val_auc", 0.91, 3);
 *     run.logModel(net, "model/model.zip");
 * }   // FINISHED; call run.end(RunStatus.FAILED) yourself on errors
 * }</pre>
 * Experiment ids are small integers as strings ({@code "0"} is MLflow's "Default" experiment,
 * created with the store); run ids are random UUIDs without dashes, as MLflow makes them. Not safe
 * for several processes creating experiments in the same store at once.
 */
public final class MlflowFileStore {

    /** Id of the default experiment MLflow creates with a new store. */
    public static final String DEFAULT_EXPERIMENT_ID = "0";
    static final String META = "meta.yaml";

    private final Path root;

    private MlflowFileStore(Path root) {
        this.root = root;
    }

    /**
     * Opens a store, creating the folder, its {@code .trash} folder and the "Default" experiment
     * when missing.
     *
     * @param root the {@code mlruns} folder
     * @return the store
     * @throws TrackingException if the folder cannot be created or is a file
     */
    public static MlflowFileStore open(Path root) {
        Objects.requireNonNull(root, "root");
        Path abs = root.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new TrackingException("the tracking store " + abs + " is a file, not a folder", null);
        }
        MlflowFileStore store = new MlflowFileStore(abs);
        try {
            Files.createDirectories(abs.resolve(".trash"));
        } catch (IOException e) {
            throw new TrackingException("cannot create the tracking store " + abs, e);
        }
        if (!Files.exists(abs.resolve(DEFAULT_EXPERIMENT_ID).resolve(META))) {
            store.createExperimentWithId(DEFAULT_EXPERIMENT_ID, "Default");
        }
        return store;
    }

    /** @return the absolute store folder */
    public Path root() {
        return root;
    }

    /**
     * The id of the active experiment with this name, creating it when there is none.
     *
     * @param name experiment name, not blank
     * @return its id
     */
    public String getOrCreateExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name must not be blank");
        }
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        long next = 1;
        for (String id : experimentIds()) {
            try {
                next = Math.max(next, Long.parseLong(id) + 1);
            } catch (NumberFormatException ignored) {
                // non-numeric ids made by other tools are left alone
            }
        }
        String id = Long.toString(next);
        createExperimentWithId(id, name);
        return id;
    }

    /**
     * Finds an active experiment by name.
     *
     * @param name experiment name
     * @return its id, if present
     */
    public Optional<String> findExperiment(String name) {
        for (String id : experimentIds()) {
            Map<String, String> meta = MetaYaml.read(root.resolve(id).resolve(META));
            if (name.equals(meta.get("name")) && !"deleted".equals(meta.get("lifecycle_stage"))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** @return ids of the experiment folders that have a {@code meta.yaml} */
    public List<String> experimentIds() {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(META)))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TrackingException("cannot list " + root, e);
        }
    }

    /**
     * Starts a run: creates its folder, {@code meta.yaml} with status RUNNING and the standard
     * tags {@code mlflow.runName}, {@code mlflow.user}, {@code mlflow.source.name},
     * {@code mlflow.source.type}.
     *
     * @param experimentId an existing experiment id
     * @param runName a readable name shown by the UI
     * @return the run, to be ended with {@link MlflowRun#end} or {@link MlflowRun#close}
     * @throws IllegalArgumentException if the experiment does not exist
     */
    public MlflowRun startRun(String experimentId, String runName) {
        Path expDir = root.resolve(experimentId);
        if (!Files.isRegularFile(expDir.resolve(META))) {
            throw new IllegalArgumentException("experiment " + experimentId + " does not exist in " + root);
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        String name = runName == null || runName.isBlank() ? "run-" + runId.substring(0, 8) : runName;
        MlflowRun run = new MlflowRun(expDir.resolve(runId), experimentId, runId, name,
                System.getProperty("user.name", "unknown"), System.currentTimeMillis());
        run.setTag("mlflow.runName", name);
        run.setTag("mlflow.user", run.userId());
        run.setTag("mlflow.source.name", "segshap salt-example");
        run.setTag("mlflow.source.type", "LOCAL");
        return run;
    }

    /**
     * Marks the runs of an experiment that are still RUNNING as KILLED, with the time of their last
     * change as their end time: runs a killed process left behind. Call it only while no other
     * process trains into this store (the salt command holds the run folder's lock).
     *
     * @param experimentId an experiment id
     * @return the ids of the runs marked
     */
    public List<String> markAbandonedRunsKilled(String experimentId) {
        Path expDir = root.resolve(experimentId);
        if (!Files.isDirectory(expDir)) {
            return List.of();
        }
        List<String> marked = new ArrayList<>();
        try (Stream<Path> s = Files.list(expDir)) {
            for (Path runDir : s.filter(p -> Files.isRegularFile(p.resolve(META))).sorted().toList()) {
                Path meta = runDir.resolve(META);
                Map<String, String> m = MetaYaml.read(meta);
                if (String.valueOf(RunStatus.RUNNING.code()).equals(m.get("status"))) {
                    Map<String, Object> changes = new LinkedHashMap<>();
                    changes.put("status", RunStatus.KILLED.code());
                    changes.put("end_time", Files.getLastModifiedTime(meta).toMillis());
                    MetaYaml.update(meta, changes);
                    marked.add(runDir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new TrackingException("cannot mark the abandoned runs of " + expDir, e);
        }
        return marked;
    }

    private void createExperimentWithId(String id, String name) {
        Path dir = root.resolve(id);
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", dir.toUri().toString().replaceAll("/$", ""));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        try {
            Files.createDirectories(dir);
            MetaYaml.write(dir.resolve(META), meta);
        } catch (IOException e) {
            throw new TrackingException("cannot create experiment " + id + " in " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "MlflowFileStore[" + root + "]";
    }
}
