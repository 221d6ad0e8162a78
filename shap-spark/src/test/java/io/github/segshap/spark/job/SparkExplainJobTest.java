package io.github.segshap.spark.job;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.spark.cluster.ClusterException;
import io.github.segshap.spark.input.ImageInput;
import io.github.segshap.spark.input.ImageSet;
import io.github.segshap.spark.input.NpyDecoder;
import io.github.segshap.spark.model.ModelFactory;
import io.github.segshap.spark.output.ImageFolders;
import io.github.segshap.spark.output.ImageOutcome;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job on {@code local[2,2]} (two cores, a failed task retried once), bound to 127.0.0.1:
 * the numbers equal the single-machine explainer's bit for bit whatever the partitioning; a task
 * that fails once is retried and the output is complete and unduplicated; bad images fail alone
 * with named errors; a rerun skips what is done and redoes a corrupt folder.
 */
class SparkExplainJobTest {
    static final int N = 10;
    static final ImageShape SHAPE = new ImageShape(3, 8, 8);
    static SparkSession spark;

    @TempDir
    Path dir;
    Path modelFile;
    Path stack;

    @BeforeAll
    static void session() {
        spark = SparkSessions.local("local[2,2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @BeforeEach
    void files() {
        modelFile = TinyModel.write(dir.resolve("weights.npy"), SHAPE.channels(), 3);
        stack = dir.resolve("images.npy");
        Npy.write(stack, pixels(N, 11), N, SHAPE.channels(), SHAPE.height(), SHAPE.width());
    }

    static double[] pixels(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return IntStream.range(0, n * SHAPE.size()).mapToDouble(i -> r.nextDouble(-1, 1)).toArray();
    }

    /** Options with the background drawn as the single-machine command draws it. */
    static ExplanationOptions.Builder options(ImageSet set, int rows) {
        SparkExplainJob.Background bg = SparkExplainJob.drawBackground(set, rows, 42);
        return ExplanationOptions.builder().seed(42).backgroundSeed(42).background(bg.ids(), bg.images())
                .model("tiny per-pixel model", "");
    }

    static List<Image> all(ImageSet set) {
        return set.read(IntStream.range(0, set.ids().size()).boxed().toList());
    }

    /** Every image's folder equals the single-machine explanation of the same image, bit for bit. */
    static void assertSameAsSingleMachine(Explanations expected, Path out) {
        for (int i = 0; i < expected.size(); i++) {
            String id = expected.id(i);
            Explanations got = ExplanationFolder.read(new ImageFolders(out).folder(id));
            assertEquals(List.of(id), got.ids());
            Explanation a = expected.get(i);
            Explanation b = got.get(0);
            assertArrayEquals(a.baseValues(), b.baseValues(), 0.0, id);
            assertArrayEquals(a.outputs(), b.outputs(), 0.0, id);
            for (int p = 0; p < expected.players(); p++) {
                assertArrayEquals(a.values(p), b.values(p), 0.0, id + " player " + p);
            }
            assertArrayEquals(expected.input(i).toArray(), got.input(0).toArray(), 0.0);
        }
    }

    @Test
    void sameNumbersAsTheSingleMachineExplainerWhateverThePartitioning() {
        ImageSet set = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        assertEquals(IntStream.range(0, N).mapToObj(Integer::toString).toList(), set.ids());
        // 12 patch players: Kernel SHAP, so the sampled coalitions must not depend on the partition
        ExplanationOptions options = options(set, 4).patches(3, 4).budget(120).build();
        Explanations expected = ImageExplainer.of(TinyModel.load(modelFile), options).explain(set.ids(), all(set));
        assertEquals("kernel", expected.explainer());
        for (int partitions : new int[] {1, 3, 7}) {
            Path out = dir.resolve("out-" + partitions);
            JobResult r = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), options).out(out)
                    .partitions(partitions).batch(2).build().run(spark);
            assertEquals(N, r.explained(), r.failures().toString());
            assertSameAsSingleMachine(expected, out);
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsCompleteAndUnduplicated() throws IOException {
        ImageSet set = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        ExplanationOptions options = options(set, 4).build();
        Explanations expected = ImageExplainer.of(TinyModel.load(modelFile), options).explain(set.ids(), all(set));
        Path out = dir.resolve("out");
        // 2 partitions of 5 images; partition 1 (images 5..9) fails in its first attempt once image 5 is written
        FailingOnce factory = new FailingOnce(out.toString(), "5", 1);
        // Spark logs the injected failure with its stack trace (slf4j-simple writes to System.err at each
        // call): kept out of the build's output here, and checked to be the injected one
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        JobResult r;
        try {
            System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
            r = SparkExplainJob.builder(set, modelFile, factory, options).out(out).partitions(2).batch(1)
                    .build().run(spark);
        } finally {
            System.setErr(err);
        }
        assertTrue(logged.toString(java.nio.charset.StandardCharsets.UTF_8).contains("injected failure of partition 1"),
                "Spark logged the failed attempt: " + logged);
        assertEquals(N, r.outcomes().size());
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        // the retry found image 5 written by the failed attempt (checksums verified) and skipped it
        assertEquals(ImageOutcome.Status.SKIPPED, r.outcomes().get(5).status());
        assertEquals(N - 1, r.explained());
        try (Stream<Path> s = Files.list(out.resolve(ImageFolders.IMAGES))) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(set.ids().stream().sorted().toList(), names, "one folder per image, no partial folders");
        }
        assertSameAsSingleMachine(expected, out);
    }

    /** A model that throws in the first attempt of one partition once a given image's folder exists. */
    record FailingOnce(String out, String writtenId, int partition) implements ModelFactory {
        @Override
        public Model create(Path file) {
            Path written = new ImageFolders(Path.of(out)).folder(writtenId).resolve(ExplanationFolder.JSON);
            return failing(TinyModel.load(file), t -> t.partitionId() == partition && t.attemptNumber() == 0
                    && Files.exists(written), "injected failure of partition " + partition + ", attempt 0");
        }
    }

    /** A model that throws on every executor call: each attempt of each task fails. */
    record FailingAlways() implements ModelFactory {
        @Override
        public Model create(Path file) {
            return failing(TinyModel.load(file), t -> true, "injected failure of every attempt");
        }
    }

    /** {@code inner}, throwing {@code message} in a task when {@code when} says so (never on the driver). */
    static Model failing(Model inner, java.util.function.Predicate<TaskContext> when, String message) {
        return new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return inner.outputShape(input);
            }

            @Override
            public double[] predict(ImageBatch batch) {
                TaskContext t = TaskContext.get();
                if (t != null && when.test(t)) {
                    throw new IllegalStateException(message);
                }
                return inner.predict(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return true;
            }
        };
    }

    @Test
    void aTaskThatFailsOnEveryAttemptAbortsTheJobWithOneClusterMessage() {
        ImageSet set = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        ExplanationOptions options = options(set, 4).build();
        ClusterException e = assertThrows(ClusterException.class, () -> SparkExplainJob.builder(set, modelFile,
                new FailingAlways(), options).out(dir.resolve("out")).partitions(2).build().run(spark));
        assertTrue(e.getMessage().startsWith("the Spark job was aborted: Task "), e.getMessage());
        assertTrue(e.getMessage().contains("failed 2 times") && e.getMessage().contains("injected failure of every "
                + "attempt") && e.getMessage().contains("the images done are kept"), e.getMessage());
        assertFalse(spark.sparkContext().isStopped(), "the session outlives the job");
    }

    @Test
    void relativePathsAreMadeAbsoluteOnTheDriverAndLeftoversOfKilledTasksAreCleaned() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(stack);
        assertFalse(relative.isAbsolute());
        ImageSet set = ImageSet.files(relative, ".npy", NpyDecoder.channelsFirst());
        assertEquals(relative.toString(), set.source(), "the source as given (it is in the recipe)");
        for (ImageInput.FileImage f : ((ImageSet.FileSet) set).inputs()) {
            assertEquals(stack.toString(), f.file(), "executors read the absolute file");
        }
        Path out = dir.resolve("out");
        Path leftover = Files.createDirectories(out.resolve(ImageFolders.IMAGES).resolve(".partial-3-123"));
        Files.writeString(leftover.resolve("contributions.npy"), "half");
        JobResult r = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), options(set, 4).build())
                .out(Path.of("").toAbsolutePath().relativize(out)).partitions(2).build().run(spark);
        assertEquals(N, r.explained());
        assertEquals(out, r.out());
        assertFalse(Files.exists(leftover), "the next run removes a killed task's partial folder");
    }

    @Test
    void badImagesFailAloneWithNamedErrorsAndTheRestFinish() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        double[] px = pixels(6, 5);
        for (int i = 0; i < 4; i++) {
            Npy.write(folder.resolve("good" + i + ".npy"), Arrays.copyOfRange(px, i * SHAPE.size(),
                    (i + 1) * SHAPE.size()), SHAPE.channels(), SHAPE.height(), SHAPE.width());
        }
        double[] nan = Arrays.copyOfRange(px, 4 * SHAPE.size(), 5 * SHAPE.size());
        nan[2 * 64 + 3 * 8 + 5] = Double.NaN;
        Npy.write(folder.resolve("nan.npy"), nan, SHAPE.channels(), SHAPE.height(), SHAPE.width());
        Npy.write(folder.resolve("small.npy"), new double[3 * 4 * 4], 3, 4, 4);
        Npy.write(folder.resolve("two.npy"), Arrays.copyOf(px, 2 * SHAPE.size()), 2, SHAPE.channels(), SHAPE.height(),
                SHAPE.width());
        ImageSet set = ImageSet.files(folder, ".npy", NpyDecoder.channelsFirst());
        assertEquals(List.of("good0", "good1", "good2", "good3", "nan", "small", "two-0", "two-1"), set.ids());
        ImageSet good = ImageSet.files(folder.resolve("good0.npy"), ".npy", NpyDecoder.channelsFirst());
        SparkExplainJob.Background bg = SparkExplainJob.drawBackground(
                ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst()), 3, 42);
        ExplanationOptions options = ExplanationOptions.builder().background(bg.ids(), bg.images()).build();
        Path out = dir.resolve("out");
        JobResult r = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), options).out(out).partitions(3)
                .build().run(spark);
        assertEquals(6, r.explained());
        List<ImageOutcome> failed = r.failures();
        assertEquals(List.of("nan", "small"), failed.stream().map(ImageOutcome::id).toList());
        assertTrue(failed.get(0).message().contains("NaN at channel 2, row 3, column 5"), failed.get(0).message());
        assertTrue(failed.get(1).message().contains("has shape 3x4x4"), failed.get(1).message());
        assertTrue(Files.readString(new ImageFolders(out).failure("nan")).contains("nan.npy"));
        assertTrue(Files.exists(new ImageFolders(out).failure("small")));
        assertFalse(Files.exists(new ImageFolders(out).folder("nan")));
        Explanations expected = ImageExplainer.of(TinyModel.load(modelFile), options)
                .explain(List.of("two-1"), List.of(set.read(List.of(7)).get(0)));
        assertSameAsSingleMachine(expected, out);
        assertEquals(1, good.ids().size());
    }

    @Test
    void aRerunSkipsDoneImagesAndRedoesACorruptOne() throws IOException {
        ImageSet set = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        ExplanationOptions options = options(set, 4).build();
        Path out = dir.resolve("out");
        SparkExplainJob job = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), options).out(out)
                .partitions(3).build();
        assertEquals(N, job.run(spark).explained());
        JobResult again = job.run(spark);
        assertEquals(N, again.skipped());
        assertEquals(0, again.explained());
        Path damaged = new ImageFolders(out).folder("4").resolve("contributions.npy");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 1;
        Files.write(damaged, bytes);
        JobResult third = job.run(spark);
        assertEquals(N - 1, third.skipped());
        assertEquals(ImageOutcome.Status.EXPLAINED, third.outcomes().get(4).status());
        Explanations expected = ImageExplainer.of(TinyModel.load(modelFile), options).explain(set.ids(), all(set));
        assertSameAsSingleMachine(expected, out);
        // another recipe never replaces a done folder: each image fails, naming the differing field
        ExplanationOptions other = options.toBuilder().seed(7).build();
        JobResult refused = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), other).out(out)
                .build().run(spark);
        assertEquals(N, refused.failures().size());
        assertTrue(refused.failures().get(0).message().contains("seed"), refused.failures().get(0).message());
        assertSameAsSingleMachine(expected, out);
    }

    @Test
    void aParquetTableGivesTheSameNumbers() {
        double[] px = pixels(N, 11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(RowFactory.create("img" + i, Arrays.stream(Arrays.copyOfRange(px, i * SHAPE.size(),
                    (i + 1) * SHAPE.size())).boxed().toArray()));
        }
        rows.add(RowFactory.create("short", new Double[] {1.0, 2.0}));
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("image", DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        String path = dir.resolve("table.parquet").toString();
        table.write().parquet(path);
        assertThrows(IllegalArgumentException.class, () -> ImageSet.parquet(spark, path, "id", "image", SHAPE));
        ImageSet set = ImageSet.parquet(spark, path, "name", "image", SHAPE);
        ImageSet stackSet = ImageSet.files(stack, ".npy", NpyDecoder.channelsFirst());
        SparkExplainJob.Background bg = SparkExplainJob.drawBackground(stackSet, 4, 42);
        ExplanationOptions options = ExplanationOptions.builder().background(bg.ids(), bg.images()).build();
        Path out = dir.resolve("out");
        JobResult r = SparkExplainJob.builder(set, modelFile, new TinyModel.Factory(), options).out(out)
                .partitions(2).build().run(spark);
        assertEquals(N, r.explained());
        assertEquals(List.of("short"), r.failures().stream().map(ImageOutcome::id).toList());
        List<String> ids = IntStream.range(0, N).mapToObj(i -> "img" + i).toList();
        Explanations expected = ImageExplainer.of(TinyModel.load(modelFile), options).explain(ids, all(stackSet));
        assertSameAsSingleMachine(expected, out);
    }
}
