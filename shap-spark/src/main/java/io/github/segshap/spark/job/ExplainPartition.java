package io.github.segshap.spark.job;

import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.core.explanation.AdditivityException;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.io.ProvenanceJson;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.spark.cluster.ExecutorPaths;
import io.github.segshap.spark.input.ImageInput;
import io.github.segshap.spark.input.ImageRows;
import io.github.segshap.spark.model.ExecutorModels;
import io.github.segshap.spark.model.ModelFactory;
import io.github.segshap.spark.output.ImageFolders;
import io.github.segshap.spark.output.ImageOutcome;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One task: explains the images of a partition with the shipped recipe and writes each image's
 * folder. An image already done is skipped; an image that cannot be read or explained (an
 * {@link IllegalArgumentException} or {@link AdditivityException}) or whose folder holds another
 * recipe ({@link OtherRecipeException}) gets its error file and the
 * others go on; anything else fails the task (Spark retries it, and the retry skips what is done).
 * Before it reads or writes, a task checks that its executor sees the output folder and each file
 * the driver listed ({@link ExecutorPaths}).
 */
final class ExplainPartition implements FlatMapFunction<Iterator<ImageInput>, ImageOutcome> {
    private static final long serialVersionUID = 1L;
    /** The provenance extra naming the explained image's fingerprint. */
    static final String IMAGE_FINGERPRINT = PerImageRun.IMAGE_FINGERPRINT;

    private final ModelFactory factory;
    private final String modelFileName;
    private final String modelFingerprint;
    private final String coreProvenance;
    private final String recipe;
    private final Broadcast<ImageRows> background;
    private final List<String> backgroundIds;
    private final String out;
    private final int threads;
    private final int batch;

    ExplainPartition(ModelFactory factory, String modelFileName, String modelFingerprint, String coreProvenance,
                     String recipe, Broadcast<ImageRows> background, List<String> backgroundIds, String out,
                     int threads, int batch) {
        this.factory = factory;
        this.modelFileName = modelFileName;
        this.modelFingerprint = modelFingerprint;
        this.coreProvenance = coreProvenance;
        this.recipe = recipe;
        this.background = background;
        this.backgroundIds = new ArrayList<>(backgroundIds);
        this.out = out;
        this.threads = threads;
        this.batch = batch;
    }

    /** The recipe of one image: the job's, with the image's fingerprint. */
    static Provenance recipeOf(Provenance job, Image image) {
        return job.withExtra(IMAGE_FINGERPRINT, Fingerprint.ofImages(List.of(image)));
    }

    @Override
    public Iterator<ImageOutcome> call(Iterator<ImageInput> inputs) {
        ImageFolders folders = new ImageFolders(Path.of(out));
        ExecutorPaths.requireVisible(folders.root().resolve(ImageFolders.IMAGES), "--out");   // the driver made it
        Model model = ExecutorModels.get(modelFingerprint, factory, () -> Path.of(SparkFiles.get(modelFileName)));
        ImageRows bg = background.value();
        ExplanationOptions options = ExplanationOptions.fromProvenance(ProvenanceJson.fromJson(coreProvenance))
                .background(backgroundIds, bg.images("background row")).threads(threads).build();
        ImageExplainer explainer = ImageExplainer.of(model, options);
        Provenance job = ProvenanceJson.fromJson(recipe);
        List<ImageOutcome> outcomes = new ArrayList<>();
        List<Pending> chunk = new ArrayList<>();
        String checked = null;
        while (inputs.hasNext()) {
            ImageInput input = inputs.next();
            if (input instanceof ImageInput.FileImage f && !f.file().equals(checked)) {
                ExecutorPaths.requireVisible(Path.of(f.file()), "--images file");   // the driver listed it
                checked = f.file();
            }
            Pending p = prepare(input, folders, job, bg, outcomes);
            if (p != null) {
                chunk.add(p);
            }
            if (chunk.size() >= batch || (!inputs.hasNext() && !chunk.isEmpty())) {
                explain(explainer, chunk, folders, outcomes);
                chunk.clear();
            }
        }
        return outcomes.iterator();
    }

    /** An image read and checked, not done yet. */
    private record Pending(String id, Image image, Provenance recipe) {
    }

    private static Pending prepare(ImageInput input, ImageFolders folders, Provenance job, ImageRows bg,
                                   List<ImageOutcome> outcomes) {
        String id = input.id();
        try {
            folders.folder(id);
            Image image = input.load();
            if (!image.shape().equals(bg.shape())) {
                throw new IllegalArgumentException("image '" + id + "' has shape " + image.shape()
                        + " but the background (and the other images) have shape " + bg.shape());
            }
            Provenance expected = recipeOf(job, image);
            if (folders.done(id, expected)) {
                outcomes.add(ImageOutcome.skipped(id));
                return null;
            }
            return new Pending(id, image, expected);
        } catch (IllegalArgumentException | OtherRecipeException e) {
            fail(folders, id, e, outcomes);
            return null;
        }
    }

    private static void explain(ImageExplainer explainer, List<Pending> chunk, ImageFolders folders,
                                List<ImageOutcome> outcomes) {
        Explanations all;
        try {
            all = explainer.explain(chunk.stream().map(Pending::id).toList(),
                    chunk.stream().map(Pending::image).toList());
        } catch (IllegalArgumentException | AdditivityException e) {
            if (chunk.size() == 1) {
                fail(folders, chunk.get(0).id(), e, outcomes);
                return;
            }
            for (Pending p : chunk) {   // find the image that failed: each alone
                explain(explainer, List.of(p), folders, outcomes);
            }
            return;
        }
        for (int i = 0; i < chunk.size(); i++) {
            Pending p = chunk.get(i);
            folders.write(p.id(), all.subset(i).withProvenance(p.recipe()), p.recipe());
            outcomes.add(ImageOutcome.explained(p.id()));
        }
    }

    private static void fail(ImageFolders folders, String id, RuntimeException e, List<ImageOutcome> outcomes) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        try {
            folders.fail(id, message);
        } catch (IllegalArgumentException unsafeId) {
            // an id that cannot name a file: the outcome alone reports it
        }
        outcomes.add(ImageOutcome.failed(id, message));
    }
}
