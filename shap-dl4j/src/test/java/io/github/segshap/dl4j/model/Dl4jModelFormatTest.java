package io.github.segshap.dl4j.model;

import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.ModelFormat;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.dl4j.TestNets;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J model zips found through the ModelFormat service and loaded by it. */
class Dl4jModelFormatTest {
    @Test
    void theServiceLoaderFindsTheFormatAndItLoadsAModelZip(@TempDir Path dir) throws Exception {
        assertTrue(ModelFormat.available().stream().anyMatch(f -> f instanceof Dl4jModelFormat),
                ModelFormat.available().toString());
        ComputationGraph net = TestNets.convGraph(3, 6, 5, 1);
        Path file = dir.resolve("net.bin");
        ModelSerializer.writeModel(net, file.toFile(), false);
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), ModelFormat.HEAD_BYTES);
        ModelFormat format = ModelFormat.forFile(file, head).orElseThrow();
        assertEquals("DL4J model zip", format.name());
        assertFalse(format.takesNames());
        assertFalse(format.reads(dir.resolve("m.onnx"), new byte[] {8, 7}), "not a zip");
        ModelFormat.Loaded loaded = format.load(file, ModelFormat.Options.DEFAULTS);
        try (Model m = loaded.model()) {
            assertEquals("DL4J model net.bin (ComputationGraph)", loaded.description());
            assertEquals(Fingerprint.ofFile(file), loaded.fingerprint());
            assertEquals(OptionalInt.of(3), m.inputSpec().channels());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> format.load(file, new ModelFormat.Options("x", null)));
        assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
    }
}
