package io.github.segshap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.cli.ExplainCommandTest.Run;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.onnx.model.OnnxModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.segshap.cli.ExplainCommandTest.C;
import static io.github.segshap.cli.ExplainCommandTest.H;
import static io.github.segshap.cli.ExplainCommandTest.N;
import static io.github.segshap.cli.ExplainCommandTest.SHAPE;
import static io.github.segshap.cli.ExplainCommandTest.W;
import static io.github.segshap.cli.ExplainCommandTest.failingOn;
import static io.github.segshap.cli.ExplainCommandTest.imagesOf;
import static io.github.segshap.cli.ExplainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code segshap explain --interactions} on the tests' ONNX conv net: the npy file read back as
 * NumPy would, its sum rule, symmetry and diagonal, and the values against the Shapley interaction
 * index computed here from independent model calls.
 */
class InteractionsCommandTest {
    private static final int BG = 4;
    private static final int K = H * W;

    @TempDir
    Path dir;
    Path model;
    Path images;
    Path background;
    float[] pixels;
    float[] bgPixels;

    @BeforeEach
    void files() {
        model = TinyOnnxNet.write(dir.resolve("model.onnx"), C, false, 7);
        pixels = TinyOnnxNet.images(N, C, H, W, 1);
        bgPixels = TinyOnnxNet.images(BG, C, H, W, 2);
        images = dir.resolve("images.npy");
        background = dir.resolve("background.npy");
        Npy.write(images, pixels, N, C, H, W);
        Npy.write(background, bgPixels, BG, C, H, W);
    }

    private String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model.toString(), "--images", images.toString(),
                "--background", background.toString(), "--out", out.toString(), "--threads", "2"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void interactionsNpyAddsUpIsSymmetricAndEqualsTheBruteForceIndex() throws IOException {
        Path out = dir.resolve("out");
        Run r = run(args(out, "--interactions", "--batch", "4"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("interactions.npy"), r.out());
        NpyArray a = Npy.read(out.resolve("interactions.npy"));
        assertArrayEquals(new int[] {N, C, C, 1, H, W}, a.shape());
        double[] phi = a.toDoubles();
        Explanations ex = ExplanationFolder.read(out);
        assertEquals("true", ex.provenance().orElseThrow().explainerOptions().get("interactions"));
        for (int i = 0; i < N; i++) {
            Explanation e = ex.get(i);
            for (int k = 0; k < K; k++) {
                double total = 0;
                for (int p = 0; p < C; p++) {
                    double row = 0;
                    for (int q = 0; q < C; q++) {
                        double v = phi[at(i, p, q, k)];
                        assertEquals(v, phi[at(i, q, p, k)], 0, "symmetry, image " + i + " pixel " + k);
                        row += v;
                    }
                    // the diagonal: Phi_pp = phi_p - sum_{q != p} Phi_pq, i.e. the row sums to the contribution
                    assertEquals(e.value(p, k), row, 1e-9, "row " + p + " of image " + i + " pixel " + k);
                    total += row;
                }
                assertEquals(e.output(k) - e.baseValue(k), total, 1e-9, "image " + i + " pixel " + k);
            }
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("interactions.json").toFile());
        assertEquals(Fingerprint.ofFile(out.resolve("interactions.npy")), json.path("sha256").asText());
        assertEquals("[" + N + "," + C + "," + C + ",1," + H + "," + W + "]", json.path("shape").toString());
        assertFalse(Files.exists(out.resolve("batches")));

        // brute force on two images: v(S) = mean over the background of f(x on S, background elsewhere)
        List<Image> imgs = imagesOf(pixels, N);
        List<Image> bg = imagesOf(bgPixels, BG);
        try (OnnxModel m = OnnxModel.of(model)) {
            for (int i : new int[] {0, 5}) {
                double[][] v = coalitionValues(m, imgs.get(i), bg);
                for (int p = 0; p < C; p++) {
                    for (int q = p + 1; q < C; q++) {
                        double[] sii = shapleyInteractionIndex(v, p, q);
                        for (int k = 0; k < K; k++) {
                            assertEquals(sii[k] / 2, phi[at(i, p, q, k)], 1e-6,
                                    "Phi_" + p + q + " of image " + i + " at pixel " + k);
                        }
                    }
                }
                // the main effect from its definition: phi_p - sum_{q != p} SII_pq / 2
                for (int p = 0; p < C; p++) {
                    double[] main = shapleyValue(v, p);
                    for (int q = 0; q < C; q++) {
                        if (q != p) {
                            double[] sii = shapleyInteractionIndex(v, Math.min(p, q), Math.max(p, q));
                            for (int k = 0; k < K; k++) {
                                main[k] -= sii[k] / 2;
                            }
                        }
                    }
                    for (int k = 0; k < K; k++) {
                        assertEquals(main[k], phi[at(i, p, p, k)], 1e-6, "Phi_" + p + p + " of image " + i);
                    }
                }
            }
        }
    }

    @Test
    void anInterruptedRunResumesWithItsInteractions() {
        Path whole = dir.resolve("whole");
        assertEquals(0, run(args(whole, "--interactions", "--batch", "2")).exit());
        Path out = dir.resolve("out");
        Run killed = run(failingOn(imagesOf(pixels, N).get(4)), args(out, "--interactions", "--batch", "2"));
        assertEquals(1, killed.exit(), killed.all());
        assertTrue(Files.isRegularFile(out.resolve("batches").resolve("0-1").resolve("interactions.npy")));
        Run rerun = run(args(out, "--interactions", "--batch", "2"));
        assertEquals(0, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("resuming: 4 of 6"), rerun.out());
        assertArrayEquals(Npy.read(whole.resolve("interactions.npy")).toDoubles(),
                Npy.read(out.resolve("interactions.npy")).toDoubles(), 0);
        Run without = run(args(out, "--batch", "2"));
        assertEquals(7, without.exit(), "the same folder without --interactions is another recipe: " + without.all());
        assertTrue(without.err().contains("--interactions was on, now off"), "the flag is named: " + without.err());
    }

    @Test
    void interactionsNeedTheExactExplainer() {
        for (String explainer : List.of("kernel", "permutation", "partition")) {
            Path out = dir.resolve("o-" + explainer);
            Run r = run(args(out, "--interactions", "--explainer", explainer));
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("--interactions needs the exact explainer") && r.err().contains(explainer),
                    r.err());
            assertFalse(Files.exists(out.resolve(ExplanationFolder.JSON)));
        }
        Run plain = run(args(dir.resolve("plain")));
        assertEquals(0, plain.exit(), plain.all());
        assertFalse(Files.exists(dir.resolve("plain").resolve("interactions.npy")), "opt-in");
    }

    private static int at(int image, int p, int q, int k) {
        return ((image * C + p) * C + q) * K + k;
    }

    /** v[S][k] for every coalition S (bit c = channel c taken from the image), one model call per masked image. */
    private static double[][] coalitionValues(OnnxModel m, Image x, List<Image> bg) {
        double[][] v = new double[1 << C][K];
        double[] xs = x.toArray();
        for (int s = 0; s < 1 << C; s++) {
            for (Image b : bg) {
                double[] masked = b.toArray();
                for (int c = 0; c < C; c++) {
                    if ((s >>> c & 1) != 0) {
                        System.arraycopy(xs, c * K, masked, c * K, K);
                    }
                }
                double[] f = m.predict(new ImageBatch(SHAPE, 1, masked));
                for (int k = 0; k < K; k++) {
                    v[s][k] += f[k] / bg.size();
                }
            }
        }
        return v;
    }

    /** SII_pq = sum over S without p, q of |S|! (M - |S| - 2)! / (M - 1)! [v(S+pq) - v(S+p) - v(S+q) + v(S)]. */
    private static double[] shapleyInteractionIndex(double[][] v, int p, int q) {
        double[] out = new double[K];
        for (int s = 0; s < 1 << C; s++) {
            if ((s >>> p & 1) != 0 || (s >>> q & 1) != 0) {
                continue;
            }
            int size = Integer.bitCount(s);
            double w = factorial(size) * factorial(C - size - 2) / factorial(C - 1);
            for (int k = 0; k < K; k++) {
                out[k] += w * (v[s | 1 << p | 1 << q][k] - v[s | 1 << p][k] - v[s | 1 << q][k] + v[s][k]);
            }
        }
        return out;
    }

    /** phi_p = sum over S without p of |S|! (M - |S| - 1)! / M! [v(S+p) - v(S)]. */
    private static double[] shapleyValue(double[][] v, int p) {
        double[] out = new double[K];
        for (int s = 0; s < 1 << C; s++) {
            if ((s >>> p & 1) != 0) {
                continue;
            }
            int size = Integer.bitCount(s);
            double w = factorial(size) * factorial(C - size - 1) / factorial(C);
            for (int k = 0; k < K; k++) {
                out[k] += w * (v[s | 1 << p][k] - v[s][k]);
            }
        }
        return out;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
