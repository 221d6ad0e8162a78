package io.github.segshap.salt.prepare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.cache.Fingerprints;
import io.github.segshap.salt.prepare.data.DataFiles;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache key of a {@link DataPipeline} on one input: SHA-256 over the
 * {@link DataPipeline#PIPELINE_VERSION}, the {@link PipelineParameters} and a fingerprint of the
 * input files (name, size and SHA-256 of every image and mask {@link DataFiles} lists).
 *
 * @param value       the entry's name: the first 24 hex digits of the hash
 * @param fingerprint the whole hash, {@code sha256:<hex>}: what the prepared data was made from
 * @param input       what the manifest records of the input
 */
record CacheKey(String value, String fingerprint, CachedData.Input input) {
    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);

    /**
     * Fingerprints the input files and hashes them with the parameters and the pipeline version.
     *
     * @param input     the data folder (or the synthetic one written for the run)
     * @param synthetic whether {@code input} is the synthetic data set
     */
    static CacheKey of(Path input, PipelineParameters parameters, boolean synthetic) {
        Path root = SaltDatasetReader.resolveLayout(input);
        List<Path> files = inputFiles(root);
        String fingerprint = Fingerprints.ofFiles(root.getParent() == null ? root : root.getParent(), files);
        // the hashed text is kept as it was first written, so that existing cache entries stay valid
        ObjectNode keyNode = JsonFiles.JSON.createObjectNode();
        keyNode.put("pipelineVersion", DataPipeline.PIPELINE_VERSION);
        keyNode.set("parameters", JsonFiles.JSON.valueToTree(parameters.asMap()));
        keyNode.put("fingerprint", fingerprint);
        String full = Fingerprints.sha256(keyNode.toString());
        return new CacheKey(full.substring(0, 24), Fingerprint.PREFIX + full, new CachedData.Input(
                input.toString(), synthetic ? "synthetic" : "directory", files.size(), fingerprint));
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
}
