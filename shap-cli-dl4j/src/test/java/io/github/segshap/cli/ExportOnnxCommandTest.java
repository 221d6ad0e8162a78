package io.github.segshap.cli;

import io.github.segshap.cli.ExplainCommandTest.Run;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.SmallDevice;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static io.github.segshap.cli.ExplainCommandTest.assertAddsUp;
import static io.github.segshap.cli.ExplainCommandTest.run;
import static io.github.segshap.cli.ModelFittingCommandTest.explain;
import static io.github.segshap.cli.ModelFittingCommandTest.toDoubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap export-onnx} with segshap-dl4j's extension on the class path (moved here from
 * shap-cli's {@code ModelFittingCommandTest}): the exported model predicts what DL4J predicts and is
 * explained.
 */
class ExportOnnxCommandTest {
    static final int C = ExplainCommandTest.C;

    @TempDir
    Path dir;

    @Test
    void exportOnnxWritesAModelThatPredictsWhatDl4jPredictsAndExplains() throws IOException {
        ImageShape shape = new ImageShape(C, 16, 16);
        ComputationGraph net = UNet.builder().filters(2).kernel(3).depth(2).bottleneckFactor(4)
                .inputShape(C, 16, 16).seed(11).build();
        Path zip = dir.resolve("unet.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Path onnx = dir.resolve("unet.onnx");

        Run usage = run("export-onnx", "--model", zip.toString(), "--out", onnx.toString(), "--height", "16");
        assertEquals(ExitCode.USAGE.code(), usage.exit(), usage.all());
        Run r = run("export-onnx", "--model", zip.toString(), "--out", onnx.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("unet.onnx"), r.out());

        float[] pixels = TinyOnnxNet.images(2, C, 16, 16, 9);
        ImageBatch batch = new ImageBatch(shape, 2, toDoubles(pixels));
        try (OnnxModel viaOnnx = OnnxModel.of(onnx); Dl4jModel viaDl4j = Dl4jModel.of(net)) {
            double[] expected = viaDl4j.predict(batch);
            double[] actual = viaOnnx.predict(batch);
            assertEquals(expected.length, actual.length);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-5, "output " + k);
            }
        }

        Path images = dir.resolve("unet-images.npy");
        Npy.write(images, pixels, 2, C, 16, 16);
        Path out = dir.resolve("unet-out");
        Run explained = explain(onnx, images, images, out);
        assertEquals(0, explained.exit(), explained.all());
        assertAddsUp(ExplanationFolder.read(out));
    }

    /**
     * {@code export-onnx} onto a full device (a small tmpfs, where the test can mount one; skipped and
     * said otherwise): exit 5 naming the reason, no stack trace, the model already at {@code --out}
     * whole and no temporary beside it.
     */
    @Test
    @Tag("campaign")
    void exportOnnxOnAFullDeviceKeepsTheOldModel() throws Exception {
        Path device = SmallDevice.mount(dir.resolve("small"), "2m", "the full-disk export");
        try {
            Path small = dir.resolve("small.zip");
            ModelSerializer.writeModel(UNet.builder().filters(2).kernel(3).depth(2).bottleneckFactor(4)
                    .inputShape(C, 16, 16).seed(11).build(), small.toFile(), false);
            Path large = dir.resolve("large.zip");
            ModelSerializer.writeModel(UNet.builder().filters(16).kernel(3).depth(2).bottleneckFactor(4)
                    .inputShape(C, 16, 16).seed(11).build(), large.toFile(), false);
            Path onnx = device.resolve("unet.onnx");
            assertEquals(0, run("export-onnx", "--model", small.toString(), "--out", onnx.toString()).exit());
            byte[] old = Files.readAllBytes(onnx);
            Path filler = SmallDevice.fill(device);
            Run r = run("export-onnx", "--model", large.toString(), "--out", onnx.toString());
            assertEquals(ExitCode.OUTPUT_NOT_WRITABLE.code(), r.exit(), r.all());
            assertTrue(r.err().contains("No space left on device") && r.err().contains(onnx.toString()), r.err());
            assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
            assertArrayEquals(old, Files.readAllBytes(onnx), "the old model is whole");
            try (Stream<Path> s = Files.list(device)) {
                assertEquals(Set.of(onnx, filler), Set.copyOf(s.toList()), "no temporary is left");
            }
        } finally {
            SmallDevice.unmount(device);
        }
    }
}
