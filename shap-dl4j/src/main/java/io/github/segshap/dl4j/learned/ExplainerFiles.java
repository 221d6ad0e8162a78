package io.github.segshap.dl4j.learned;

import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.learned.LearnedFolder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the explainer network's DL4J zip into a learned explainer's folder, under a temporary name first. */
final class ExplainerFiles {
    private ExplainerFiles() {
    }

    static void writeZip(ComputationGraph graph, Path dir) {
        Path target = dir.resolve(LearnedFolder.NETWORK_ZIP);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + LearnedFolder.NETWORK_ZIP, ".tmp");
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            AtomicFiles.move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary is gone or will be named a leftover by its prefix
                }
            }
        }
    }
}
