package io.github.segshap.salt.prepare;

import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SkippedSample;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of {@link DataPipeline#run()}: train, validation and test {@link SplitData} at the
 * chosen resolution (NCHW float, channels {@link #channelNames()}, power-transformed), the fitted
 * {@link YeoJohnson} transform (to invert or reuse), what was left out and why, and where the cache
 * entry lives. Immutable.
 */
public final class PreparedData {
    private final PipelineParameters parameters;
    private final Map<DatasetSplit.Part, SplitData> splits;
    private final YeoJohnson transform;
    private final List<SkippedSample> skipped;
    private final Map<DatasetSplit.Part, List<String>> droppedForNan;
    private final Path cacheEntry;
    private final boolean fromCache;
    private final String fingerprint;

    PreparedData(PipelineParameters parameters, Map<DatasetSplit.Part, SplitData> splits, YeoJohnson transform,
                 List<SkippedSample> skipped, Map<DatasetSplit.Part, List<String>> droppedForNan, Path cacheEntry,
                 boolean fromCache, String fingerprint) {
        this.parameters = parameters;
        this.splits = new EnumMap<>(splits);
        this.transform = transform;
        this.skipped = List.copyOf(skipped);
        EnumMap<DatasetSplit.Part, List<String>> d = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part p : DatasetSplit.Part.values()) {
            d.put(p, List.copyOf(droppedForNan.getOrDefault(p, List.of())));
        }
        this.droppedForNan = d;
        this.cacheEntry = cacheEntry;
        this.fromCache = fromCache;
        this.fingerprint = fingerprint;
    }

    /**
     * What this data was made from: {@code sha256:<hex>} over the pipeline version, its parameters
     * and the fingerprint of every input file it read (each PNG that
     * {@link io.github.segshap.salt.prepare.data.DataFiles} lists; {@code depths.csv} is not read). Any edited, added, removed or renamed input file, or
     * another option, changes it. Null for data prepared without a cache key.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The parameters the data was prepared with. */
    public PipelineParameters parameters() {
        return parameters;
    }

    /** The training split. */
    public SplitData train() {
        return splits.get(DatasetSplit.Part.TRAIN);
    }

    /** The validation split. */
    public SplitData validation() {
        return splits.get(DatasetSplit.Part.VALIDATION);
    }

    /** The test split. */
    public SplitData test() {
        return splits.get(DatasetSplit.Part.TEST);
    }

    /** One split. */
    public SplitData split(DatasetSplit.Part part) {
        return splits.get(part);
    }

    /** The ids of the three splits after NaN handling. */
    public DatasetSplit ids() {
        return new DatasetSplit(train().ids(), validation().ids(), test().ids());
    }

    /** The fitted power transform (fitted on the training pixels). */
    public YeoJohnson transform() {
        return transform;
    }

    /** Channel names in order: seismic, energy, gst, sobel. */
    public List<String> channelNames() {
        return transform.channels();
    }

    /** The resolution mode. */
    public ResolutionMode resolution() {
        return parameters.resolution();
    }

    /** The attribute axis. */
    public AttributeAxis axis() {
        return parameters.axis();
    }

    /** Image side (24 in {@link ResolutionMode#SEED}, 101 in {@link ResolutionMode#FULL}). */
    public int size() {
        return train().height();
    }

    /** Samples the reader skipped (empty unless the bad-sample policy is SKIP). */
    public List<SkippedSample> skipped() {
        return skipped;
    }

    /** Ids dropped per split because their attributes had NaN (empty lists under {@link NanPolicy#FILL}). */
    public Map<DatasetSplit.Part, List<String>> droppedForNan() {
        return droppedForNan;
    }

    /** The cache entry folder, if a cache was used. */
    public Optional<Path> cacheEntry() {
        return Optional.ofNullable(cacheEntry);
    }

    /** True when the data was loaded from an existing cache entry rather than computed. */
    public boolean fromCache() {
        return fromCache;
    }

    @Override
    public String toString() {
        return "PreparedData[" + parameters.resolution() + " " + size() + "x" + size() + ", train " + train().count()
                + ", validation " + validation().count() + ", test " + test().count() + (fromCache ? ", cached" : "")
                + "]";
    }
}
