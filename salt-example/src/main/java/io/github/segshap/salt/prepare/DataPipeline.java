package io.github.segshap.salt.prepare;

import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.cache.CacheEntry;
import io.github.segshap.salt.prepare.cache.ProcessedDataCache;
import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.data.DataFiles;
import io.github.segshap.salt.prepare.data.DataFormatException;
import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SaltDataset;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import io.github.segshap.salt.prepare.data.SkippedSample;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TGS salt data pipeline in one call: read, split, resample, attributes, NaN handling,
 * Yeo-Johnson, cache.
 *
 * <pre>{@code
 * PreparedData data = DataPipeline.builder()
 *         .dataDir(Path.of("path/to/tgs"))         // omit to use the synthetic default data set
 *         .resolution(ResolutionMode.SEED)         // or FULL
 *         .axis(AttributeAxis.HORIZONTAL)          // or VERTICAL
 *         .cacheDir(Path.of("salt-output/cache"))  // omit for no cache
 *         .build()
 *         .run();
 * float[] x = data.train().images();               // N x 4 x 24 x 24
 * float[] y = data.train().masks();                // N x 1 x 24 x 24, 0 / 1
 * }</pre>
 *
 * <p>Steps (each timed in the log at INFO):
 * <ol>
 *   <li><b>input</b>: the Kaggle layout under {@link Builder#dataDir}, or, without one, the
 *       {@link SyntheticSaltGenerator} data set (default 400 samples) written under the cache folder
 *       (or the system temporary folder);</li>
 *   <li><b>cache lookup</b>: the key hashes the {@link PipelineParameters}, the pipeline version
 *       and a fingerprint of the input (name, size and SHA-256 of every image and mask
 *       {@link DataFiles} lists: the files the reader reads; {@code depths.csv} is neither read nor
 *       fingerprinted, nothing here uses depths); an intact entry is loaded instead of recomputing;</li>
 *   <li><b>read</b> with {@link SaltDatasetReader} (bad samples per {@link BadSamplePolicy});</li>
 *   <li><b>split</b> with {@link DatasetSplit#of} (seed, 0.2 test, 0.2 validation); too few samples
 *       for every part to get one is a {@link DataFormatException} saying how many there are and how
 *       many the split needs;</li>
 *   <li><b>attributes</b>: {@link ResolutionMode#SEED}: 101 -> [::2] 51 -> resize 48, the four
 *       channels at 48 x 48; masks through the same resampling, then {@code != 0}.
 *       {@link ResolutionMode#FULL}: the four channels at 101 x 101. Images are 0..255 floats as
 *       in the original (not scaled to 0..1);</li>
 *   <li><b>NaN</b>: {@link NanPolicy#DROP} removes and reports samples with any NaN,
 *       {@link NanPolicy#FILL} replaces NaN by 0;</li>
 *   <li><b>power transform</b>: {@link YeoJohnson} fitted per channel on all training pixels (at 48 x 48
 *       in SEED mode, as the original) and applied to every split;</li>
 *   <li>SEED mode only: every 2nd pixel, 48 -> 24, for images and masks;</li>
 *   <li><b>cache write</b>: {@code x_train.npy} (N x 4 x H x W float32), {@code y_train.npy}
 *       (N x 1 x H x W float32 0 / 1), the same for validation and test, {@code train.txt},
 *       {@code validation.txt}, {@code test.txt} (ids in array order), {@code power_transform.json} and
 *       {@code manifest.json}.</li>
 * </ol>
 * Samples are processed in parallel; the result does not depend on the number of threads. The
 * attributes are computed in double precision and stored as float32; the transform is fitted on
 * those float32 values.
 *
 * <p>Here the order of the steps; each concept in its own class: the cache key ({@code CacheKey}),
 * the resampling of a {@link ResolutionMode} ({@code ModeResampling}), the steps after the split
 * ({@code SplitProcessing}), the cache entry ({@code PreparedDataEntry}); a section of any size is
 * prepared the same way by {@link SectionPreparation}.
 */
public final class DataPipeline {
    /** Version of the processing recipe; part of the cache key. Bump it when results change. */
    public static final int PIPELINE_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);

    private final Path dataDir;
    private final int syntheticCount;
    private final PipelineParameters parameters;
    private final Path cacheDir;
    private final ProgressMode progress;

    private DataPipeline(Builder b) {
        this.dataDir = b.dataDir;
        this.syntheticCount = b.syntheticCount;
        this.parameters = new PipelineParameters(b.resolution, b.axis, b.nanPolicy, b.badSamples, b.seed,
                b.testFraction, b.validationFraction);
        this.cacheDir = b.cacheDir;
        this.progress = b.progressBars ? ProgressMode.BARS : ProgressMode.OFF;
    }

    /**
     * A builder with the reproduction's defaults: synthetic data ({@value SyntheticSaltGenerator#DEFAULT_COUNT} samples) unless
     * {@link Builder#dataDir} is set, {@link ResolutionMode#SEED}, {@link AttributeAxis#HORIZONTAL},
     * {@link NanPolicy#DROP}, {@link BadSamplePolicy#FAIL}, seed {@value SaltDefaults#SEED}, no cache, progress bars when a
     * console is attached.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link DataPipeline}. */
    public static final class Builder {
        private Path dataDir;
        private int syntheticCount = SyntheticSaltGenerator.DEFAULT_COUNT;
        private ResolutionMode resolution = ResolutionMode.SEED;
        private AttributeAxis axis = AttributeAxis.HORIZONTAL;
        private NanPolicy nanPolicy = NanPolicy.DROP;
        private BadSamplePolicy badSamples = BadSamplePolicy.FAIL;
        private long seed = SaltDefaults.SEED;
        private double testFraction = DatasetSplit.DEFAULT_TEST_FRACTION;
        private double validationFraction = DatasetSplit.DEFAULT_VALIDATION_FRACTION;
        private Path cacheDir;
        private boolean progressBars = System.console() != null;

        private Builder() {
        }

        /** The TGS data: a folder with {@code train/images} and {@code train/masks}, or that {@code train} folder. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Use the synthetic data set of {@code count} samples (the default, with 400) instead of real data. */
        public Builder synthetic(int count) {
            if (count < 5) {
                throw new IllegalArgumentException("the synthetic data set needs at least 5 samples, got " + count);
            }
            this.dataDir = null;
            this.syntheticCount = count;
            return this;
        }

        /** Resolution mode; default {@link ResolutionMode#SEED}. */
        public Builder resolution(ResolutionMode resolution) {
            this.resolution = Objects.requireNonNull(resolution, "resolution");
            return this;
        }

        /** Attribute axis; default {@link AttributeAxis#HORIZONTAL} (the original's). */
        public Builder axis(AttributeAxis axis) {
            this.axis = Objects.requireNonNull(axis, "axis");
            return this;
        }

        /** NaN handling; default {@link NanPolicy#DROP}. */
        public Builder nanPolicy(NanPolicy nanPolicy) {
            this.nanPolicy = Objects.requireNonNull(nanPolicy, "nanPolicy");
            return this;
        }

        /** Bad-sample handling of the reader; default {@link BadSamplePolicy#FAIL}. */
        public Builder badSamples(BadSamplePolicy badSamples) {
            this.badSamples = Objects.requireNonNull(badSamples, "badSamples");
            return this;
        }

        /** Seed of the split and of the synthetic data; default {@value SaltDefaults#SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Split fractions; default 0.2 and 0.2 (2560 / 640 / 800 of 4000). */
        public Builder fractions(double test, double validation) {
            if (!(test > 0 && test < 1) || !(validation > 0 && validation < 1)) {
                throw new IllegalArgumentException("fractions must be in (0, 1): test " + test + ", validation "
                        + validation);
            }
            this.testFraction = test;
            this.validationFraction = validation;
            return this;
        }

        /** Folder of the processed-data cache; {@code null} (the default) for none. */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /** Progress bars on standard error; default on when a console is attached. */
        public Builder progressBars(boolean progressBars) {
            this.progressBars = progressBars;
            return this;
        }

        /** The pipeline. */
        public DataPipeline build() {
            return new DataPipeline(this);
        }
    }

    /** The parameters this pipeline runs with. */
    public PipelineParameters parameters() {
        return parameters;
    }


    /**
     * Runs the pipeline (or loads its cached result): {@link #resolveInput input},
     * {@link #lookUp cache lookup}, {@link #read}, {@link #split}, then {@code SplitProcessing}'s
     * attributes, NaN handling, power transform and final decimation, and the cache write
     * ({@code PreparedDataEntry.write}).
     *
     * @throws io.github.segshap.salt.prepare.data.DataFormatException for unusable input data, naming the file
     * @throws IllegalStateException if a split ends up empty (for example every sample dropped)
     */
    public PreparedData run() {
        long start = System.nanoTime();
        Stopwatch watch = new Stopwatch();
        Path input = resolveInput();
        watch.lap("input " + input);

        ProcessedDataCache cache = cacheDir == null ? null : new ProcessedDataCache(cacheDir);
        CacheKey key = null;
        if (cache != null) {
            key = CacheKey.of(input, parameters, dataDir == null);
            watch.lap("fingerprint of " + key.input().files() + " input files");
            Optional<PreparedData> cached = lookUp(cache, key, watch);
            if (cached.isPresent()) {
                LOG.info("data pipeline: {} from cache in {} ms", cached.get(), ms(start));
                return cached.get();
            }
        }

        SaltDataset dataset = read(input);
        watch.lap("read " + dataset.size() + " pairs" + (dataset.skipped().isEmpty() ? ""
                : " (" + dataset.skipped().size() + " skipped)"));
        DatasetSplit split = split(dataset);
        watch.lap("split " + split.train().size() + " / " + split.validation().size() + " / " + split.test().size());
        SplitProcessing processing = new SplitProcessing(parameters, progress);
        Map<DatasetSplit.Part, SplitArrays> parts = processing.attributes(dataset, split);
        int work = processing.workSize();
        watch.lap("attributes (" + parameters.axis().name().toLowerCase(Locale.ROOT) + ") at " + work + " x " + work);
        Map<DatasetSplit.Part, List<String>> dropped = processing.handleNan(parts, split);
        watch.lap("NaN handling (" + parameters.nanPolicy().name().toLowerCase(Locale.ROOT) + ")");
        YeoJohnson yj = processing.transform(parts, watch);
        Map<DatasetSplit.Part, SplitData> out = processing.finish(parts);
        if (parameters.resolution() == ResolutionMode.SEED) {
            watch.lap("decimate 48 -> 24");
        }

        Path entryDir = null;
        if (cache != null) {
            entryDir = PreparedDataEntry.write(cache, key, parameters, out, yj, dataset.skipped(), dropped,
                    watch.summary()).directory();
            watch.lap("cache write " + entryDir);
        }
        PreparedData result = new PreparedData(parameters, out, yj, dataset.skipped(), dropped, entryDir, false,
                key == null ? null : key.fingerprint());
        LOG.info("data pipeline: {} in {} ms ({})", result, ms(start), watch.summary());
        return result;
    }

    /** The cached result for the key, if an intact entry exists. */
    private Optional<PreparedData> lookUp(ProcessedDataCache cache, CacheKey key, Stopwatch watch) {
        Optional<CacheEntry> entry = cache.open(key.value());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        PreparedData cached = PreparedDataEntry.read(entry.get(), parameters, key.fingerprint());
        watch.lap("load cache " + entry.get().directory());
        return Optional.of(cached);
    }

    /** Reads the PNG pairs (bad samples per the policy, logged). */
    private SaltDataset read(Path input) {
        SaltDataset dataset;
        long pngs = DataFiles.list(SaltDatasetReader.resolveLayout(input)).images().size();
        try (Progress bar = Progress.start(progress, "read PNG pairs", "files", pngs, System.out::println)) {
            dataset = SaltDatasetReader.builder().policy(parameters.badSamples()).progress(bar).build().read(input);
        }
        for (SkippedSample s : dataset.skipped()) {
            LOG.warn("skipped sample {}", s);
        }
        return dataset;
    }

    /**
     * Splits the ids into train, validation and test.
     *
     * @throws DataFormatException when there are too few samples for every part to get one
     */
    private DatasetSplit split(SaltDataset dataset) {
        DatasetSplit split = DatasetSplit.of(dataset.ids(), parameters.seed(), parameters.testFraction(),
                parameters.validationFraction());
        if (split.train().isEmpty() || split.validation().isEmpty() || split.test().isEmpty()) {
            int needed = DatasetSplit.smallestComplete(parameters.testFraction(), parameters.validationFraction());
            throw new DataFormatException(dataset.root(), "too few images for the split: " + dataset.size()
                    + " usable image/mask pair" + (dataset.size() == 1 ? "" : "s") + (dataset.skipped().isEmpty() ? ""
                    : " (" + dataset.skipped().size() + " skipped)") + " give train " + split.train().size()
                    + ", validation " + split.validation().size() + ", test " + split.test().size() + "; the split ("
                    + Math.round(parameters.testFraction() * 100) + "% test, "
                    + Math.round(parameters.validationFraction() * 100) + "% of the rest validation) needs at least "
                    + needed + " pairs");
        }
        return split;
    }

    /**
     * The test ids the split of this pipeline's input will hold, from the file names alone (no
     * image is decoded): the ids a later stage may be asked for. Samples that reading skips or NaN
     * handling drops may still leave it; the synthetic data set is listed without being written.
     *
     * @throws DataFormatException for a data folder that is not in the Kaggle layout
     */
    public List<String> plannedTestIds() {
        List<String> ids;
        if (dataDir == null) {
            SyntheticSaltGenerator g = synthetic();
            ids = IntStream.range(0, syntheticCount).mapToObj(g::id).toList();
        } else {
            DataFiles files = DataFiles.list(SaltDatasetReader.resolveLayout(dataDir));
            ids = files.ids().stream().filter(id -> files.images().containsKey(id) && files.masks().containsKey(id))
                    .toList();
        }
        return DatasetSplit.of(ids, parameters.seed(), parameters.testFraction(), parameters.validationFraction())
                .test();
    }

    /** The data folder, or the synthetic data set written under the cache folder (or the temporary folder). */
    private Path resolveInput() {
        if (dataDir != null) {
            return dataDir;
        }
        Path base = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = base.resolve("synthetic-v" + SyntheticSaltGenerator.VERSION + "-n" + syntheticCount + "-seed"
                + parameters.seed());
        LOG.info("no data folder given: using the synthetic salt data set ({} samples) in {}; real results need"
                + " the TGS data", syntheticCount, dir);
        return synthetic().writeTo(dir);
    }

    /** The generator of the synthetic data set this pipeline reads without a data folder. */
    private SyntheticSaltGenerator synthetic() {
        return SyntheticSaltGenerator.builder().count(syntheticCount).seed(parameters.seed()).build();
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
