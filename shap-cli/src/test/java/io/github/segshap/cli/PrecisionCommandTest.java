package io.github.segshap.cli;

import io.github.segshap.command.ExitCode;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.segshap.cli.ExplainCommandTest.C;
import static io.github.segshap.cli.ExplainCommandTest.H;
import static io.github.segshap.cli.ExplainCommandTest.W;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code segshap explain --precision int8}: the int8 explanation, its measured error, its record. */
class PrecisionCommandTest {
    static final int N = 8;

    @TempDir
    Path dir;
    Path model;
    Path images;
    Path background;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        images = dir.resolve("images.npy");
        background = dir.resolve("background.npy");
        Npy.write(images, TinyOnnxNet.images(N, C, H, W, 1), N, C, H, W);
        Npy.write(background, TinyOnnxNet.images(4, C, H, W, 2), 4, C, H, W);
    }

    private ExplainCommandTest.Run explain(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--out", out.toString(), "--threads", "2", "--no-progress"));
        a.addAll(List.of(more));
        return ExplainCommandTest.run(a.toArray(String[]::new));
    }

    @Test
    void int8RecordsTheErrorItMeasuredAgainstTheFloat32Explanation() throws Exception {
        Path fp = dir.resolve("fp32");
        Path q = dir.resolve("int8");
        assertEquals(0, explain(fp, "--background", background.toString()).exit());
        ExplainCommandTest.Run r = explain(q, "--background", background.toString(), "--precision", "int8",
                "--precision-check", "3");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("int8 passes: contributions within"), r.out());
        Explanations a = ExplanationFolder.read(fp);
        Explanations b = ExplanationFolder.read(q);
        Provenance p = b.provenance().orElseThrow();
        PrecisionRecord rec = PrecisionRecord.of(p).orElseThrow();
        assertTrue(PrecisionRecord.of(a.provenance().orElseThrow()).isEmpty(), "float32 records no precision");
        assertEquals(List.of("0", "1", "2"), rec.heldOutIds(), "a background file leaves every image held out");
        assertTrue(rec.calibration().startsWith("minmax over 4 images (sha256:"), rec.calibration());
        // the recorded error is that of the two folders' held-out explanations
        double diff = 0;
        double ref = 0;
        double max = 0;
        for (String id : rec.heldOutIds()) {
            Explanation x = a.get(a.indexOf(id));
            Explanation y = b.get(b.indexOf(id));
            for (int pl = 0; pl < x.players(); pl++) {
                for (int k = 0; k < x.outputShape().size(); k++) {
                    double d = y.value(pl, k) - x.value(pl, k);
                    diff += d * d;
                    ref += x.value(pl, k) * x.value(pl, k);
                    max = Math.max(max, Math.abs(d));
                }
            }
        }
        assertEquals(Math.sqrt(diff / ref), rec.relativeRms(), 1e-12);
        assertEquals(max, rec.maxAbs(), 1e-12);
        assertTrue(rec.relativeRms() > 0, "int8 is another model");
        // exact for the int8 model's own predictions, which are not the float32 model's
        assertTrue(b.all().stream().allMatch(e -> e.maxAbsResidual() < 1e-9));
        double predictionDiff = 0;
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < a.get(i).outputShape().size(); k++) {
                predictionDiff = Math.max(predictionDiff, Math.abs(a.get(i).output(k) - b.get(i).output(k)));
            }
        }
        assertTrue(predictionDiff > 0, "the predictions explained are the int8 model's");
        String html = Files.readString(q.resolve("report.html"));
        assertTrue(html.contains("int8 passes: contributions within"), "the report's first screen states it");
        assertFalse(Files.readString(fp.resolve("report.html")).contains("int8 passes"));
    }

    @Test
    void aDrawnBackgroundIsNotHeldOut() {
        Path q = dir.resolve("drawn");
        ExplainCommandTest.Run r = explain(q, "--background", "3", "--precision", "int8", "--precision-check", "8");
        assertEquals(0, r.exit(), r.all());
        Explanations b = ExplanationFolder.read(q);
        Provenance p = b.provenance().orElseThrow();
        PrecisionRecord rec = PrecisionRecord.of(p).orElseThrow();
        assertEquals(N - 3, rec.heldOutIds().size(), rec.heldOutIds().toString());
        for (String id : rec.heldOutIds()) {
            assertFalse(p.backgroundIds().contains(id), id + " is a background row");
        }
    }

    @Test
    void usageErrorsNameTheOption() {
        ExplainCommandTest.Run bad = explain(dir.resolve("a"), "--precision", "bf16");
        assertEquals(ExitCode.USAGE.code(), bad.exit(), bad.all());
        assertTrue(bad.err().contains("--precision must be float32 or int8, got 'bf16'"), bad.err());
        ExplainCommandTest.Run none = explain(dir.resolve("b"), "--precision", "int8", "--precision-check", "0");
        assertEquals(ExitCode.USAGE.code(), none.exit(), none.all());
        assertTrue(none.err().contains("--precision-check must be at least 1"), none.err());
    }
}
