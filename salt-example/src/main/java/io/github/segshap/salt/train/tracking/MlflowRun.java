package io.github.segshap.salt.train.tracking;

import io.github.segshap.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * One MLflow run in a {@link MlflowFileStore}. Made by {@link MlflowFileStore#startRun}; every
 * logging call writes through to disk immediately, so an interrupted process leaves a readable run
 * (status RUNNING). {@link #close()} ends the run as FINISHED unless it was ended already.
 * Methods are synchronized, so a listener on another thread may log too.
 */
public final class MlflowRun implements AutoCloseable {

    /** Names MLflow accepts for params, metrics and tags (it also allows '/' for nesting). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-. /]+");

    private final Path dir;
    private final String experimentId;
    private final String runId;
    private final String runName;
    private final String userId;
    private final long startTime;
    private RunStatus status = RunStatus.RUNNING;
    private Long endTime;

    MlflowRun(Path dir, String experimentId, String runId, String runName, String userId, long startTime) {
        this.dir = dir;
        this.experimentId = experimentId;
        this.runId = runId;
        this.runName = runName;
        this.userId = userId;
        this.startTime = startTime;
        try {
            Files.createDirectories(dir.resolve("params"));
            Files.createDirectories(dir.resolve("metrics"));
            Files.createDirectories(dir.resolve("tags"));
            Files.createDirectories(dir.resolve("artifacts"));
        } catch (IOException e) {
            throw new TrackingException("cannot create the run folder " + dir, e);
        }
        writeMeta();
    }

    /** @return the run id (32 hex digits) */
    public String runId() {
        return runId;
    }

    /** @return the experiment id */
    public String experimentId() {
        return experimentId;
    }

    /** @return the run name */
    public String runName() {
        return runName;
    }

    /** @return the user recorded as the run's owner */
    public String userId() {
        return userId;
    }

    /** @return the run folder */
    public Path dir() {
        return dir;
    }

    /** @return the folder of the run's artifacts */
    public Path artifactsDir() {
        return dir.resolve("artifacts");
    }

    /** @return the current status */
    public synchronized RunStatus status() {
        return status;
    }

    /**
     * Logs a parameter. As in MLflow, a parameter cannot change once logged.
     *
     * @param key name
     * @param value value (single line)
     * @return this
     * @throws IllegalStateException if the parameter was logged before with another value
     */
    public synchronized MlflowRun logParam(String key, Object value) {
        Path p = keyPath("params", key);
        String v = String.valueOf(value);
        try {
            if (Files.exists(p)) {
                String old = Files.readString(p, StandardCharsets.UTF_8);
                if (!old.equals(v)) {
                    throw new IllegalStateException("parameter '" + key + "' was logged as '" + old
                            + "' and cannot change to '" + v + "'");
                }
                return this;
            }
            AtomicFiles.write(p, v);
        } catch (IOException e) {
            throw new TrackingException("cannot write parameter " + p, e);
        }
        return this;
    }

    /**
     * Logs several parameters.
     *
     * @param params name to value
     * @return this
     */
    public synchronized MlflowRun logParams(Map<String, ?> params) {
        params.forEach(this::logParam);
        return this;
    }

    /**
     * Appends a metric value with the current time. The file is rewritten temp-then-rename, so a full
     * disk leaves the earlier values whole, never half a line.
     *
     * @param key name
     * @param value value (NaN and infinities are written as MLflow reads them)
     * @param step step, e.g. the epoch
     * @return this
     */
    public synchronized MlflowRun logMetric(String key, double value, long step) {
        Path p = keyPath("metrics", key);
        String line = System.currentTimeMillis() + " " + formatDouble(value) + " " + step + "\n";
        try {
            String before = Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            AtomicFiles.write(p, before + line);
        } catch (IOException e) {
            throw new TrackingException("cannot append to metric " + p, e);
        }
        return this;
    }

    /**
     * Logs several metrics at one step.
     *
     * @param metrics name to value
     * @param step step
     * @return this
     */
    public synchronized MlflowRun logMetrics(Map<String, ? extends Number> metrics, long step) {
        metrics.forEach((k, v) -> logMetric(k, v.doubleValue(), step));
        return this;
    }

    /**
     * Sets (or replaces) a tag.
     *
     * @param key name
     * @param value value
     * @return this
     */
    public synchronized MlflowRun setTag(String key, String value) {
        Path p = keyPath("tags", key);
        try {
            AtomicFiles.write(p, value);
        } catch (IOException e) {
            throw new TrackingException("cannot write tag " + p, e);
        }
        return this;
    }

    /**
     * Copies a file into the run's artifacts.
     *
     * @param file file to copy
     * @param artifactPath folder inside {@code artifacts/} ("" for the top)
     * @return the copy
     */
    public synchronized Path logArtifact(Path file, String artifactPath) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact " + file + " is not a file");
        }
        Path target = artifactTarget(artifactPath, file.getFileName().toString());
        try {
            AtomicFiles.write(target, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TrackingException("cannot copy artifact " + file + " to " + target, e);
        }
        return target;
    }

    /**
     * Writes bytes as an artifact.
     *
     * @param relativePath path inside {@code artifacts/}, e.g. {@code "history.csv"}
     * @param bytes content
     * @return the file
     */
    public synchronized Path writeArtifact(String relativePath, byte[] bytes) {
        Path target = artifactTarget("", relativePath);
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new TrackingException("cannot write artifact " + target, e);
        }
        return target;
    }

    /**
     * Saves a network with {@code ModelSerializer} (with the updater state, so training can go on)
     * as an artifact, written atomically; also sets the tag {@code segshap.model} to its path.
     *
     * @param net the network, not modified
     * @param relativePath path inside {@code artifacts/}, e.g. {@code "model/model.zip"}
     * @return the model file
     */
    public synchronized Path logModel(ComputationGraph net, String relativePath) {
        return logModel(net, relativePath, Map.of());
    }

    /**
     * Saves the network as a model artifact with extra zip entries (DL4J ignores entries it does not
     * know), replacing the file only when it is complete.
     *
     * @param net          the network
     * @param relativePath path under the run's artifacts
     * @param extraEntries zip entry name to content
     * @return the saved file
     */
    public synchronized Path logModel(ComputationGraph net, String relativePath, Map<String, byte[]> extraEntries) {
        Path target = artifactTarget("", relativePath);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".model", ".tmp");
            try {
                ModelSerializer.writeModel(net, tmp.toFile(), true);
                if (!extraEntries.isEmpty()) {
                    try (FileSystem zip = FileSystems.newFileSystem(tmp)) {
                        for (Map.Entry<String, byte[]> e : extraEntries.entrySet()) {
                            Files.write(zip.getPath(e.getKey()), e.getValue());
                        }
                    }
                }
                AtomicFiles.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TrackingException("cannot save the model to " + target, e);
        }
        setTag("segshap.model", "artifacts/" + relativePath);
        return target;
    }

    /**
     * Ends the run: records the end time and status in {@code meta.yaml}.
     *
     * @param finalStatus FINISHED, FAILED or KILLED
     */
    public synchronized void end(RunStatus finalStatus) {
        if (finalStatus == RunStatus.RUNNING || finalStatus == RunStatus.SCHEDULED) {
            throw new IllegalArgumentException("a run cannot end as " + finalStatus);
        }
        status = finalStatus;
        endTime = System.currentTimeMillis();
        writeMeta();
    }

    /** Ends the run as FINISHED if it is still running. */
    @Override
    public synchronized void close() {
        if (status == RunStatus.RUNNING) {
            end(RunStatus.FINISHED);
        }
    }

    private Path artifactTarget(String folder, String name) {
        String rel = folder == null || folder.isEmpty() ? name : folder + "/" + name;
        checkKey(rel);
        Path target = artifactsDir().resolve(rel).normalize();
        if (!target.startsWith(artifactsDir())) {
            throw new IllegalArgumentException("artifact path " + rel + " leaves the artifacts folder");
        }
        return target;
    }

    private Path keyPath(String kind, String key) {
        checkKey(key);
        return dir.resolve(kind).resolve(key);
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || !KEY.matcher(key).matches() || key.startsWith("/")
                || key.contains("..") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid name '" + key
                    + "': use letters, digits, '_', '-', '.', ' ' and '/' (not leading, no '..')");
        }
    }

    static String formatDouble(double v) {
        if (Double.isNaN(v)) return "nan";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return Double.toString(v);
    }

    private void writeMeta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_uri", artifactsDir().toUri().toString().replaceAll("/$", ""));
        meta.put("end_time", endTime);
        meta.put("entry_point_name", "");
        meta.put("experiment_id", experimentId);
        meta.put("lifecycle_stage", "active");
        meta.put("run_id", runId);
        meta.put("run_name", runName);
        meta.put("run_uuid", runId);
        meta.put("source_name", "");
        meta.put("source_type", 4);
        meta.put("source_version", "");
        meta.put("start_time", startTime);
        meta.put("status", status.code());
        meta.put("tags", List.of());
        meta.put("user_id", userId);
        try {
            MetaYaml.write(dir.resolve(MlflowFileStore.META), meta);
        } catch (IOException e) {
            throw new TrackingException("cannot write " + dir.resolve(MlflowFileStore.META), e);
        }
    }

    @Override
    public String toString() {
        return "MlflowRun[" + experimentId + "/" + runId + " " + runName + " " + status + "]";
    }
}
