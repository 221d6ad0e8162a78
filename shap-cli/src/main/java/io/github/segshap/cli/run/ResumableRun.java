package io.github.segshap.cli.run;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Progress;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.store.Merger;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.core.store.ResultStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An explanation run that survives interruption. The images are explained {@code batch} at a time;
 * each batch is put as a unit {@code <out>/batches/<first>-<last>/} (the indices of its first and
 * last image) of a {@link ResultStore}, and when every image is done the batches are merged into
 * one explanation folder in {@code <out>/} itself by the store's {@link Merger} (streamed, one batch
 * in memory at a time, every checksum verified) and {@code batches/} is removed.
 *
 * <p><b>Rerun.</b> The recipe of a run is its {@link Provenance} without the date: explainer and
 * options, background fingerprint, players, model and its file's fingerprint, padding and the
 * images' fingerprint. A rerun with the same recipe skips every image already in a batch folder
 * (and explains nothing when {@code <out>/} already holds the merged result). A rerun with another
 * recipe <b>refuses</b> ({@link ExitCode#OTHER_RECIPE}, naming the flags that differ with both
 * values, {@link RecipeFlags}): nothing is deleted; use another {@code --out}, or {@code --force} to
 * replace segshap's own results. A batch folder that cannot be read or
 * fails its checksums is named on the console, deleted and explained again; the temporary folders
 * of a killed run are named and removed. Nothing in
 * {@code <out>/} is replaced until every batch is done: the merged files are written beside it
 * first and moved into place, {@code explanation.json} last.
 */
public final class ResumableRun {
    /** The folder of the per-batch explanation folders. */
    public static final String BATCHES = "batches";
    private static final Pattern BATCH_NAME = Pattern.compile("\\d+-\\d+");

    /**
     * What a run did.
     *
     * @param merged       the merged folder of every image ({@code out} itself)
     * @param explained    images explained by this run
     * @param skipped      images found done by an earlier run
     * @param redone       batch folders found corrupt and explained again
     * @param writeSeconds wall-clock seconds spent writing (batch folders, the merged folder, clean-up)
     */
    public record Result(Merger.Merged merged, int explained, int skipped, int redone, double writeSeconds) {
    }

    private final Model model;
    private final ExplanationOptions options;
    private final UnaryOperator<Provenance> recipe;
    private final int batch;
    private final Path out;
    private final PrintStream console;
    private final Progress progress;
    private long writeNanos;

    /**
     * @param model    the model explained
     * @param options  the explanation options (a given background, so a subset of the images is
     *                 explained exactly as in a whole run)
     * @param recipe   completes the explainer's provenance (padding, data fingerprints)
     * @param batch    images per batch folder, at least 1
     * @param out      the output folder
     * @param console  where messages go
     * @param progress the progress display (also the options' listener)
     */
    public ResumableRun(Model model, ExplanationOptions options, UnaryOperator<Provenance> recipe, int batch,
                        Path out, PrintStream console, Progress progress) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        if (batch < 1) {
            throw new CommandException(ExitCode.USAGE, "--batch must be at least 1, got " + batch);
        }
        this.batch = batch;
        this.out = out.toAbsolutePath().normalize();
        this.console = console;
        this.progress = progress;
    }

    /** Explains what is not done yet and returns the merged result. */
    public Result run(ImageStack images) {
        ImageExplainer explainer = ImageExplainer.of(model, options);
        Provenance expected = recipe.apply(explainer.provenanceFor(images.ids(), images.images()));
        requireWritable();
        if (ExplanationFolder.exists(out)) {
            Explanations done = finished(expected, images);
            if (done != null) {
                return new Result(new Merger.Merged(out, done.ids(), done.explainer(), done.playerNames(),
                        done.maxAbsResidual(), expected), 0, images.size(), 0, writeNanos / 1e9);
            }
        }
        ResultStore store = ResultStore.at(out.resolve(BATCHES)).named(BATCH_NAME);
        ResultStore.Scan scan;
        try {
            scan = store.scan(unit -> expected);
        } catch (OtherRecipeException e) {
            throw RecipeFlags.refusal(e);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": " + e.getMessage(), e);
        }
        scan.leftovers().forEach(p -> console.println("removed " + p + ", left by an interrupted run"));
        scan.damaged().forEach(u -> console.println("batch folder " + u.folder() + " is corrupt (" + u.problem()
                + "): explaining its images again"));
        Map<String, String> unitOf = store.unitsById();   // the units scan left are done, checksums verified
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (!unitOf.containsKey(images.ids().get(i))) {
                todo.add(i);
            }
        }
        int skipped = images.size() - todo.size();
        if (skipped > 0) {
            console.println("resuming: " + skipped + " of " + images.size() + " images already explained in "
                    + store.dir());
        }
        int[] doneCount = {skipped};
        progress.stepTo(skipped);
        if (!todo.isEmpty()) {
            List<String> todoIds = todo.stream().map(images.ids()::get).toList();
            List<Image> todoImages = todo.stream().map(images.images()::get).toList();
            int[] next = {0};
            explainer.explain(todoIds, todoImages, batch, e -> {
                Provenance p = recipe.apply(e.provenance().orElseThrow());
                if (!p.sameRecipe(expected)) {
                    throw new IllegalStateException("a batch was made differently from the run: "
                            + expected.differences(p));
                }
                Explanations stamped = e.withProvenance(expected);
                String name = todo.get(next[0]) + "-" + todo.get(next[0] + e.size() - 1);
                next[0] += e.size();
                write(() -> store.put(name, stamped));
                stamped.ids().forEach(id -> unitOf.put(id, name));
                doneCount[0] += e.size();
                progress.stepTo(doneCount[0]);
            });
        }
        progress.close();
        Merger.Merged merged = merge(store, images, unitOf, expected);
        write(() -> {
            store.clear();
            return null;
        });
        return new Result(merged, todo.size(), skipped, scan.damaged().size(), writeNanos / 1e9);
    }

    /** The merged result when {@code out} holds this recipe's explanations of these images; null when not there. */
    private Explanations finished(Provenance expected, ImageStack images) {
        Provenance found;
        try {
            found = ExplanationFolder.readProvenance(out).orElse(null);
        } catch (CorruptFolderException e) {
            console.println("the explanation in " + out + " is unreadable (" + e.getMessage() + "): making it again");
            return null;
        }
        if (found == null || !found.sameRecipe(expected)) {
            throw RecipeFlags.refusal(OtherRecipeException.of(out, found, expected));
        }
        try {
            Explanations e = ExplanationFolder.read(out);
            if (e.ids().equals(images.ids())) {
                return e;
            }
            throw new CommandException(ExitCode.OTHER_RECIPE, out + " holds explanations of the images " + e.ids()
                    + ", not of " + images.ids() + "; use another --out");
        } catch (CorruptFolderException e) {
            console.println("the explanation in " + out + " is corrupt (" + e.getMessage() + "): making it again");
            return null;
        }
    }

    /** The batches merged into {@code out} by the store's {@link Merger} (streamed; the JSON last). */
    private Merger.Merged merge(ResultStore store, ImageStack images, Map<String, String> unitOf, Provenance expected) {
        long t0 = System.nanoTime();
        try {
            return Merger.of(store, images.ids()).unitOf(unitOf::get).recipe(expected, UnaryOperator.identity())
                    .into(out);
        } catch (UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": " + e.getMessage(), e);
        } finally {
            writeNanos += System.nanoTime() - t0;
        }
    }

    private void requireWritable() {
        write(() -> {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-test-", "");
            Files.delete(probe);
            return null;
        });
    }

    /** An output step that can fail with an I/O error. */
    @FunctionalInterface
    private interface Output {
        Object run() throws IOException;
    }

    private void write(Output step) {
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (IOException | UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + out + ": " + e.getMessage(), e);
        } finally {
            writeNanos += System.nanoTime() - t0;
        }
    }
}
