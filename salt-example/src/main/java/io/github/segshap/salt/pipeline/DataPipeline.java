package io.github.segshap.salt.pipeline;

import io.github.segshap.salt.SaltDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.salt.cache.CacheEntry;
import io.github.segshap.salt.cache.Fingerprints;
import io.github.segshap.salt.cache.ProcessedDataCache;
import io.github.segshap.salt.data.BadSamplePolicy;
import io.github.segshap.salt.data.DatasetSplit;
import io.github.segshap.salt.data.SaltDataset;
import io.github.segshap.salt.data.SaltDatasetReader;
import io.github.segshap.salt.data.SaltSample;
import io.github.segshap.salt.data.SkippedSample;
import io.github.segshap.salt.data.SyntheticSaltGenerator;
import io.github.segshap.salt.preprocess.AttributeAxis;
import io.github.segshap.salt.preprocess.Attributes;
import io.github.segshap.salt.preprocess.Resampling;
import io.github.segshap.salt.preprocess.YeoJohnson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 *       and a fingerprint of the input (name, size and SHA-256 of every image, mask and
 *       {@code depths.csv}); an intact entry is loaded instead of recomputing;</li>
 *   <li><b>read</b> with {@link SaltDatasetReader} (bad samples per {@link BadSamplePolicy});</li>
 *   <li><b>split</b> with {@link DatasetSplit#of} (seed, 0.2 test, 0.2 validation);</li>
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW = 101;

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
     * Runs the pipeline (or loads its cached result).
     *
     * @throws io.github.segshap.salt.data.DataFormatException for unusable input data, naming the file
     * @throws IllegalStateException if a split ends up empty (for example every sample dropped)
     */
    public PreparedData run() {
        long start = System.nanoTime();
        Stopwatch watch = new Stopwatch();
        Path input = resolveInput();
        watch.lap("input " + input);

        String key = null;
        ProcessedDataCache cache = cacheDir == null ? null : new ProcessedDataCache(cacheDir);
        ObjectNode inputInfo = JSON.createObjectNode();
        if (cache != null) {
            Path root = SaltDatasetReader.resolveLayout(input);
            List<Path> files = inputFiles(root);
            String fingerprint = Fingerprints.ofFiles(root.getParent() == null ? root : root.getParent(), files);
            inputInfo.put("path", input.toString());
            inputInfo.put("kind", dataDir == null ? "synthetic" : "directory");
            inputInfo.put("files", files.size());
            inputInfo.put("fingerprint", fingerprint);
            ObjectNode keyNode = JSON.createObjectNode();
            keyNode.put("pipelineVersion", PIPELINE_VERSION);
            keyNode.set("parameters", JSON.valueToTree(parameters.asMap()));
            keyNode.put("fingerprint", fingerprint);
            key = Fingerprints.sha256(keyNode.toString()).substring(0, 24);
            watch.lap("fingerprint of " + files.size() + " input files");
            Optional<CacheEntry> entry = cache.open(key);
            if (entry.isPresent()) {
                PreparedData cached = load(entry.get());
                watch.lap("load cache " + entry.get().directory());
                LOG.info("data pipeline: {} from cache in {} ms", cached, ms(start));
                return cached;
            }
        }

        SaltDataset dataset;
        try (Progress bar = Progress.start(progressBars, "read PNG pairs", countPngs(input))) {
            dataset = SaltDatasetReader.builder().policy(parameters.badSamples()).progress(bar).build().read(input);
        }
        for (SkippedSample s : dataset.skipped()) {
            LOG.warn("skipped sample {}", s);
        }
        watch.lap("read " + dataset.size() + " pairs" + (dataset.skipped().isEmpty() ? ""
                : " (" + dataset.skipped().size() + " skipped)"));

        DatasetSplit split = DatasetSplit.of(dataset.ids(), parameters.seed(), parameters.testFraction(),
                parameters.validationFraction());
        watch.lap("split " + split.train().size() + " / " + split.validation().size() + " / " + split.test().size());

        boolean seedMode = parameters.resolution() == ResolutionMode.SEED;
        int work = seedMode ? 48 : RAW;
        int plane = work * work;
        int c = Attributes.CHANNEL_COUNT;
        Map<String, SaltSample> byId = dataset.byId();
        Map<DatasetSplit.Part, Stage> stages = new EnumMap<>(DatasetSplit.Part.class);
        try (Progress bar = Progress.start(progressBars, "attributes", dataset.size())) {
            for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
                stages.put(part, attributes(split.ids(part), byId, work, bar));
            }
        }
        watch.lap("attributes (" + parameters.axis().name().toLowerCase(java.util.Locale.ROOT) + ") at " + work
                + " x " + work);

        Map<DatasetSplit.Part, List<String>> dropped = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
            Stage s = stages.get(part);
            List<String> nan = s.nanIds();
            dropped.put(part, parameters.nanPolicy() == NanPolicy.DROP ? nan : List.of());
            if (!nan.isEmpty()) {
                if (parameters.nanPolicy() == NanPolicy.DROP) {
                    LOG.info("{}: dropped {} samples with NaN attributes: {}", part.fileName(), nan.size(), nan);
                    stages.put(part, s.without(nan));
                } else {
                    LOG.info("{}: filled NaN with {} in {} samples: {}", part.fileName(), NanPolicy.FILL_VALUE,
                            nan.size(), nan);
                    s.fillNan((float) NanPolicy.FILL_VALUE);
                }
            }
            if (stages.get(part).ids.isEmpty()) {
                throw new IllegalStateException("the " + part.fileName() + " split is empty after NaN handling ("
                        + nan.size() + " dropped of " + split.ids(part).size() + ")");
            }
        }
        watch.lap("NaN handling (" + parameters.nanPolicy().name().toLowerCase(java.util.Locale.ROOT) + ")");

        Stage train = stages.get(DatasetSplit.Part.TRAIN);
        YeoJohnson yj = YeoJohnson.fitImages(Attributes.CHANNELS, train.images, train.ids.size(), plane);
        LOG.info("Yeo-Johnson: {}", yj);
        watch.lap("Yeo-Johnson fit on " + train.ids.size() * (long) plane + " pixels per channel");
        for (Stage s : stages.values()) {
            yj.transformInPlace(s.images, s.ids.size(), plane);
        }
        watch.lap("Yeo-Johnson transform");

        Map<DatasetSplit.Part, SplitData> out = new EnumMap<>(DatasetSplit.Part.class);
        for (Map.Entry<DatasetSplit.Part, Stage> e : stages.entrySet()) {
            Stage s = e.getValue();
            if (seedMode) {
                out.put(e.getKey(), new SplitData(s.ids, c, 24, 24, decimate(s.images, s.ids.size() * c, 48),
                        decimate(s.masks, s.ids.size(), 48)));
            } else {
                out.put(e.getKey(), new SplitData(s.ids, c, work, work, s.images, s.masks));
            }
        }
        if (seedMode) {
            watch.lap("decimate 48 -> 24");
        }

        Path entryDir = null;
        if (cache != null) {
            entryDir = store(cache, key, inputInfo, out, yj, dataset.skipped(), dropped, watch).directory();
            watch.lap("cache write " + entryDir);
        }
        PreparedData result = new PreparedData(parameters, out, yj, dataset.skipped(), dropped, entryDir, false);
        LOG.info("data pipeline: {} in {} ms ({})", result, ms(start), watch.summary());
        return result;
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

    private static List<Path> inputFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("images", "masks")) {
            try (Stream<Path> s = Files.list(root.resolve(sub))) {
                s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root.resolve(sub), e);
            }
        }
        for (Path d : new Path[] {root.resolve("depths.csv"),
                root.getParent() == null ? null : root.getParent().resolve("depths.csv")}) {
            if (d != null && Files.isRegularFile(d)) {
                files.add(d);
                break;
            }
        }
        return files;
    }

    private static long countPngs(Path input) {
        try (Stream<Path> s = Files.list(SaltDatasetReader.resolveLayout(input).resolve("images"))) {
            return s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Per-split working arrays before the final decimation. */
    private static final class Stage {
        final List<String> ids;
        final float[] images;
        final float[] masks;
        final boolean[] hasNan;
        final int plane;

        Stage(List<String> ids, float[] images, float[] masks, boolean[] hasNan, int plane) {
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

        Stage without(List<String> drop) {
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
            return new Stage(keep, im, ma, new boolean[keep.size()], plane);
        }

        void fillNan(float value) {
            for (int i = 0; i < images.length; i++) {
                if (Float.isNaN(images[i])) {
                    images[i] = value;
                }
            }
        }
    }

    private Stage attributes(List<String> ids, Map<String, SaltSample> byId, int work, Progress bar) {
        int n = ids.size();
        int plane = work * work;
        int c = Attributes.CHANNEL_COUNT;
        float[] images = new float[n * c * plane];
        float[] masks = new float[n * plane];
        boolean[] hasNan = new boolean[n];
        boolean seedMode = parameters.resolution() == ResolutionMode.SEED;
        IntStream.range(0, n).parallel().forEach(i -> {
            SaltSample s = byId.get(ids.get(i));
            if (s.height() != RAW || s.width() != RAW) {
                throw new IllegalStateException("sample " + s.id() + " is " + s.height() + " x " + s.width()
                        + ", expected " + RAW + " x " + RAW);
            }
            double[] img = s.imageAsDoubles();
            double[] mask = s.maskAsDoubles();
            if (seedMode) {
                img = Resampling.resize(Resampling.decimate(img, RAW, RAW, 2), 51, 51, 48, 48);
                mask = Resampling.resize(Resampling.decimate(mask, RAW, RAW, 2), 51, 51, 48, 48);
            }
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
        return new Stage(List.copyOf(ids), images, masks, hasNan, plane);
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

    private CacheEntry store(ProcessedDataCache cache, String key, ObjectNode inputInfo,
                             Map<DatasetSplit.Part, SplitData> out, YeoJohnson yj, List<SkippedSample> skipped,
                             Map<DatasetSplit.Part, List<String>> dropped, Stopwatch watch) {
        ProcessedDataCache.Contents contents = new ProcessedDataCache.Contents();
        ObjectNode data = JSON.createObjectNode();
        data.put("pipelineVersion", PIPELINE_VERSION);
        data.set("parameters", JSON.valueToTree(parameters.asMap()));
        data.set("input", inputInfo);
        ObjectNode versions = data.putObject("versions");
        String v = DataPipeline.class.getPackage().getImplementationVersion();
        versions.put("segshap", v == null ? "development" : v);
        versions.put("java", System.getProperty("java.version"));
        versions.put("syntheticGenerator", SyntheticSaltGenerator.VERSION);
        data.put("channels", String.join(",", Attributes.CHANNELS));
        ObjectNode splits = data.putObject("splits");
        for (Map.Entry<DatasetSplit.Part, SplitData> e : out.entrySet()) {
            String name = e.getKey().fileName();
            SplitData s = e.getValue();
            contents.array("x_" + name, s.imagesUnsafe(), s.count(), s.channels(), s.height(), s.width());
            contents.array("y_" + name, s.masksUnsafe(), s.count(), 1, s.height(), s.width());
            contents.text(name + ".txt", s.ids().isEmpty() ? "" : String.join("\n", s.ids()) + "\n");
            ObjectNode sn = splits.putObject(name);
            sn.put("count", s.count());
            ArrayNode shape = sn.putArray("shape");
            shape.add(s.count()).add(s.channels()).add(s.height()).add(s.width());
            ArrayNode ids = sn.putArray("ids");
            s.ids().forEach(ids::add);
            ArrayNode d = sn.putArray("droppedForNan");
            dropped.getOrDefault(e.getKey(), List.of()).forEach(d::add);
        }
        ArrayNode sk = data.putArray("skipped");
        for (SkippedSample s : skipped) {
            ObjectNode o = sk.addObject();
            o.put("id", s.id());
            o.put("file", s.file().toString());
            o.put("reason", s.reason());
        }
        contents.text("power_transform.json", yj.toJson());
        data.put("timings", watch.summary());
        return cache.write(key, data, contents);
    }

    private PreparedData load(CacheEntry entry) {
        JsonNode data = entry.data();
        Map<DatasetSplit.Part, SplitData> out = new EnumMap<>(DatasetSplit.Part.class);
        Map<DatasetSplit.Part, List<String>> dropped = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
            String name = part.fileName();
            JsonNode sn = data.get("splits").get(name);
            List<String> ids = new ArrayList<>();
            sn.get("ids").forEach(n -> ids.add(n.asText()));
            List<String> d = new ArrayList<>();
            sn.get("droppedForNan").forEach(n -> d.add(n.asText()));
            dropped.put(part, d);
            io.github.segshap.core.io.NpyArray x = entry.array("x_" + name);
            io.github.segshap.core.io.NpyArray y = entry.array("y_" + name);
            int[] shape = x.shape();
            out.put(part, new SplitData(ids, shape[1], shape[2], shape[3], x.toFloats(), y.toFloats()));
        }
        List<SkippedSample> skipped = new ArrayList<>();
        for (JsonNode s : data.get("skipped")) {
            skipped.add(new SkippedSample(s.get("id").asText(), Path.of(s.get("file").asText()),
                    s.get("reason").asText()));
        }
        YeoJohnson yj = YeoJohnson.fromJson(entry.text("power_transform.json"));
        return new PreparedData(parameters, out, yj, skipped, dropped, entry.directory(), true);
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
