package io.github.segshap.salt.prepare;

import io.github.segshap.command.Progress;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SaltDataset;
import io.github.segshap.salt.prepare.data.SaltSample;
import io.github.segshap.salt.prepare.preprocess.Attributes;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a {@link DataPipeline} from the split samples to the prepared splits: the
 * attributes of every sample at the mode's working scale ({@link ModeResampling}), NaN handling,
 * the Yeo-Johnson fit on the training pixels and its application to every split, and the final
 * decimation. Samples are processed in parallel; the result does not depend on the number of
 * threads.
 */
final class SplitProcessing {
    /** The pipeline's log. */
    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);

    private final PipelineParameters parameters;
    private final ProgressMode progress;

    /**
     * @param parameters the resolution, axis and NaN policy to follow
     * @param progress   how the attribute step shows its progress
     */
    SplitProcessing(PipelineParameters parameters, ProgressMode progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    /** Side of the planes the attributes are computed on: 48 in seed mode, the raw 101 at full resolution. */
    int workSize() {
        return ModeResampling.workSize(parameters.resolution());
    }

    /** The four attributes of every sample, per split (samples in parallel). */
    Map<DatasetSplit.Part, SplitArrays> attributes(SaltDataset dataset, DatasetSplit split) {
        Map<String, SaltSample> byId = dataset.byId();
        Map<DatasetSplit.Part, SplitArrays> parts = new EnumMap<>(DatasetSplit.Part.class);
        try (Progress bar = Progress.start(progress, "attributes", "samples", dataset.size(), System.out::println)) {
            for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
                parts.put(part, attributes(split.ids(part), byId, bar));
            }
        }
        return parts;
    }

    /** The attributes of one split's samples, computed in parallel on planes at the working scale. */
    private SplitArrays attributes(List<String> ids, Map<String, SaltSample> byId, Progress bar) {
        int raw = ModeResampling.RAW;
        int n = ids.size();
        int work = workSize();
        int plane = work * work;
        int c = Attributes.CHANNEL_COUNT;
        float[] images = new float[n * c * plane];
        float[] masks = new float[n * plane];
        boolean[] hasNan = new boolean[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            SaltSample s = byId.get(ids.get(i));
            if (s.height() != raw || s.width() != raw) {
                throw new IllegalStateException("sample " + s.id() + " is " + s.height() + " x " + s.width()
                        + ", expected " + raw + " x " + raw);
            }
            double[] img = ModeResampling.toWorkScale(parameters.resolution(), s.imageAsDoubles(), raw, raw).values();
            double[] mask = ModeResampling.toWorkScale(parameters.resolution(), s.maskAsDoubles(), raw, raw).values();
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
     * Drops (or fills) the samples with NaN attributes, per the policy; returns the dropped ids per split.
     *
     * @throws IllegalStateException if a split ends up empty
     */
    Map<DatasetSplit.Part, List<String>> handleNan(Map<DatasetSplit.Part, SplitArrays> parts, DatasetSplit split) {
        Map<DatasetSplit.Part, List<String>> dropped = new EnumMap<>(DatasetSplit.Part.class);
        for (DatasetSplit.Part part : DatasetSplit.Part.values()) {
            SplitArrays s = parts.get(part);
            List<String> nan = s.nanIds();
            dropped.put(part, parameters.nanPolicy() == NanPolicy.DROP ? nan : List.of());
            if (!nan.isEmpty()) {
                if (parameters.nanPolicy() == NanPolicy.DROP) {
                    LOG.info("{}: dropped {} samples with NaN attributes: {}", part.fileName(), nan.size(), nan);
                    parts.put(part, s.withoutNan());
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
    YeoJohnson transform(Map<DatasetSplit.Part, SplitArrays> parts, Stopwatch watch) {
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
    Map<DatasetSplit.Part, SplitData> finish(Map<DatasetSplit.Part, SplitArrays> parts) {
        ResolutionMode mode = parameters.resolution();
        int c = Attributes.CHANNEL_COUNT;
        int work = workSize();
        int side = ModeResampling.finalSize(mode, work);
        Map<DatasetSplit.Part, SplitData> out = new EnumMap<>(DatasetSplit.Part.class);
        for (Map.Entry<DatasetSplit.Part, SplitArrays> e : parts.entrySet()) {
            SplitArrays s = e.getValue();
            int n = s.ids.size();
            out.put(e.getKey(), new SplitData(s.ids, c, side, side,
                    ModeResampling.toFinal(mode, s.images, n * c, work, work),
                    ModeResampling.toFinal(mode, s.masks, n, work, work)));
        }
        return out;
    }
}
