package io.github.segshap.salt.prepare;

import io.github.segshap.salt.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.prepare.cache.CacheEntry;
import io.github.segshap.salt.prepare.cache.Fingerprints;
import io.github.segshap.salt.prepare.cache.ProcessedDataCache;
import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.data.DataFiles;
import io.github.segshap.salt.prepare.data.DataFormatException;
import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SaltDataset;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import io.github.segshap.salt.prepare.data.SaltSample;
import io.github.segshap.salt.prepare.data.SkippedSample;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.prepare.preprocess.Attributes;
import io.github.segshap.salt.prepare.preprocess.Resampling;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
 */
public final class DataPipeline {
    /** Version of the processing recipe; part of the cache key. Bump it when results change. */
    public static final int PIPELINE_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);
    private static final int RAW = 101;
    /** Side of the seed mode's attribute planes: 101 -> [::2] 51 -> resize 48. */
    private static final int SEED_WORK = 48;

    private final Path dataDir;
    private final int syntheticCount;
    private final PipelineParameters parameters;
    private final Path cacheDir;
    private final boolean progressBars;

    private DataPipeline(Builder b) {
        this.dataDir = b.dataDir;
        this.syntheticCount = b.syntheticCount;
        this.parameters = new PipelineParameters(b.resolution, b.axis, b.nanPolicy, b.badSamples, b.seed,
                b.testFraction, b.validationFraction);
        this.cacheDir = b.cacheDir;
        this.progressBars = b.progressBars;
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
     * {@link #lookUp cache lookup}, {@link #read}, {@link #split}, {@link #attributes} (after
     * {@link #resample resampling} in seed mode), {@link #handleNan NaN handling},
     * {@link #transform power transform}, {@link #finish final decimation} and {@link #store cache
     * write}.
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
            key = cacheKey(input);
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
        Map<DatasetSplit.Part, SplitArrays> parts = attributes(dataset, split);
        watch.lap("attributes (" + parameters.axis().name().toLowerCase(Locale.ROOT) + ") at " + workSize() + " x "
                + workSize());
        Map<DatasetSplit.Part, List<String>> dropped = handleNan(parts, split);
        watch.lap("NaN handling (" + parameters.nanPolicy().name().toLowerCase(Locale.ROOT) + ")");
        YeoJohnson yj = transform(parts, watch);
        Map<DatasetSplit.Part, SplitData> out = finish(parts);
        if (seedMode()) {
            watch.lap("decimate 48 -> 24");
        }

        Path entryDir = null;
        if (cache != null) {
            entryDir = store(cache, key, out, yj, dataset.skipped(), dropped, watch).directory();
            watch.lap("cache write " + entryDir);
        }
        PreparedData result = new PreparedData(parameters, out, yj, dataset.skipped(), dropped, entryDir, false,
                key == null ? null : key.fingerprint());
        LOG.info("data pipeline: {} in {} ms ({})", result, ms(start), watch.summary());
        return result;
    }

    private boolean seedMode() {
        return parameters.resolution() == ResolutionMode.SEED;
    }

    /** Side of the planes the attributes are computed on: 48 in seed mode, the raw 101 at full resolution. */
    private int workSize() {
        return seedMode() ? SEED_WORK : RAW;
    }

    /** The cache key of this pipeline on this input, and what the manifest records of the input. */
    private record CacheKey(String value, String fingerprint, CachedData.Input input) {
    }

    /** Fingerprints the input files and hashes them with the parameters and the pipeline version. */
    private CacheKey cacheKey(Path input) {
        Path root = SaltDatasetReader.resolveLayout(input);
        List<Path> files = inputFiles(root);
        String fingerprint = Fingerprints.ofFiles(root.getParent() == null ? root : root.getParent(), files);
        // the hashed text is kept as it was first written, so that existing cache entries stay valid
        ObjectNode keyNode = JsonFiles.JSON.createObjectNode();
        keyNode.put("pipelineVersion", PIPELINE_VERSION);
        keyNode.set("parameters", JsonFiles.JSON.valueToTree(parameters.asMap()));
        keyNode.put("fingerprint", fingerprint);
        String full = Fingerprints.sha256(keyNode.toString());
        return new CacheKey(full.substring(0, 24), Fingerprint.PREFIX + full, new CachedData.Input(
                input.toString(), dataDir == null ? "synthetic" : "directory", files.size(), fingerprint));
    }

    /** The cached result for the key, if an intact entry exists. */
    private Optional<PreparedData> lookUp(ProcessedDataCache cache, CacheKey key, Stopwatch watch) {
        Optional<CacheEntry> entry = cache.open(key.value());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        PreparedData cached = load(entry.get(), key.fingerprint());
        watch.lap("load cache " + entry.get().directory());
        return Optional.of(cached);
    }

    /** Reads the PNG pairs (bad samples per the policy, logged). */
    private SaltDataset read(Path input) {
        SaltDataset dataset;
        try (Progress bar = Progress.start(progressBars ? Progress.Mode.BARS : Progress.Mode.OFF, "read PNG pairs",
                "files", countPngs(input), System.out::println)) {
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
            SyntheticSaltGenerator g = SyntheticSaltGenerator.builder().count(syntheticCount).seed(parameters.seed())
                    .build();
            ids = IntStream.range(0, syntheticCount).mapToObj(g::id).toList();
        } else {
            DataFiles files = DataFiles.list(SaltDatasetReader.resolveLayout(dataDir));
            ids = files.ids().stream().filter(id -> files.images().containsKey(id) && files.masks().containsKey(id))
                    .toList();
        }
        return DatasetSplit.of(ids, parameters.seed(), parameters.testFraction(), parameters.validationFraction())
                .test();
    }

    /** The four attributes of every sample, per split (samples in parallel). */
    private Map<DatasetSplit.Part, SplitArrays> attributes(SaltDataset dataset, DatasetSplit split) {
        Map<String, SaltSample> byId = dataset.byId();
        Map<DatasetSplit.Part, SplitArrays> parts = new EnumMap<>(DatasetSplit.Part.class);
        try (Progress bar = Progress.start(progressBars ? Progress.Mode.BARS : Progress.Mode.OFF, "attributes",
                "samples", dataset.size(), System.out::println)) {
            for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
                parts.put(part, attributes(split.ids(part), byId, bar));
            }
        }
        return parts;
    }

    /**
     * Drops (or fills) the samples with NaN attributes, per the policy; returns the dropped ids per split.
     *
     * @throws IllegalStateException if a split ends up empty
     */
    private Map<DatasetSplit.Part, List<String>> handleNan(Map<DatasetSplit.Part, SplitArrays> parts,
                                                           DatasetSplit split) {
        Map<DatasetSplit.Part, List<String>> dropped = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
            SplitArrays s = parts.get(part);
            List<String> nan = s.nanIds();
            dropped.put(part, parameters.nanPolicy() == NanPolicy.DROP ? nan : List.of());
            if (!nan.isEmpty()) {
                if (parameters.nanPolicy() == NanPolicy.DROP) {
                    LOG.info("{}: dropped {} samples with NaN attributes: {}", part.fileName(), nan.size(), nan);
                    parts.put(part, s.without(nan));
                } else {
                    LOG.info("{}: filled NaN with {} in {} samples: {}", part.fileName(), NanPolicy.FILL_VALUE,
                            nan.size(), nan);
                    s.fillNan((float) NanPolicy.FILL_VALUE);
                }
            }
            if (parts.get(part).ids.isEmpty()) {
                throw new IllegalStateException("the " + part.fileName() + " split is empty after NaN handling ("
                        + nan.size() + " dropped of " + split.ids(part).size() + ")");
            }
        }
        return dropped;
    }

    /** Fits the Yeo-Johnson transform on the training pixels and applies it to every split in place. */
    private YeoJohnson transform(Map<DatasetSplit.Part, SplitArrays> parts, Stopwatch watch) {
        int plane = workSize() * workSize();
        SplitArrays train = parts.get(DatasetSplit.Part.TRAIN);
        YeoJohnson yj = YeoJohnson.fitImages(Attributes.CHANNELS, train.images, train.ids.size(), plane);
        LOG.info("Yeo-Johnson: {}", yj);
        watch.lap("Yeo-Johnson fit on " + train.ids.size() * (long) plane + " pixels per channel");
        for (SplitArrays s : parts.values()) {
            yj.transformInPlace(s.images, s.ids.size(), plane);
        }
        watch.lap("Yeo-Johnson transform");
        return yj;
    }

    /** The prepared splits: in seed mode every 2nd pixel (48 -> 24) of images and masks. */
    private Map<DatasetSplit.Part, SplitData> finish(Map<DatasetSplit.Part, SplitArrays> parts) {
        int c = Attributes.CHANNEL_COUNT;
        int work = workSize();
        Map<DatasetSplit.Part, SplitData> out = new EnumMap<>(DatasetSplit.Part.class);
        for (Map.Entry<DatasetSplit.Part, SplitArrays> e : parts.entrySet()) {
            SplitArrays s = e.getValue();
            if (seedMode()) {
                int side = Resampling.decimatedSize(work, 2);
                out.put(e.getKey(), new SplitData(s.ids, c, side, side, decimate(s.images, s.ids.size() * c, work),
                        decimate(s.masks, s.ids.size(), work)));
            } else {
                out.put(e.getKey(), new SplitData(s.ids, c, work, work, s.images, s.masks));
            }
        }
        return out;
    }

    private Path resolveInput() {
        if (dataDir != null) {
            return dataDir;
        }
        Path base = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"));
        SyntheticSaltGenerator g = SyntheticSaltGenerator.builder().count(syntheticCount).seed(parameters.seed())
                .build();
        Path dir = base.resolve("synthetic-v" + SyntheticSaltGenerator.VERSION + "-n" + syntheticCount + "-seed"
                + parameters.seed());
        LOG.info("no data folder given: using the synthetic salt data set ({} samples) in {}; real results need"
                + " the TGS data", syntheticCount, dir);
        return g.writeTo(dir);
    }

    /** The data files the reader reads and the fingerprint covers (one definition: {@link DataFiles}). */
    private static List<Path> inputFiles(Path root) {
        DataFiles files = DataFiles.list(root);
        if (!files.ignored().isEmpty()) {
            LOG.warn("ignored {} entries named *.png that are not files (a folder?): {}", files.ignored().size(),
                    files.ignored());
        }
        return files.files();
    }

    private static long countPngs(Path input) {
        return DataFiles.list(SaltDatasetReader.resolveLayout(input)).images().size();
    }

    /** Per-split working arrays before the final decimation. */
    private static final class SplitArrays {
        final List<String> ids;
        final float[] images;
        final float[] masks;
        final boolean[] hasNan;
        final int plane;

        SplitArrays(List<String> ids, float[] images, float[] masks, boolean[] hasNan, int plane) {
            this.ids = ids;
            this.images = images;
            this.masks = masks;
            this.hasNan = hasNan;
            this.plane = plane;
        }

        List<String> nanIds() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (hasNan[i]) {
                    out.add(ids.get(i));
                }
            }
            return out;
        }

        SplitArrays without(List<String> drop) {
            int c = Attributes.CHANNEL_COUNT;
            List<String> keep = new ArrayList<>();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!hasNan[i]) {
                    keep.add(ids.get(i));
                    idx.add(i);
                }
            }
            float[] im = new float[keep.size() * c * plane];
            float[] ma = new float[keep.size() * plane];
            for (int k = 0; k < idx.size(); k++) {
                System.arraycopy(images, idx.get(k) * c * plane, im, k * c * plane, c * plane);
                System.arraycopy(masks, idx.get(k) * plane, ma, k * plane, plane);
            }
            return new SplitArrays(keep, im, ma, new boolean[keep.size()], plane);
        }

        void fillNan(float value) {
            for (int i = 0; i < images.length; i++) {
                if (Float.isNaN(images[i])) {
                    images[i] = value;
                }
            }
        }
    }

    /** The attributes of one split's samples, computed in parallel on {@link #resample resampled} planes. */
    private SplitArrays attributes(List<String> ids, Map<String, SaltSample> byId, Progress bar) {
        int n = ids.size();
        int work = workSize();
        int plane = work * work;
        int c = Attributes.CHANNEL_COUNT;
        float[] images = new float[n * c * plane];
        float[] masks = new float[n * plane];
        boolean[] hasNan = new boolean[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            SaltSample s = byId.get(ids.get(i));
            if (s.height() != RAW || s.width() != RAW) {
                throw new IllegalStateException("sample " + s.id() + " is " + s.height() + " x " + s.width()
                        + ", expected " + RAW + " x " + RAW);
            }
            double[] img = resample(s.imageAsDoubles());
            double[] mask = resample(s.maskAsDoubles());
            double[] stack = Attributes.stack(img, work, work, parameters.axis());
            int base = i * c * plane;
            boolean nan = false;
            for (int k = 0; k < stack.length; k++) {
                images[base + k] = (float) stack[k];
                nan |= Double.isNaN(stack[k]);
            }
            hasNan[i] = nan;
            for (int k = 0; k < plane; k++) {
                masks[i * plane + k] = mask[k] != 0 ? 1f : 0f;
            }
            bar.accept(1);
        });
        return new SplitArrays(List.copyOf(ids), images, masks, hasNan, plane);
    }

    /**
     * A grey section of any size (0..255, row-major) prepared as the training images were: in seed
     * mode every 2nd sample and resized by the same 51 -> 48 factor, the four attributes, the
     * training set's power transform ({@code data.transform()}, applied to float32 values as in the
     * pipeline), then in seed mode every 2nd sample; at full resolution the attributes and the
     * transform at the section's size. A NaN attribute (a constant window) becomes 0.
     *
     * @param grey   {@code height x width} grey values; not modified
     * @param data   the prepared data whose resolution, axis and transform are used
     * @return the section {@code [4, h, w]} at the size the model's tiles have
     */
    public static io.github.segshap.core.image.Image prepareSection(double[] grey, int height, int width,
                                                                    PreparedData data) {
        boolean seed = data.resolution() == ResolutionMode.SEED;
        double[] plane = grey;
        int h = height;
        int w = width;
        if (seed) {
            int hd = Resampling.decimatedSize(height, 2);
            int wd = Resampling.decimatedSize(width, 2);
            int half = Resampling.decimatedSize(RAW, 2);
            h = (int) Math.round((double) hd * SEED_WORK / half);
            w = (int) Math.round((double) wd * SEED_WORK / half);
            plane = Resampling.resize(Resampling.decimate(grey, height, width, 2), hd, wd, h, w);
        }
        double[] stack = Attributes.stack(plane, h, w, data.axis());
        float[] f = new float[stack.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = Double.isNaN(stack[k]) ? 0f : (float) stack[k];
        }
        data.transform().transformInPlace(f, 1, h * w);
        int c = Attributes.CHANNEL_COUNT;
        int oh = seed ? Resampling.decimatedSize(h, 2) : h;
        int ow = seed ? Resampling.decimatedSize(w, 2) : w;
        double[] out = new double[c * oh * ow];
        int step = seed ? 2 : 1;
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < oh; r++) {
                for (int col = 0; col < ow; col++) {
                    out[(ch * oh + r) * ow + col] = f[(ch * h + step * r) * w + step * col];
                }
            }
        }
        return io.github.segshap.core.image.Image.of(new io.github.segshap.core.image.ImageShape(c, oh, ow), out);
    }

    /** A raw 101 x 101 plane at the attributes' size: in seed mode [::2] to 51, then resized to 48. */
    private double[] resample(double[] raw) {
        if (!seedMode()) {
            return raw;
        }
        int half = Resampling.decimatedSize(RAW, 2);
        return Resampling.resize(Resampling.decimate(raw, RAW, RAW, 2), half, half, SEED_WORK, SEED_WORK);
    }

    /** Every 2nd pixel of {@code planes} square planes of side {@code side}. */
    private static float[] decimate(float[] planes, int count, int side) {
        int half = Resampling.decimatedSize(side, 2);
        float[] out = new float[count * half * half];
        IntStream.range(0, count).parallel().forEach(p -> {
            for (int r = 0; r < half; r++) {
                for (int col = 0; col < half; col++) {
                    out[(p * half + r) * half + col] = planes[p * side * side + 2 * r * side + 2 * col];
                }
            }
        });
        return out;
    }

    /** Writes the prepared splits, the transform and what produced them as a cache entry. */
    private CacheEntry store(ProcessedDataCache cache, CacheKey key, Map<DatasetSplit.Part, SplitData> out,
                             YeoJohnson yj, List<SkippedSample> skipped, Map<DatasetSplit.Part, List<String>> dropped,
                             Stopwatch watch) {
        ProcessedDataCache.Contents contents = new ProcessedDataCache.Contents();
        Map<String, CachedData.Split> splits = new LinkedHashMap<>();
        for (Map.Entry<DatasetSplit.Part, SplitData> e : out.entrySet()) {
            String name = e.getKey().fileName();
            SplitData s = e.getValue();
            contents.array("x_" + name, s.imagesUnsafe(), s.count(), s.channels(), s.height(), s.width());
            contents.array("y_" + name, s.masksUnsafe(), s.count(), 1, s.height(), s.width());
            contents.text(name + ".txt", s.ids().isEmpty() ? "" : String.join("\n", s.ids()) + "\n");
            splits.put(name, new CachedData.Split(s.count(), List.of(s.count(), s.channels(), s.height(), s.width()),
                    s.ids(), dropped.getOrDefault(e.getKey(), List.of())));
        }
        contents.text("power_transform.json", yj.toJson());
        String v = DataPipeline.class.getPackage().getImplementationVersion();
        CachedData data = new CachedData(PIPELINE_VERSION, parameters, key.input(), new CachedData.Versions(
                v == null ? "development" : v, System.getProperty("java.version"), SyntheticSaltGenerator.VERSION),
                String.join(",", Attributes.CHANNELS), splits, skipped.stream().map(s -> new CachedData.Skipped(
                s.id(), s.file().toString(), s.reason())).toList(), watch.summary());
        return cache.write(key.value(), data, contents);
    }

    /** The prepared data of a cache entry (entries of earlier versions too). */
    private PreparedData load(CacheEntry entry, String fingerprint) {
        CachedData data;
        try {
            data = JsonFiles.JSON.treeToValue(entry.data(), CachedData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of the cache entry " + entry.directory() + ": "
                    + e.getMessage(), e);
        }
        Map<DatasetSplit.Part, SplitData> out = new EnumMap<>(DatasetSplit.Part.class);
        Map<DatasetSplit.Part, List<String>> dropped = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
            String name = part.fileName();
            CachedData.Split sn = data.splits().get(name);
            dropped.put(part, sn.droppedForNan() == null ? List.of() : List.copyOf(sn.droppedForNan()));
            NpyArray x = entry.array("x_" + name);
            NpyArray y = entry.array("y_" + name);
            int[] shape = x.shape();
            out.put(part, new SplitData(new ArrayList<>(sn.ids()), shape[1], shape[2], shape[3], x.toFloats(),
                    y.toFloats()));
        }
        List<SkippedSample> skipped = new ArrayList<>();
        for (CachedData.Skipped s : data.skipped() == null ? List.<CachedData.Skipped>of() : data.skipped()) {
            skipped.add(new SkippedSample(s.id(), Path.of(s.file()), s.reason()));
        }
        YeoJohnson yj = YeoJohnson.fromJson(entry.text("power_transform.json"));
        return new PreparedData(parameters, out, yj, skipped, dropped, entry.directory(), true, fingerprint);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Logs the duration of each step. */
    private static final class Stopwatch {
        private long last = System.nanoTime();
        private final StringBuilder summary = new StringBuilder();

        void lap(String step) {
            long now = System.nanoTime();
            long ms = (now - last) / 1_000_000;
            last = now;
            LOG.info("{} ms  {}", ms, step);
            if (summary.length() > 0) {
                summary.append("; ");
            }
            summary.append(step.replaceAll(" /.*", "").replaceAll(" \\S*/\\S*", "")).append(' ').append(ms)
                    .append(" ms");
        }

        String summary() {
            return summary.toString();
        }
    }
}
