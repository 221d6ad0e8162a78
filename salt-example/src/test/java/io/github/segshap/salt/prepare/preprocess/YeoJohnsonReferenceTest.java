package io.github.segshap.salt.prepare.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.TestResources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The power transform against scikit-learn's {@code PowerTransformer} fits stored in both reference files. */
class YeoJohnsonReferenceTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    @Test
    void syntheticFitOfAttributesJson() {
        checkSynthetic(TestResources.attributesJson("attributes.json"), "yeo_johnson", "synthetic");
    }

    @Test
    void syntheticFitOfSyntheticJson() {
        checkSynthetic(TestResources.attributesJson("synthetic.json"), "yeo_johnson", null);
    }

    private static void checkSynthetic(JsonNode root, String key, String sub) {
        JsonNode tol = root.get("suggested_tolerances_abs");
        JsonNode ref = sub == null ? root.get(key) : root.get(key).get(sub);
        JsonNode input = ref.get("input");
        int rows = input.size();
        int cols = input.get(0).size();
        double[][] columns = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                columns[c][r] = input.get(r).get(c).asDouble();
            }
        }
        YeoJohnson yj = YeoJohnson.fit(NAMES.subList(0, cols), columns);
        assertArrayEquals(TestResources.vector(ref.get("lambdas")), yj.lambdas(),
                tol.get("yeo_johnson_lambdas").asDouble(), "lambdas");
        assertArrayEquals(TestResources.vector(ref.get("mean")), yj.means(),
                tol.get("yeo_johnson_mean_scale").asDouble(), "means");
        assertArrayEquals(TestResources.vector(ref.get("scale")), yj.scales(),
                tol.get("yeo_johnson_mean_scale").asDouble(), "scales");
        JsonNode transformed = ref.get("transformed_first10");
        JsonNode inverse = ref.get("inverse_of_transformed_first10");
        double t = tol.get("yeo_johnson_transformed").asDouble();
        for (int r = 0; r < transformed.size(); r++) {
            for (int c = 0; c < cols; c++) {
                double y = yj.transform(c, columns[c][r]);
                assertEquals(transformed.get(r).get(c).asDouble(), y, t, "transformed row " + r + " col " + c);
                assertEquals(inverse.get(r).get(c).asDouble(), yj.inverse(c, y), t, "inverse row " + r + " col " + c);
                assertEquals(columns[c][r], yj.inverse(c, y), 1e-9 * Math.max(1, Math.abs(columns[c][r])));
            }
        }
    }

    @Test
    void jsonRoundTripAndRejection(@TempDir Path dir) {
        YeoJohnson yj = YeoJohnson.of(NAMES.subList(0, 2), new double[] {0.5, -1.25}, new double[] {1, 2},
                new double[] {3, 4});
        Path p = dir.resolve("t.json");
        yj.write(p);
        YeoJohnson back = YeoJohnson.read(p);
        assertEquals(yj, back);
        assertArrayEquals(yj.lambdas(), back.lambdas());
        assertEquals(yj.transform(1, -3.5), back.transform(1, -3.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YeoJohnson.fromJson("{\"schema\":\"other\"}"));
        assertTrue(e.getMessage().contains("other"));
        assertThrows(IllegalArgumentException.class, () -> YeoJohnson.of(NAMES.subList(0, 1), new double[] {1},
                new double[] {0}, new double[] {0}));
    }

    @Test
    void psiAndItsInverseAgreeOnBothSignsAndSpecialLambdas() {
        for (double lambda : new double[] {-2.5, -1, 0, 1e-20, 0.7, 1, 2, 3.5}) {
            for (double x : new double[] {-10, -1, -1e-6, 0, 1e-6, 0.5, 3, 250}) {
                double y = YeoJohnson.psi(x, lambda);
                assertEquals(x, YeoJohnson.psiInverse(y, lambda), 1e-9 * Math.max(1, Math.abs(x)),
                        "lambda " + lambda + " x " + x);
            }
        }
        assertEquals(Math.log1p(3), YeoJohnson.psi(3, 0), 1e-15);
        assertEquals(-Math.log1p(3), YeoJohnson.psi(-3, 2), 1e-15);
        assertTrue(Double.isNaN(YeoJohnson.psi(Double.NaN, 0.5)));
    }

    @Test
    void floatImageFitEqualsColumnFitAndIgnoresNan() {
        java.util.Random rnd = new java.util.Random(3);
        int count = 5;
        int plane = 30;
        float[] images = new float[count * 2 * plane];
        double[][] columns = new double[2][count * plane];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < plane; i++) {
                    float v = (float) (c == 0 ? rnd.nextInt(20) : Math.exp(rnd.nextGaussian()) - 0.7);
                    images[(n * 2 + c) * plane + i] = v;
                    columns[c][n * plane + i] = v;
                }
            }
        }
        images[7] = Float.NaN;
        columns[0][7] = Double.NaN;
        YeoJohnson a = YeoJohnson.fitImages(NAMES.subList(0, 2), images, count, plane);
        YeoJohnson b = YeoJohnson.fit(NAMES.subList(0, 2), columns);
        assertArrayEquals(b.lambdas(), a.lambdas(), 1e-9);
        assertArrayEquals(b.means(), a.means(), 1e-9);
        assertEquals(count * plane - 1, a.counts()[0]);
        float[] copy = images.clone();
        a.transformInPlace(copy, count, plane);
        assertTrue(Float.isNaN(copy[7]));
        a.inverseInPlace(copy, count, plane);
        for (int i = 0; i < images.length; i++) {
            if (i != 7) {
                assertEquals(images[i], copy[i], 1e-4 * Math.max(1, Math.abs(images[i])));
            }
        }
    }
}
