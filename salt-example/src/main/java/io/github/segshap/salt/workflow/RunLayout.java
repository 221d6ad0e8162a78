package io.github.segshap.salt.workflow;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.command.folder.RunLock;
import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run keeps its files, all under one output folder ({@code --out}, default
 * {@code salt-output}):
 * <pre>
 * out/
 *   data-cache/        processed-data cache (and the generated synthetic data set, when no --data)
 *   mlruns/            MLflow file store: one run per training, model zip in its artifacts
 *   model.zip          copy of the latest trained model (ModelSerializer)
 *   model.json         what that model was trained on: input shape, resolution, axis, MLflow run
 *   model.onnx         that model exported to ONNX (written by explain --runtime onnx)
 *   training.json      per-epoch metrics, best epoch, test metrics of the latest training
 *   explanations/      one folder per explained test sample (.npy + JSON), summary.json, selection.json
 *   figures/           the report's PNG figures
 *   report.html        the self-contained report
 *   timings.json       wall time of each stage's latest run
 *   parameters.json    the settings of each stage's latest run, one section per stage
 *   .lock              who runs in the folder now (empty when nobody does): see RunLock
 *   .segshap-folder.json  the marker that makes the folder this program's (see OutputFolder)
 * </pre>
 * A stage claims the folder ({@link OutputFolder#claim}) before it writes: a folder holding files
 * and no marker of the salt command is refused.
 * An immutable value; nothing is created until a stage writes.
 *
 * @param root the output folder, absolute and normalised
 */
public record RunLayout(Path root) {

    /** Makes the root absolute. */
    public RunLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The processed-data cache (the synthetic data set is generated inside it). */
    public Path dataCache() {
        return root.resolve("data-cache");
    }

    /** The MLflow file store. */
    public Path mlruns() {
        return root.resolve("mlruns");
    }

    /** The latest trained model. */
    public Path model() {
        return root.resolve("model.zip");
    }

    /** The latest model exported to ONNX by {@code explain --runtime onnx}. */
    public Path onnxModel() {
        return root.resolve("model.onnx");
    }

    /** What the latest model was trained on. */
    public Path modelInfo() {
        return root.resolve("model.json");
    }

    /** The latest training's history and test metrics. */
    public Path training() {
        return root.resolve("training.json");
    }

    /** Per-sample explanations. */
    public Path explanations() {
        return root.resolve("explanations");
    }

    /** The report's figures. */
    public Path figures() {
        return root.resolve("figures");
    }

    /** The report. */
    public Path report() {
        return root.resolve("report.html");
    }

    /** Wall times of the stages. */
    public Path timings() {
        return root.resolve("timings.json");
    }

    /** The lock one run holds on the folder while it runs ({@link RunLock}). */
    public Path lock() {
        return root.resolve(RunLock.FILE_NAME);
    }

    /** The parameters of the latest run of each stage. */
    public Path parameters() {
        return root.resolve("parameters.json");
    }

    /**
     * Deletes the temporary files a killed stage left in the run folder and in {@code explanations/}:
     * the names {@link AtomicFiles} writes under before the rename ({@link AtomicFiles#isTemporary}),
     * and nothing else (a user's own hidden {@code .draft.tmp} stays). Call only under the {@link RunLock}.
     *
     * @return the deleted files, sorted
     */
    public List<Path> removeTemporaries() {
        List<Path> removed = new ArrayList<>();
        for (Path dir : List.of(root, explanations())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    if (AtomicFiles.isTemporary(p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(p);
                        removed.add(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean the temporary files of " + dir + ": " + e.getMessage(), e);
            }
        }
        return removed;
    }

    /**
     * Creates the output folder if needed and checks that files can be created in it.
     *
     * @throws CommandException ({@link ExitCode#OUTPUT_NOT_WRITABLE}) naming the folder
     */
    public void requireWritable() {
        requireWritable(FolderProbe.CREATE_FILE);
    }

    /**
     * Creates the output folder if needed and checks with {@code probe} that files can be created in it.
     *
     * @throws CommandException ({@link ExitCode#OUTPUT_NOT_WRITABLE}) naming the folder
     */
    public void requireWritable(FolderProbe probe) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root
                    + " is a file, not a folder: choose another --out");
        }
        try {
            Files.createDirectories(root);
            probe.probe(root);
        } catch (IOException | SecurityException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root
                    + " is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): choose another --out or fix its permissions", e);
        }
    }

    /**
     * Checks with {@code probe} that a stage can write in {@code folder} of the run folder (e.g.
     * {@link #explanations()}, {@link #figures()}) before it changes anything there. A folder that
     * does not exist yet is covered by the run folder's own check ({@link #requireWritable(FolderProbe)}).
     *
     * @throws CommandException ({@link ExitCode#OUTPUT_NOT_WRITABLE}) naming the folder and the reason
     */
    public void requireWritable(Path folder, FolderProbe probe) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            probe.probe(folder);
        } catch (IOException | SecurityException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getMessage();
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write in " + folder + ": " + reason
                    + "; nothing in it was changed: make it writable (permissions, a read-only mount) or choose "
                    + "another --out", e);
        }
    }
}
