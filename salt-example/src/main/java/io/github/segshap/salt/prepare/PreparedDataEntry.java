package io.github.segshap.salt.prepare;

import io.github.segshap.core.io.NpyArray;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.cache.CacheEntry;
import io.github.segshap.salt.prepare.cache.ProcessedDataCache;
import io.github.segshap.salt.prepare.data.DatasetSplit;
import io.github.segshap.salt.prepare.data.SkippedSample;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import io.github.segshap.salt.prepare.preprocess.Attributes;
import io.github.segshap.salt.prepare.preprocess.YeoJohnson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PreparedData} as an entry of the {@link ProcessedDataCache}: per split {@code x_<split>.npy}
 * (N x 4 x H x W float32), {@code y_<split>.npy} (N x 1 x H x W float32 0 / 1) and
 * {@code <split>.txt} (ids in array order), {@code power_transform.json}, and the {@link CachedData}
 * record in the manifest; and the same read back.
 */
final class PreparedDataEntry {
    private static final String TRANSFORM = "power_transform.json";

    private PreparedDataEntry() {
    }

    /**
     * Writes the prepared splits, the transform and what produced them as the entry {@code key}.
     *
     * @param timings the duration of each step, for people
     */
    static CacheEntry write(ProcessedDataCache cache, CacheKey key, PipelineParameters parameters,
                            Map<DatasetSplit.Part, SplitData> out, YeoJohnson yj, List<SkippedSample> skipped,
                            Map<DatasetSplit.Part, List<String>> dropped, String timings) {
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
        contents.text(TRANSFORM, yj.toJson());
        String v = DataPipeline.class.getPackage().getImplementationVersion();
        CachedData data = new CachedData(DataPipeline.PIPELINE_VERSION, parameters, key.input(),
                new CachedData.Versions(v == null ? "development" : v, System.getProperty("java.version"),
                        SyntheticSaltGenerator.VERSION),
                String.join(",", Attributes.CHANNELS), splits, skipped.stream().map(s -> new CachedData.Skipped(
                s.id(), s.file().toString(), s.reason())).toList(), timings);
        return cache.write(key.value(), data, contents);
    }

    /** The prepared data of a cache entry (entries of earlier versions too). */
    static PreparedData read(CacheEntry entry, PipelineParameters parameters, String fingerprint) {
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
        YeoJohnson yj = YeoJohnson.fromJson(entry.text(TRANSFORM));
        return new PreparedData(parameters, out, yj, skipped, dropped, entry.directory(), true, fingerprint);
    }
}
