package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.salt.TestResources;
import io.github.segshap.salt.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salt run-all} end to end on 64 real TGS images (copied from {@code segshap.data} into a
 * temporary Kaggle-layout folder), 2 epochs at the seed resolution: every artifact exists and reads
 * back, contributions add up to the predictions, and the predictions are the model's.
 */
class RunAllRealDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runAllOnASliceOfTheRealData(@TempDir Path tmp) throws Exception {
        Path data = copyRealSlice(tmp.resolve("tgs"), 64);
        Path out = tmp.resolve("out");
        CliRunner.Run run = CliRunner.run("run-all", "--data", data.toString(), "--out", out.toString(), "--epochs",
                "2", "--background", "16", "--threads", "2", "--no-progress");
        assertEquals(0, run.exitCode(), run.toString());
        Path report = out.resolve("report.html").toAbsolutePath();
        assertEquals("report      " + report, run.lastLine(), "the run ends with the report's absolute path");

        // data cache, MLflow run, model
        try (Stream<Path> s = Files.list(out.resolve("data-cache"))) {
            assertTrue(s.anyMatch(p -> Files.isRegularFile(p.resolve("manifest.json"))), "a data-cache entry");
        }
        JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
        assertEquals("[4,24,24]", model.path("input_shape").toString());
        Path runDir = out.resolve("mlruns").resolve(model.path("mlflow_experiment").asText())
                .resolve(model.path("mlflow_run").asText());
        assertTrue(Files.readString(runDir.resolve("meta.yaml")).contains("status: 3"), "MLflow run FINISHED");
        assertEquals(2, Files.readAllLines(runDir.resolve("metrics/val_auc")).size());
        assertTrue(Files.isRegularFile(runDir.resolve("metrics/test_kaggle_tgs")));
        assertTrue(Files.isRegularFile(runDir.resolve("artifacts/model/model.zip")));
        JsonNode training = JSON.readTree(out.resolve("training.json").toFile());
        assertEquals(2, training.path("history").size());
        double kaggle = training.path("test").path("kaggle_tgs").asDouble(Double.NaN);
        assertTrue(kaggle >= 0 && kaggle <= 1, "kaggle metric " + kaggle);

        // explanations: every selected sample, additive, and the model's own predictions
        ComputationGraph net = ModelSerializer.restoreComputationGraph(out.resolve("model.zip").toFile(), false);
        JsonNode selection = JSON.readTree(out.resolve("explanations/selection.json").toFile());
        assertEquals(9, selection.path("ids").size());
        for (JsonNode idNode : selection.path("ids")) {
            Path dir = out.resolve("explanations/samples").resolve(idNode.asText());
            JsonNode meta = JSON.readTree(dir.resolve("sample.json").toFile());
            assertEquals(idNode.asText(), meta.path("id").asText());
            JsonNode ex = JSON.readTree(dir.resolve("explanation.json").toFile());
            assertEquals("[\"seismic\",\"energy\",\"semblance\",\"sobel\"]", ex.path("players").toString());
            NpyArray base = Npy.read(dir.resolve("base_values.npy"));
            NpyArray contrib = Npy.read(dir.resolve("contributions.npy"));
            NpyArray pred = Npy.read(dir.resolve("prediction.npy"));
            NpyArray inputs = Npy.read(dir.resolve("inputs.npy"));
            NpyArray truth = Npy.read(dir.resolve("truth.npy"));
            assertEquals("[1, 4, 1, 24, 24]", java.util.Arrays.toString(contrib.shape()));
            // the explanation folder's own inputs and true mask since the one store (were [4, 24, 24], [24, 24])
            assertEquals("[1, 4, 24, 24]", java.util.Arrays.toString(inputs.shape()));
            assertEquals("[1, 1, 24, 24]", java.util.Arrays.toString(truth.shape()));
            double[] b = base.toDoubles();
            double[] c = contrib.toDoubles();
            double[] p = pred.toDoubles();
            double[] in = inputs.toDoubles();
            float[] x = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                x[i] = (float) in[i];   // exact: the inputs are the float32 model inputs
            }
            float[] modelOut = Trainer.predict(net, x, 1, 4, 24, 24, 1);
            double nonZero = 0;
            for (int i = 0; i < p.length; i++) {
                double sum = b[i];
                for (int k = 0; k < 4; k++) {
                    sum += c[k * p.length + i];
                    nonZero += Math.abs(c[k * p.length + i]);
                }
                assertEquals(p[i], sum, 1e-5, "additivity at pixel " + i + " of " + idNode.asText());
                assertEquals(modelOut[i], p[i], 1e-5, "prediction is the model's at pixel " + i);
            }
            assertTrue(nonZero > 0, "contributions are not all zero");
        }
        JsonNode summary = JSON.readTree(out.resolve("explanations/summary.json").toFile());
        assertEquals(9, summary.path("samples").asInt());
        assertEquals(4, summary.path("channels").size());
        assertEquals(14, summary.path("channels").path(0).path("bins").size());

        // figures and report
        List<Path> pngs;
        try (Stream<Path> s = Files.list(out.resolve("figures"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(pngs.size() >= 9 + 3 + 3 + 4, "figures: " + pngs);
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is a readable PNG");
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100, png + " has a sensible size");
        }
        String html = Files.readString(report);
        Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,").matcher(html);
        int images = 0;
        while (m.find()) {
            images++;
        }
        assertEquals(pngs.size(), images, "every figure is embedded in the report");
        assertTrue(html.contains("kaggle_tgs") && html.contains("Timings") && html.contains("semblance"));
        assertFalse(html.contains("synthetic salt data set"), "real data is not called synthetic");
    }

    /** Copies the first {@code n} image/mask pairs (sorted by id) into the Kaggle layout. */
    static Path copyRealSlice(Path target, int n) throws IOException {
        Path src = TestResources.data().resolve("train");
        Files.createDirectories(target.resolve("train/images"));
        Files.createDirectories(target.resolve("train/masks"));
        List<Path> images;
        try (Stream<Path> s = Files.list(src.resolve("images"))) {
            images = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(n).toList();
        }
        for (Path img : images) {
            Path name = img.getFileName();
            Files.copy(img, target.resolve("train/images").resolve(name.toString()));
            Files.copy(src.resolve("masks").resolve(name.toString()), target.resolve("train/masks").resolve(name.toString()));
        }
        return target;
    }
}
