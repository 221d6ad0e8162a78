package io.github.segshap.cli;

import io.github.segshap.command.ExitCode;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.learned.LearnedError;
import io.github.segshap.core.learned.LearnedFolder;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain --explainer learned --learned DIR}: a learned explainer's folder (here written
 * by hand: an ONNX network of the images' channels plus the prediction to one map, one player) explains
 * every image exactly additively, prints the held-out error, and refuses another model.
 */
class LearnedExplainCommandTest {
    static final int N = 5;
    static final int C = 2;
    static final int H = 6;
    static final int W = 5;

    @TempDir
    Path dir;
    Path model;
    Path images;
    Path background;
    Path learned;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        images = dir.resolve("images.npy");
        background = dir.resolve("background.npy");
        float[] bg = TinyOnnxNet.images(3, C, H, W, 2);
        Npy.write(images, TinyOnnxNet.images(N, C, H, W, 1), N, C, H, W);
        Npy.write(background, bg, 3, C, H, W);
        learned = dir.resolve("learned");
        TinyOnnxNet.write(learned.resolve(LearnedFolder.NETWORK_ONNX), C + 1, false, 11);
        ImageShape shape = new ImageShape(C, H, W);
        List<Image> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(Image.of(shape, java.util.Arrays.copyOfRange(bg, i * shape.size(), (i + 1) * shape.size())));
        }
        String bgFingerprint = Fingerprint.ofImages(rows);
        Provenance exact = Provenance.builder("exact").players(List.of("all"), "groups 0,1")
                .model("model.onnx", Fingerprint.ofFile(model)).background(3, bgFingerprint, List.of("a", "b", "c"), 0)
                .build();
        LearnedRecord record = LearnedRecord.now(exact, List.of("x", "y"), List.of("z"), Map.of("epochs", "1"), 3,
                new LearnedError(1, 0.25, List.of(0.5), 1, "z", 0.25));
        LearnedFolder.write(learned, new double[H * W], new int[] {1, H, W}, record);
    }

    private ExplainCommandTest.Run explain(Path out, Path modelFile, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("explain", "--explainer", "learned", "--learned",
                learned.toString(), "--model", modelFile.toString(), "--images", images.toString(), "--players", "0,1",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return ExplainCommandTest.run(a.toArray(String[]::new));
    }

    @Test
    void explainsEveryImageAdditivelyAndPrintsTheHeldOutError() {
        Path out = dir.resolve("out");
        ExplainCommandTest.Run r = explain(out, model, "--background", background.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.all().contains("held-out error of the learned explainer: relative RMS error 0.2500"), r.all());
        Explanations e = ExplanationFolder.read(out);
        assertEquals(N, e.size());
        assertEquals("learned", e.explainer());
        assertTrue(e.maxAbsResidual() < 1e-9, "residual " + e.maxAbsResidual());
        assertEquals("0.250000", e.provenance().orElseThrow().extra().get("learned_held_out_relative_rms"));
    }

    @Test
    void anotherModelOrBackgroundIsRefused() {
        Path other = TinyOnnxNet.write(dir.resolve("other.onnx"), C, false, 8);
        ExplainCommandTest.Run r = explain(dir.resolve("o1"), other);
        assertEquals(ExitCode.MODEL.code(), r.exit(), r.all());
        assertTrue(r.all().contains("the model differs"), r.all());
        ExplainCommandTest.Run bg = explain(dir.resolve("o2"), model, "--background", images.toString());
        assertEquals(ExitCode.MODEL.code(), bg.exit(), bg.all());
        assertTrue(bg.all().contains("the background differs"), bg.all());
    }

    @Test
    void learnedAndItsFolderGoTogether() {
        ExplainCommandTest.Run r = ExplainCommandTest.run("explain", "--explainer", "learned", "--model",
                model.toString(), "--images", images.toString(), "--out", dir.resolve("o3").toString());
        assertEquals(ExitCode.USAGE.code(), r.exit(), r.all());
        assertTrue(r.all().contains("--explainer learned needs --learned DIR"), r.all());
    }
}
