package io.github.segshap.salt.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.salt.train.SegmentationLoss;
import io.github.segshap.salt.train.TrainSettings;
import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.NanPolicy;
import io.github.segshap.salt.prepare.ResolutionMode;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's JSON files through their records: files written by the previous version (string
 * keys) still read, and what the records write reads back the same, with snake_case keys only.
 */
class RunFilesTest {
    @TempDir
    Path tmp;

    /** model.json as the previous version wrote it. */
    private static final String OLD_MODEL = """
            {
              "input_shape" : [ 4, 104, 104 ],
              "data_shape" : [ 4, 101, 101 ],
              "resolution" : "full",
              "axis" : "vertical",
              "filters" : 8,
              "kernel" : 5,
              "depth" : 2,
              "dropout" : 0.5,
              "loss" : "focal+lovasz",
              "upsampling" : "nearest_then_convolution",
              "batch_normalization" : true,
              "padding" : "reflect, centred, 101 -> 104",
              "mlflow_experiment" : "1",
              "mlflow_run" : "0123456789abcdef0123456789abcdef",
              "mlflow_model" : "mlruns/1/0123456789abcdef0123456789abcdef/artifacts/model/model.zip",
              "best_epoch" : 3
            }""";

    /** training.json as the previous version wrote it (NaN as Jackson writes it: a string). */
    private static final String OLD_TRAINING = """
            {
              "mlflow_run" : "0123456789abcdef0123456789abcdef",
              "epochs_run" : 2,
              "best_epoch" : 2,
              "best_val_auc" : 0.75,
              "stopped_early" : false,
              "stop_reason" : "time_limit",
              "seconds" : 12.5,
              "history" : [ {
                "epoch" : 1, "loss" : 0.5, "train_seconds" : 5.0, "eval_seconds" : 1.0, "best" : true,
                "validation" : { "auc" : 0.7, "mean_iou" : "NaN" }
              }, {
                "epoch" : 2, "loss" : 0.25, "train_seconds" : 5.5, "eval_seconds" : 1.0, "best" : true,
                "train" : { "auc" : 0.9, "mean_iou" : 0.6 },
                "validation" : { "auc" : 0.75, "mean_iou" : 0.5 }
              } ],
              "mask_rule" : { "threshold" : 0.45, "min_salt_pixels" : 10, "validation_kaggle_tgs" : 0.6 },
              "test" : { "auc" : 0.8, "kaggle_tgs" : 0.55 }
            }""";

    @Test
    void modelJsonOfThePreviousVersionReads() throws Exception {
        Path f = tmp.resolve("model.json");
        Files.writeString(f, OLD_MODEL);
        ModelInfo m = JsonFiles.read(f, ModelInfo.class);
        assertEquals(List.of(4, 104, 104), m.inputShape());
        assertEquals(List.of(4, 101, 101), m.dataShapeOrInput());
        assertEquals(ResolutionMode.FULL, m.resolution());
        assertEquals(AttributeAxis.VERTICAL, m.axis());
        assertEquals(SegmentationLoss.FOCAL_LOVASZ, m.loss());
        assertEquals(UNet.Upsampling.NEAREST_THEN_CONVOLUTION, m.upsampling());
        assertTrue(m.batchNormalization());
        assertEquals(3, m.bestEpoch());
        assertEquals("0123456789abcdef0123456789abcdef", m.mlflowRun());

        Files.writeString(f, "{\"input_shape\": [4, 24, 24], \"resolution\": \"seed\", \"axis\": \"horizontal\"}");
        assertEquals(List.of(4, 24, 24), JsonFiles.read(f, ModelInfo.class).dataShapeOrInput(),
                "files without data_shape trained on unpadded inputs");

        JsonFiles.write(f, m);
        assertEquals(m, JsonFiles.read(f, ModelInfo.class));
        assertEquals(JsonFiles.JSON.readTree(OLD_MODEL), JsonFiles.readTree(f), "the same keys and values as before");
    }

    @Test
    void trainingJsonOfThePreviousVersionReads() throws Exception {
        Path f = tmp.resolve("training.json");
        Files.writeString(f, OLD_TRAINING);
        TrainingRecord t = JsonFiles.read(f, TrainingRecord.class);
        assertEquals(2, t.epochsRun());
        assertEquals(TrainingResult.StopReason.TIME_LIMIT, t.stopReasonOrGuess());
        assertEquals(2, t.best().epoch());
        assertEquals(0.9, t.best().train().get("auc"), 0);
        assertNull(t.historyOrEmpty().get(0).train());
        assertTrue(Double.isNaN(t.historyOrEmpty().get(0).validation().get("mean_iou")));
        assertEquals(10, t.maskRule().minSaltPixels());
        assertEquals(0.55, t.testOrEmpty().get("kaggle_tgs"), 0);

        JsonFiles.write(f, t);
        assertEquals(JsonFiles.JSON.readTree(OLD_TRAINING), JsonFiles.readTree(f), "the same keys and values as before");

        Files.writeString(f, "{\"epochs_run\": 4, \"best_epoch\": 1, \"stopped_early\": true}");
        TrainingRecord older = JsonFiles.read(f, TrainingRecord.class);
        assertEquals(TrainingResult.StopReason.EARLY_STOPPING, older.stopReasonOrGuess(), "files without stop_reason");
        assertNull(older.maskRule());
        assertNull(older.best());
    }

    @Test
    void parametersHaveOneSectionPerStageInSnakeCase() {
        Path f = tmp.resolve("parameters.json");
        CommonSettings common = new CommonSettings(null, tmp.resolve("out"), ResolutionMode.SEED, 7, null, 2,
                ProgressMode.OFF);
        WorkflowSettings s = WorkflowSettings.of(common).withExplain(new ExplainSettings(
                SampleSelection.parse("a1,b2"), ExplainerKind.KERNEL, 12, 3));
        RunParameters.DataInfo data = new RunParameters.DataInfo("synthetic (60 samples, seed 7)",
                ResolutionMode.SEED, NanPolicy.DROP, 36, 10, 12, Map.of("test", 1), 24);
        RunParameters p = RunParameters.none().withPrepare(common, s.prepare(), data).withTrain(s.train())
                .withExplain(s.explain(), new RunParameters.Explained(12));
        JsonFiles.write(f, p);
        RunParameters back = RunParameters.read(f);
        assertEquals(p.common(), back.common());
        assertEquals(p.train(), back.train());
        assertEquals(p.prepared(), back.prepared());
        assertEquals("a1,b2", back.explain().samples().toString());
        assertEquals(ExplainerKind.KERNEL, back.explain().explainer());
        assertEquals(TrainSettings.DEFAULT_SYNTHETIC_EPOCHS, back.train().epochs(), "resolved defaults are recorded");

        JsonNode tree = JsonFiles.readTree(f);
        assertEquals("transposed_convolution", tree.path("train").path("upsampling").asText());
        assertEquals("focal", tree.path("train").path("loss").asText());
        assertEquals(tmp.resolve("out").toAbsolutePath().toString(), tree.path("common").path("out").asText());
        assertSnakeCase(tree, "parameters.json");
    }

    @Test
    void theTrainSectionOfThePreviousVersionReadsAndWritesBackTheSame() throws Exception {
        Path f = tmp.resolve("parameters.json");
        String train = "{\"epochs\": 6, \"patience\": 10, \"batch_size\": 8, \"filters\": 8, \"kernel\": 5, "
                + "\"depth\": 2, \"dropout\": 0.5, \"loss\": \"focal\", \"upsampling\": \"transposed_convolution\", "
                + "\"time_limit_minutes\": 30, \"flip_augmentation\": true, \"batch_normalization\": false, "
                + "\"learning_rate_decay\": 1.0}";
        Files.writeString(f, "{\"train\": " + train + "}");
        TrainSettings back = RunParameters.read(f).train();
        assertEquals(new TrainSettings(6, 10, 8, 8, 5, 2, 0.5, SegmentationLoss.FOCAL,
                UNet.Upsampling.TRANSPOSED_CONVOLUTION, 30, true, false, 1.0), back);
        Path again = tmp.resolve("train.json");
        JsonFiles.write(again, back);
        assertEquals(JsonFiles.JSON.readTree(train), JsonFiles.readTree(again), "the same keys and values as before");
    }

    @Test
    void parametersOfThePreviousVersionReadAsWhatTheySayOfTheData() throws Exception {
        Path f = tmp.resolve("parameters.json");
        Files.writeString(f, "{\"data\": \"synthetic (400 samples, seed 42)\", \"out\": \"/x\", \"resolution\": "
                + "\"full\", \"epochs\": 6, \"batch_size\": 8, \"nan_policy\": \"drop\", \"split\": \"1 / 2 / 3\", "
                + "\"image_size\": 101}");
        RunParameters old = RunParameters.read(f);
        assertTrue(old.prepared().synthetic());
        assertEquals(ResolutionMode.FULL, old.prepared().resolution());
        assertEquals(NanPolicy.DROP, old.prepared().nanPolicy());
        assertEquals(101, old.prepared().imageSize());
        assertNull(old.train());
        assertTrue(RunParameters.read(tmp.resolve("missing.json")).empty());
    }

    private static void assertSnakeCase(JsonNode node, String where) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(e.getKey().matches("[a-z0-9_]+"), "key '" + e.getKey() + "' in " + where);
                assertSnakeCase(e.getValue(), where);
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertSnakeCase(n, where));
        }
    }
}
