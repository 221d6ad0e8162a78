package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resolution full} with a depth-4 U-Net: it takes 112 x 112 (reflect-padded to a multiple of
 * 16), and metrics, explanations and figures come back at 101 x 101 with additivity intact (here with
 * 3 x 3 kernels, batch normalisation and the focal + Lovász loss; explaining reloads the saved model,
 * loss included).
 */
class FullResolutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fullResolutionPadsForTheNetworkAndCropsTheMaps(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRunner.Run run = CliRunner.run("run-all", "--out", out.toString(), "--resolution", "full",
                "--synthetic-samples", "20", "--epochs", "1", "--background", "1", "--samples", "all",
                "--report-panels", "1", "--threads", "2", "--batch-norm", "--depth", "4", "--kernel", "3", "--dropout", "0.2",
                "--loss", "focal+lovasz", "--no-progress");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
        assertEquals("[4,112,112]", model.path("input_shape").toString());
        assertEquals(4, model.path("depth").asInt(), model.toString());
        assertEquals(3, model.path("kernel").asInt(), model.toString());
        assertEquals(0.2, model.path("dropout").asDouble(), 1e-12, model.toString());
        assertEquals("focal+lovasz", model.path("loss").asText(), model.toString());
        assertEquals("[4,101,101]", model.path("data_shape").toString());
        assertEquals("nearest_then_convolution", model.path("upsampling").asText(), "full resolution's default");
        assertTrue(model.path("batch_normalization").asBoolean(), model.toString());
        JsonNode training = JSON.readTree(out.resolve("training.json").toFile());
        double threshold = training.path("mask_rule").path("threshold").asDouble();
        assertTrue(threshold > 0 && threshold < 1, training.path("mask_rule").toString());
        double tuned = training.path("test").path("kaggle_tgs_tuned").asDouble(-1);
        assertTrue(tuned >= 0 && tuned <= 1, training.path("test").toString());
        JsonNode test = training.path("test");
        double share = test.path("empty_image_share").asDouble();
        double empty = test.path("kaggle_tgs_tuned_empty_images").asDouble();
        double salt = test.path("kaggle_tgs_tuned_salt_images").asDouble();
        assertEquals(tuned, (share == 0 ? 0 : share * empty) + (share == 1 ? 0 : (1 - share) * salt), 1e-9,
                "the split adds up: " + test);
        JsonNode selection = JSON.readTree(out.resolve("explanations/selection.json").toFile());
        assertTrue(selection.path("ids").size() >= 2, selection.toString());
        for (JsonNode id : selection.path("ids")) {
            Path dir = out.resolve("explanations/samples").resolve(id.asText());
            double[] b = Npy.read(dir.resolve("base_values.npy")).toDoubles();
            double[] c = Npy.read(dir.resolve("contributions.npy")).toDoubles();
            double[] p = Npy.read(dir.resolve("prediction.npy")).toDoubles();
            assertArrayEquals(new int[] {1, 4, 1, 101, 101}, Npy.read(dir.resolve("contributions.npy")).shape());
            assertArrayEquals(new int[] {1, 4, 101, 101}, Npy.read(dir.resolve("inputs.npy")).shape());
            for (int i = 0; i < p.length; i++) {
                double s = b[i] + c[i] + c[p.length + i] + c[2 * p.length + i] + c[3 * p.length + i];
                assertEquals(p[i], s, 1e-5, "additivity at pixel " + i + " of " + id.asText());
            }
        }
        assertTrue(run.out().contains("at 101 x 101"), run.out());
    }
}
