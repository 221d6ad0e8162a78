package io.github.segshap.spark.job;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.io.ProvenanceJson;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.spark.cluster.ClusterException;
import io.github.segshap.spark.cluster.ClusterFailures;
import io.github.segshap.spark.input.ImageRows;
import io.github.segshap.spark.input.ImageSet;
import io.github.segshap.spark.model.ExecutorModels;
import io.github.segshap.spark.model.ModelFactory;
import io.github.segshap.spark.output.ImageFolders;
import io.github.segshap.spark.output.ImageOutcome;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Explains an {@link ImageSet} on Spark, one explanation folder per image under
 * {@code <out>/images/<id>/} (see {@link ImageFolders}):
 * <pre>{@code
 * JobResult r = SparkExplainJob.builder(images, modelFile, factory, options).out(dir).partitions(8)
 *         .build().run(spark);
 * }</pre>
 *
 * <p><b>What goes where.</b> On the driver: the recipe is fixed once ({@link ImageExplainer#provenanceFor},
 * with the given background, which the options must hold: draw it with {@link #drawBackground} to
 * match the single-machine command); the model file is shipped with {@code SparkContext.addFile}
 * and the background broadcast, once each. On an executor: the model is built once per JVM
 * ({@link ExecutorModels}) and every task re-creates the options from the shipped recipe
 * ({@link ExplanationOptions#fromProvenance}), which checks that it is the driver's.
 *
 * <p><b>Determinism.</b> Every image is explained with the same background, explainer, budget and
 * seed (the sampling estimators draw their coalitions from the seed alone, not from the image's
 * position or partition), and no result depends on which images share a model call, so the
 * numbers are those of the single-machine command bit for bit, whatever the partitioning, the
 * executor count or the retries.
 *
 * <p><b>Failures.</b> An image that cannot be read or explained fails alone: its error goes to
 * {@code <out>/failed/<id>.txt} and into the result. A task that fails otherwise is retried by
 * Spark ({@code spark.task.maxFailures}); the retry skips the images its first attempt wrote.
 * A rerun skips every image already done with the same recipe (checksums verified). When the
 * cluster cannot run the job (the application stopped, a task failed on every attempt, an executor
 * does not see a file) {@link #run} throws a {@link ClusterException} naming the cause.
 */
public final class SparkExplainJob {
    private final ImageSet images;
    private final Path modelFile;
    private final ModelFactory factory;
    private final ExplanationOptions options;
    private final UnaryOperator<Provenance> recipe;
    private final Path out;
    private final int partitions;
    private final int batch;
    private final int threadsPerTask;

    private SparkExplainJob(Builder b) {
        this.images = b.images;
        this.modelFile = b.modelFile.toAbsolutePath().normalize();
        this.factory = b.factory;
        this.options = b.options;
        this.recipe = b.recipe;
        this.out = b.out.toAbsolutePath().normalize();
        this.partitions = b.partitions;
        this.batch = b.batch;
        this.threadsPerTask = b.threadsPerTask;
    }

    /**
     * A builder.
     *
     * @param images    the images to explain
     * @param modelFile the model's file (shipped to the executors)
     * @param factory   builds the model from the file on each executor (and on the driver)
     * @param options   the explanation options; the background must be given
     */
    public static Builder builder(ImageSet images, Path modelFile, ModelFactory factory, ExplanationOptions options) {
        return new Builder(images, modelFile, factory, options);
    }

    /**
     * The background the single-machine command draws from these images: the library's
     * {@link BackgroundDraw#draw} over the set's order, with their ids (its checks included).
     */
    public static Background drawBackground(ImageSet images, int size, long seed) {
        List<String> ids = images.ids();
        BackgroundDraw.requireSeveral(ids.size());
        BackgroundDraw.Drawn drawn = BackgroundDraw.draw(ids, i -> images.read(List.of(i)).get(0), size, seed, null);
        return new Background(drawn.ids(), drawn.rows());
    }

    /**
     * Background rows and their ids.
     *
     * @param ids    one id per row
     * @param images the rows
     */
    public record Background(List<String> ids, List<Image> images) {
        /** Copies the lists. */
        public Background {
            ids = List.copyOf(ids);
            images = List.copyOf(images);
        }
    }

    /** The recipe every image is explained with (the provenance recorded in each folder, with the image's fingerprint). */
    public Provenance recipe() {
        return recipe.apply(coreProvenance(driverModel()));
    }

    /**
     * Runs the job on {@code spark} and returns every image's outcome.
     *
     * @throws ClusterException when the cluster cannot run the job (see {@link ClusterFailures})
     */
    public JobResult run(SparkSession spark) {
        long t0 = System.nanoTime();
        List<String> ids = images.ids();
        Model model = driverModel();
        Provenance core = coreProvenance(model);
        Provenance job = recipe.apply(core);
        try {
            Files.createDirectories(out.resolve(ImageFolders.IMAGES));
            new ImageFolders(out).cleanLeftovers();   // killed tasks' temporaries; no task of ours runs yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out.resolve(ImageFolders.IMAGES) + ": " + e.getMessage(), e);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ImageOutcome> collected;
        try {
            collected = collect(sc, core, job);
        } catch (Exception e) {   // Spark throws its checked SparkException undeclared
            throw ClusterFailures.translate(e, sc.sc());
        }
        Map<String, ImageOutcome> byId = new HashMap<>();
        for (ImageOutcome o : collected) {
            if (byId.put(o.id(), o) != null) {
                throw new IllegalStateException("image '" + o.id() + "' was reported twice");
            }
        }
        List<ImageOutcome> ordered = new ArrayList<>(ids.size());
        for (String id : ids) {
            ordered.add(Objects.requireNonNull(byId.get(id), () -> "image '" + id + "' has no outcome"));
        }
        return new JobResult(ordered, out, (System.nanoTime() - t0) / 1e9);
    }

    /** Ships the model and the background, runs one task per partition and gathers the outcomes. */
    private List<ImageOutcome> collect(JavaSparkContext sc, Provenance core, Provenance job) {
        if (sc.sc().isStopped()) {
            throw new IllegalStateException("the Spark context is stopped");
        }
        sc.addFile(modelFile.toString());
        List<Image> bg = options.background().given().orElseThrow();
        Broadcast<ImageRows> background = sc.broadcast(ImageRows.of(bg));
        ExplainPartition task = new ExplainPartition(factory, modelFile.getFileName().toString(),
                Fingerprint.ofFile(modelFile), ProvenanceJson.toJson(core), ProvenanceJson.toJson(job), background,
                options.background().ids(), out.toString(), threadsPerTask, batch);
        try {
            return images.inputs(sc, partitions > 0 ? partitions : sc.defaultParallelism()).mapPartitions(task)
                    .collect();
        } finally {
            if (!sc.sc().isStopped()) {
                background.destroy();
            }
        }
    }

    private Model driverModel() {
        return ExecutorModels.get(Fingerprint.ofFile(modelFile), factory, () -> modelFile);
    }

    private Provenance coreProvenance(Model model) {
        Image first = images.sample();
        return ImageExplainer.of(model, options).provenanceFor(List.of("sample"), List.of(first));
    }

    /** Options of a job; every one has a default but the four of {@link #builder}. */
    public static final class Builder {
        private final ImageSet images;
        private final Path modelFile;
        private final ModelFactory factory;
        private final ExplanationOptions options;
        private UnaryOperator<Provenance> recipe = UnaryOperator.identity();
        private Path out = Path.of("segshap-spark");
        private int partitions = 0;
        private int batch = 16;
        private int threadsPerTask = 1;

        private Builder(ImageSet images, Path modelFile, ModelFactory factory, ExplanationOptions options) {
            this.images = Objects.requireNonNull(images, "images");
            this.modelFile = Objects.requireNonNull(modelFile, "modelFile");
            this.factory = Objects.requireNonNull(factory, "factory");
            this.options = Objects.requireNonNull(options, "options");
            if (options.background().given().isEmpty()) {
                throw new IllegalArgumentException("the options must give the background (drawn once on the driver, "
                        + "e.g. with SparkExplainJob.drawBackground), so that every task uses the same rows");
            }
            if (!Files.isRegularFile(modelFile)) {
                throw new IllegalArgumentException("model file " + modelFile + ": no such file");
            }
        }

        /** Completes the recipe recorded in every folder (e.g. padding, data fingerprints); default: none. */
        public Builder recipe(UnaryOperator<Provenance> completion) {
            this.recipe = Objects.requireNonNull(completion, "completion");
            return this;
        }

        /** The output folder (default {@code segshap-spark}). */
        public Builder out(Path dir) {
            this.out = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Partitions (tasks) to spread the images over; default: Spark's default parallelism. */
        public Builder partitions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + n);
            }
            this.partitions = n;
            return this;
        }

        /** Images explained per call of the explainer in a task (default 16). */
        public Builder batch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch must be at least 1, got " + n);
            }
            this.batch = n;
            return this;
        }

        /** Threads each task calls the model on (default 1, Spark's one core per task). */
        public Builder threadsPerTask(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads per task must be at least 1, got " + n);
            }
            this.threadsPerTask = n;
            return this;
        }

        /** The job. */
        public SparkExplainJob build() {
            return new SparkExplainJob(this);
        }
    }
}
