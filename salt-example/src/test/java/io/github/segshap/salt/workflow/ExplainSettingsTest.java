package io.github.segshap.salt.workflow;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.segmentation.BackgroundSource;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.salt.explain.ExplanationStage;
import io.github.segshap.salt.explain.ModelRuntime;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.io.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explain settings: the one record the mixin fills, turned into shap-core's options in one place. */
class ExplainSettingsTest {

    @Test
    void theDefaultsAgreeWithSegshapsAndKeepTheRecipeOfEarlierVersions() {
        ExplainSettings d = ExplainSettings.defaults();
        assertEquals(ExplainerKind.AUTO, d.explainer(), "--explainer defaults to auto, as segshap's");
        assertEquals(BackgroundSource.drawn(100), d.background());
        assertEquals(ModelRuntime.ONNX, d.runtime(), "ONNX Runtime, the faster runtime, is the default");
        ExplanationOptions o = d.options(7).build();
        assertEquals(ExplainerKind.EXACT, o.explainer().kind(),
                "auto is exact for the four channels, and recorded so (earlier versions defaulted to exact)");
        assertEquals(ExplanationStage.PLAYER_NAMES, o.players().channelNames().orElseThrow());
        assertEquals(7, o.explainer().seed());
        assertEquals(7, o.background().seed());
        assertEquals(d.threads(), o.evaluation().threads());
        assertEquals(0, o.background().summary());
        ExplainSettings summarised = new ExplainSettings(SampleSelection.parse("all"), ExplainerKind.KERNEL,
                BackgroundSource.drawn(8), 2, ModelRuntime.ONNX, 3);
        assertEquals(3, summarised.options(1).build().background().summary());
        assertEquals(ExplainerKind.KERNEL, summarised.options(1).build().explainer().kind());
    }

    @Test
    void parametersOfEarlierVersionsStillRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("explain.json");
        Files.writeString(f, "{\"samples\": \"a1,b2\", \"explainer\": \"exact\", \"background_size\": 16, "
                + "\"threads\": 2, \"engine\": \"onnx\", \"background_summary\": 0}");
        ExplainSettings old = JsonFiles.read(f, ExplainSettings.class);
        assertEquals(BackgroundSource.drawn(16), old.background());
        assertEquals(ModelRuntime.ONNX, old.runtime());
        assertEquals("a1,b2", old.samples().toString());
        Files.writeString(f, "{\"samples\": \"a1\", \"explainer\": \"exact\", \"background_size\": 16, "
                + "\"threads\": 2}");
        assertEquals(ModelRuntime.DL4J, JsonFiles.read(f, ExplainSettings.class).runtime(),
                "settings recorded before --runtime were run by DL4J, whatever the default is now");

        ExplainSettings now = new ExplainSettings(SampleSelection.parse("all"), ExplainerKind.AUTO,
                BackgroundSource.drawn(12), 3, ModelRuntime.DL4J, 0);
        JsonFiles.write(f, now);
        assertEquals("12", JsonFiles.readTree(f).path("background").asText());
        assertEquals("dl4j", JsonFiles.readTree(f).path("runtime").asText());
        ExplainSettings back = JsonFiles.read(f, ExplainSettings.class);
        assertEquals(now.background(), back.background());
        assertEquals(now.explainer(), back.explainer());
        assertEquals(now.runtime(), back.runtime());
    }

    @Test
    void aMissingBackgroundFileIsNamed(@TempDir Path dir) {
        BackgroundSource missing = BackgroundSource.parse(dir.resolve("bg.npy").toString(), "training image");
        CommandException e = assertThrows(CommandException.class, () -> ExplainSettings.requireReadable(missing));
        assertEquals(ExitCode.NO_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("bg.npy") && e.getMessage().contains("no such file"), e.getMessage());
        ExplainSettings.requireReadable(BackgroundSource.drawn(4));   // a count needs no file
    }
}
