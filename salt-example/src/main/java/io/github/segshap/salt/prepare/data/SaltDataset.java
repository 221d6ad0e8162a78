package io.github.segshap.salt.prepare.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The samples read from one folder, sorted by id, and the samples left out with their reasons.
 * Immutable.
 *
 * @param root    the folder holding {@code images/} and {@code masks/}
 * @param samples the samples, sorted by id
 * @param skipped the samples left out under {@link BadSamplePolicy#SKIP}, sorted by id (empty under
 *                {@link BadSamplePolicy#FAIL})
 */
public record SaltDataset(Path root, List<SaltSample> samples, List<SkippedSample> skipped) {
    /** Copies the lists. */
    public SaltDataset {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /** Number of samples. */
    public int size() {
        return samples.size();
    }

    /** The sample ids in order. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(samples.size());
        for (SaltSample s : samples) {
            ids.add(s.id());
        }
        return ids;
    }

    /** The samples by id. */
    public Map<String, SaltSample> byId() {
        return samples.stream().collect(Collectors.toUnmodifiableMap(SaltSample::id, Function.identity()));
    }
}
