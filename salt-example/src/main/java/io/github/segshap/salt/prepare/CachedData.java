package io.github.segshap.salt.prepare;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;

/**
 * What {@link DataPipeline} records in the {@code data} object of a cache entry's
 * {@code manifest.json}, in snake_case. Entries written before the keys were snake_case
 * ({@code pipelineVersion}, {@code droppedForNan}, {@code syntheticGenerator}) read through the
 * aliases.
 *
 * @param pipelineVersion {@link DataPipeline#PIPELINE_VERSION} of the writer
 * @param parameters      the pipeline's parameters
 * @param input           the input files
 * @param versions        versions of the software that wrote the entry
 * @param channels        channel names, comma separated
 * @param splits          per split ({@code train}, {@code validation}, {@code test}): ids, shape, drops
 * @param skipped         samples the reader skipped
 * @param timings         time of each step, for people
 */
record CachedData(@JsonAlias("pipelineVersion") int pipelineVersion, PipelineParameters parameters, Input input,
                  Versions versions, String channels, Map<String, Split> splits, List<Skipped> skipped,
                  String timings) {

    /**
     * The input of the pipeline.
     *
     * @param path        the data folder (or the generated synthetic one)
     * @param kind        {@code directory} or {@code synthetic}
     * @param files       number of input files fingerprinted
     * @param fingerprint their fingerprint
     */
    record Input(String path, String kind, int files, String fingerprint) {
    }

    /**
     * Versions of the writer.
     *
     * @param segshap            the segshap version
     * @param java               the Java version
     * @param syntheticGenerator {@link io.github.segshap.salt.prepare.data.SyntheticSaltGenerator#VERSION}
     */
    record Versions(String segshap, String java, @JsonAlias("syntheticGenerator") int syntheticGenerator) {
    }

    /**
     * One split.
     *
     * @param count         samples
     * @param shape         shape of {@code x_<split>.npy}: count, channels, height, width
     * @param ids           sample ids in array order
     * @param droppedForNan ids dropped for NaN attributes
     */
    record Split(int count, List<Integer> shape, List<String> ids,
                 @JsonAlias("droppedForNan") List<String> droppedForNan) {
    }

    /**
     * A sample the reader skipped.
     *
     * @param id     sample id
     * @param file   the offending file
     * @param reason why
     */
    record Skipped(String id, String file, String reason) {
    }
}
