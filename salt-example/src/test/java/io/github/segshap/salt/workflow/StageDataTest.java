package io.github.segshap.salt.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.ProgressMode;
import io.github.segshap.salt.io.JsonFiles;
import io.github.segshap.salt.prepare.NanPolicy;
import io.github.segshap.salt.prepare.ResolutionMode;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.train.TrainSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A later stage keeps the run folder's recorded data, and the report says what each stage used. */
@Tag("campaign")
class StageDataTest {
    @TempDir
    Path tmp;

    private CommonSettings common(Path data) {
        return new CommonSettings(data, tmp.resolve("out"), ResolutionMode.SEED, 7, null, 1, ProgressMode.OFF);
    }

    private static RunParameters.DataInfo info(String source) {
        return new RunParameters.DataInfo(source, ResolutionMode.SEED, NanPolicy.DROP, 36, 10, 12, Map.of(), 24);
    }

    @Test
    void aStageWithoutDataTakesTheFoldersRecordedRealData() {
        Path real = tmp.resolve("tgs");
        CommonSettings prepared = common(real);
        JsonFiles.write(prepared.layout().parameters(), RunParameters.none()
                .withPrepare(prepared, PrepareSettings.defaults(), info(real.toString())));

        CommonSettings later = RecordedData.inherit(common(null));
        assertEquals(real.toAbsolutePath().normalize(), later.data(), "train --out o keeps the real data");
        assertTrue(!later.synthetic());
        WorkflowSettings s = WorkflowSettings.of(later);
        assertEquals(TrainSettings.DEFAULT_REAL_EPOCHS, s.train().epochs(), "training defaults are the real data's");

        Path other = tmp.resolve("other");
        assertEquals(other.toAbsolutePath().normalize(), RecordedData.inherit(common(other)).data(),
                "--data given wins");
    }

    @Test
    void aSyntheticOrEmptyFolderStaysSynthetic() {
        assertTrue(RecordedData.inherit(common(null)).synthetic(), "no parameters.json");
        CommonSettings synthetic = common(null);
        JsonFiles.write(synthetic.layout().parameters(), RunParameters.none()
                .withPrepare(synthetic, PrepareSettings.defaults(), info("synthetic (60 samples, seed 7)")));
        assertTrue(RecordedData.inherit(common(null)).synthetic());
    }

    @Test
    void theReportNamesTheDataEachStageUsedAfterALaterPrepare() {
        CommonSettings c = common(null);
        WorkflowSettings s = WorkflowSettings.of(c);
        PrepareSettings horizontal = new PrepareSettings(AttributeAxis.HORIZONTAL,
                PrepareSettings.defaults().syntheticSamples(), PrepareSettings.defaults().badSamples());
        PrepareSettings vertical = new PrepareSettings(AttributeAxis.VERTICAL,
                PrepareSettings.defaults().syntheticSamples(), PrepareSettings.defaults().badSamples());
        RunParameters.DataInfo data = info("synthetic (60 samples, seed 7)");
        RunParameters p = RunParameters.none().withPrepare(c, horizontal, data).withTrain(s.train())
                .withExplain(s.explain(), new RunParameters.Explained(12));
        assertEquals("", ReportStage.stageData(p), "every stage used the same data");

        RunParameters later = p.withPrepare(c, vertical, data);
        Path f = tmp.resolve("parameters.json");
        JsonFiles.write(f, later);
        String text = ReportStage.stageData(RunParameters.read(f));
        assertTrue(text.contains("the model and its metrics used axis horizontal"), text);
        assertTrue(text.contains("the explanations used axis horizontal"), text);
    }

    @Test
    void theParametersTablePrintsNotSetForANullValueNeverARawNull() throws Exception {
        java.util.Map<String, Object> rows = new java.util.TreeMap<>();
        ReportStage.flatten("", JsonFiles.JSON.readTree("{\"data\": null, \"train\": {\"time_limit\": null, "
                + "\"epochs\": 2}}"), rows);
        assertEquals(java.util.Map.of("data", "not set", "train.time_limit", "not set", "train.epochs", 2), rows);
    }
}
