package io.github.segshap.cli.dl4j;

import io.github.segshap.cli.SegshapCommand;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.learned.LearnedExplainer;
import io.github.segshap.core.learned.LearnedFolder;
import io.github.segshap.core.learned.LearnedMismatchException;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.model.Model;
import io.github.segshap.dl4j.learned.ExplainerNetwork;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.NativeThreads;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code segshap fit-explainer} on a small convolutional DL4J model: the folder, its ONNX network, its refusals. */
class FitExplainerCommandTest {
    private static final ImageShape SHAPE = new ImageShape(2, 6, 6);
    private static final int N = 10;

    @TempDir
    static Path dir;
    private static Path model;
    private static Path images;
    private static float[] pixels;

    @BeforeAll
    static void files() throws Exception {
        NativeThreads.pin(1);
        // any convolutional graph mapping 2 channels to one map of the image's size is a model to explain
        var net = new ExplainerNetwork(SHAPE.channels(), 1, SHAPE.height(), SHAPE.width(), 1, 3, 1e-3, 9).build();
        model = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, model.toFile(), false);
        Random r = new Random(3);
        pixels = new float[N * SHAPE.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        images = dir.resolve("images.npy");
        Npy.write(images, pixels, N, SHAPE.channels(), SHAPE.height(), SHAPE.width());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SegshapCommand.commandLine(new SegshapCommand(new PrintStream(console, true,
                StandardCharsets.UTF_8), UnaryOperator.identity()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, console.toString(StandardCharsets.UTF_8) + out + err);
    }

    @Test
    void fitsWritesTheFolderAndItsOnnxNetworkExplainsAsTheZipDoes() throws Exception {
        Path out = dir.resolve("learned");
        Run r = run("fit-explainer", "--model", model.toString(), "--images", images.toString(), "--background", "4",
                "--out", out.toString(), "--epochs", "3", "--holdout", "0.3", "--threads", "1");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("held-out error: relative RMS error"), r.output());
        for (String f : List.of(LearnedFolder.NETWORK_ZIP, LearnedFolder.NETWORK_ONNX, LearnedFolder.BASE,
                LearnedFolder.RECORD)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in " + r.output());
        }
        LearnedRecord record = LearnedFolder.readRecord(out);
        assertEquals(3, record.heldOutIds().size());
        assertEquals(7, record.fittedIds().size());
        assertEquals("exact", record.exact().explainer());

        LearnedExplainer learned = LearnedFolder.read(out);   // explainer.onnx, through ONNX Runtime
        List<Image> list = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] v = new double[SHAPE.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = pixels[i * SHAPE.size() + j];
            }
            list.add(Image.of(SHAPE, v));
        }
        List<String> ids = List.of("0", "1");
        try (Model m = Dl4jModel.of(ModelSerializer.restoreComputationGraph(model.toFile(), false));
             Model zipNet = Dl4jModel.of(ModelSerializer.restoreComputationGraph(
                     out.resolve(LearnedFolder.NETWORK_ZIP).toFile(), false))) {
            Explanations onnx = learned.explain(m, record.modelFingerprint(), record.backgroundFingerprint(), ids,
                    list.subList(0, 2));
            Explanations zip = LearnedExplainer.measured(zipNet, learned.baseValues(), record).explain(m,
                    record.modelFingerprint(), record.backgroundFingerprint(), ids, list.subList(0, 2));
            for (int i = 0; i < 2; i++) {
                assertTrue(onnx.get(i).maxAbsResidual() < 1e-9, "additive");
                for (int p = 0; p < 2; p++) {
                    double[] a = onnx.get(i).values(p);
                    double[] b = zip.get(i).values(p);
                    for (int k = 0; k < a.length; k++) {
                        assertEquals(b[k], a[k], 1e-4, "image " + i + " player " + p + " output " + k);
                    }
                }
            }
            assertEquals("learned", onnx.provenance().orElseThrow().explainer());
            assertThrows(LearnedMismatchException.class, () -> learned.explain(m, "sha256:another", record
                    .backgroundFingerprint(), ids, list.subList(0, 2)));
        }
    }

    @Test
    void aHeldOutShareOutsideZeroToOneIsAUsageError() {
        Run r = run("fit-explainer", "--model", model.toString(), "--images", images.toString(), "--out",
                dir.resolve("bad").toString(), "--holdout", "1.5");
        assertEquals(ExitCode.USAGE.code(), r.exit(), r.output());
        assertTrue(r.output().contains("held-out share must be in (0, 1), got 1.5"), r.output());
    }
}
