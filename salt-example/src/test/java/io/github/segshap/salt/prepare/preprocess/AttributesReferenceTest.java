package io.github.segshap.salt.prepare.preprocess;

import static io.github.segshap.salt.TestResources.grid;
import static io.github.segshap.salt.prepare.preprocess.ReferenceAssertions.assertGridClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.salt.TestResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decimation, resize and the four attributes against every case of {@code attributes.json} (real
 * TGS images) and {@code synthetic.json} (a generated float image), within the tolerances stored
 * in each file.
 */
class AttributesReferenceTest {

    @TestFactory
    Stream<DynamicTest> everyTgsCase() {
        JsonNode root = TestResources.attributesJson("attributes.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest("tgs " + c.get("id").asText(), () -> checkCase(root, c, true)));
        }
        assertTrue(tests.size() > 0, "attributes.json has no cases");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> syntheticImage() {
        JsonNode root = TestResources.attributesJson("synthetic.json");
        return Stream.of(DynamicTest.dynamicTest("synthetic", () -> checkCase(root, root, false)));
    }

    private static void checkCase(JsonNode root, JsonNode c, boolean tgs) {
        JsonNode tol = root.get("suggested_tolerances_abs");
        double[] image101 = grid(c.get("image101"));
        int n101 = c.get("image101").size();
        double[] d51 = Resampling.decimate(image101, n101, n101, 2);
        assertGridClose("decimated51", grid(c.get("decimated51")), d51, 51, tol.get("decimated51").asDouble());
        double[] r48 = Resampling.resize(d51, 51, 51, 48, 48);
        double[] expected48 = grid(c.get("resized48"));
        assertGridClose("resized48", expected48, r48, 48, tol.get("resized48").asDouble());

        for (AttributeAxis axis : AttributeAxis.values()) {
            JsonNode ref = c.get(axis.name().toLowerCase(Locale.ROOT));
            // from the reference's own 48 x 48 input (isolates the attribute) and from ours (the chain)
            for (double[] input : List.of(expected48, r48)) {
                assertGridClose(axis + " energy", grid(ref.get("energy")), Attributes.energy(input, 48, 48, axis), 48,
                        tol.get("energy").asDouble());
                assertGridClose(axis + " gst", grid(ref.get("gst")), Attributes.gst(input, 48, 48, axis), 48,
                        tol.get("gst").asDouble());
                assertGridClose(axis + " sobel", grid(ref.get("sobel")), Attributes.sobel(input, 48, 48, axis), 48,
                        tol.get("sobel").asDouble());
            }
        }
        if (!tgs) {
            JsonNode nan = c.get("gst_nan_count");
            for (AttributeAxis axis : AttributeAxis.values()) {
                long count = java.util.Arrays.stream(Attributes.gst(r48, 48, 48, axis)).filter(Double::isNaN).count();
                assertEquals(nan.get(axis.name().toLowerCase(Locale.ROOT)).asLong(), count, axis + " NaN count");
            }
            return;
        }
        // the mask chain (PNG -> decimate -> resize -> != 0) is checked in data.SaltDatasetReaderDataTest
        double[] maskResized = grid(c.get("mask48_resized"));
        double[] binaryExpected = grid(c.get("mask48_binary"));
        for (int i = 0; i < maskResized.length; i++) {
            assertEquals(maskResized[i] != 0 ? 1.0 : 0.0, binaryExpected[i], "mask48_binary is mask48_resized != 0");
        }

        // seed_input24: the stack at 48, horizontal, every 2nd pixel
        double[] stack = Attributes.stack(r48, 48, 48, AttributeAxis.HORIZONTAL);
        JsonNode s24 = c.get("seed_input24");
        String[] names = {"resized48", "energy", "gst", "sobel"};
        for (int ch = 0; ch < Attributes.CHANNEL_COUNT; ch++) {
            double[] plane = java.util.Arrays.copyOfRange(stack, ch * 48 * 48, (ch + 1) * 48 * 48);
            double[] ours = Resampling.decimate(plane, 48, 48, 2);
            double[] ref = new double[24 * 24];
            for (int r = 0; r < 24; r++) {
                for (int col = 0; col < 24; col++) {
                    JsonNode v = s24.get(r).get(col).get(ch);
                    ref[r * 24 + col] = v.isNull() ? Double.NaN : v.asDouble();
                }
            }
            assertGridClose("seed_input24 channel " + ch, ref, ours, 24, tol.get(names[ch]).asDouble());
        }
        boolean anyNan = java.util.Arrays.stream(stack).anyMatch(Double::isNaN);
        assertEquals(c.get("has_nan").asBoolean(), anyNan, "has_nan");
    }
}
