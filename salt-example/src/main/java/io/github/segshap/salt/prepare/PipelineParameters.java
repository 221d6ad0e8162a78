package io.github.segshap.salt.prepare;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines the prepared data apart from the input files. Part of the cache key.
 *
 * @param resolution         resolution mode
 * @param axis               attribute axis
 * @param nanPolicy          NaN handling
 * @param badSamples         reader policy for bad samples
 * @param seed               split seed (and synthetic-data seed)
 * @param testFraction       test share of all samples
 * @param validationFraction validation share of the rest
 */
public record PipelineParameters(ResolutionMode resolution, AttributeAxis axis,
                                 @JsonAlias("nanPolicy") NanPolicy nanPolicy,
                                 @JsonAlias("badSamples") BadSamplePolicy badSamples, long seed,
                                 @JsonAlias("testFraction") double testFraction,
                                 @JsonAlias("validationFraction") double validationFraction) {
    /**
     * The parameters as an ordered map: the cache key's input, kept as it was first written so
     * that the keys of existing cache entries stay valid (the manifest records the parameters
     * themselves, in snake_case).
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resolution", resolution.name().toLowerCase(java.util.Locale.ROOT));
        m.put("axis", axis.name().toLowerCase(java.util.Locale.ROOT));
        m.put("nanPolicy", nanPolicy.name().toLowerCase(java.util.Locale.ROOT));
        m.put("badSamples", badSamples.name().toLowerCase(java.util.Locale.ROOT));
        m.put("seed", seed);
        m.put("testFraction", testFraction);
        m.put("validationFraction", validationFraction);
        return m;
    }
}
