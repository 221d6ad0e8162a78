package io.github.segshap.report.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.report.ExplanationReport;
import io.github.segshap.report.figures.LabelledExplanations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewer page without a browser: self-contained, its data the explanation's values, bounded, checked. */
class InteractiveViewerTest {
    private static Explanations ex;

    @BeforeAll
    static void explain() {
        ex = ViewerFixture.explanations();
    }

    private static JsonNode payload(String html) throws IOException {
        String open = "<script type=\"application/json\" id=\"segshap-data\">";
        int a = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(a, html.indexOf("</script>", a)));
    }

    private static float[] floats(JsonNode b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64.asText())).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }

    private static void assertFloats(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], actual[i], 0f, what + " entry " + i);
        }
    }

    @Test
    void pageIsSelfContainedAndCarriesTheExplanationsValues(@TempDir Path tmp) throws IOException {
        Path html = InteractiveViewer.builder().title("Fixture").build()
                .write(LabelledExplanations.of(ex.withLabels(ViewerFixture.truth(ex))), tmp);
        assertEquals(tmp.resolve(InteractiveViewer.HTML), html);
        String page = Files.readString(html);
        assertFalse(page.contains("http:") || page.contains("https:") || page.contains("<link")
                || page.contains(" src="), "the page must load nothing from elsewhere");
        assertFalse(page.contains("/*SCRIPT*/") || page.contains("/*DATA*/") || page.contains("/*STYLE*/"));
        JsonNode d = payload(page);
        assertEquals(3, d.path("images").size());
        assertEquals(ViewerFixture.PLAYERS.size(), d.path("players").size());
        assertEquals(ex.explainer(), d.path("explainer").asText());
        assertFalse(d.has("method"), "the concept is the explainer");
        assertTrue(d.path("hasTruth").asBoolean() && d.path("hasInteractions").asBoolean()
                && d.path("inputsShown").asBoolean());
        int m = ex.players();
        int k = ex.outputShape().size();
        for (int i = 0; i < ex.size(); i++) {
            JsonNode img = d.path("images").get(i);
            assertEquals(ex.id(i), img.path("id").asText());
            assertFloats(ex.get(i).baseValues(), floats(img.path("base")), "base " + i);
            assertFloats(ex.get(i).outputs(), floats(img.path("prediction")), "prediction " + i);
            double[] c = new double[m * k];
            for (int p = 0; p < m; p++) {
                System.arraycopy(ex.get(i).values(p), 0, c, p * k, k);
            }
            assertFloats(c, floats(img.path("contributions")), "contributions " + i);
            assertFloats(ex.get(i).interactions().orElseThrow().toArray(), floats(img.path("interactions")),
                    "interactions " + i);
            double[] in = new double[ex.imageShape().size()];
            ex.input(i).copyTo(in, 0);
            assertFloats(in, floats(img.path("inputs")), "inputs " + i);
        }
    }

    @Test
    void folderWithTruthAndInteractionsFilesIsShownAndTheImageCountBounded(@TempDir Path tmp) throws IOException {
        Path folder = ViewerFixture.folder(tmp.resolve("ex"));
        Path html = InteractiveViewer.builder().maxImages(2).build().write(folder, tmp.resolve("out"));
        JsonNode d = payload(Files.readString(html));
        assertEquals(2, d.path("images").size());
        assertEquals(3, d.path("totalImages").asInt());
        assertTrue(d.path("hasTruth").asBoolean() && d.path("hasInteractions").asBoolean());
        double[] inter = Npy.read(folder.resolve(ExplanationFolder.INTERACTIONS)).toDoubles();
        int per = inter.length / 3;
        double[] second = java.util.Arrays.copyOfRange(inter, per, 2 * per);
        assertFloats(second, floats(d.path("images").get(1).path("interactions")), "interactions of image 1");
        double[] truth = Npy.read(folder.resolve(ExplanationFolder.TRUTH)).toDoubles();
        assertFloats(java.util.Arrays.copyOfRange(truth, 0, truth.length / 3),
                floats(d.path("images").get(0).path("truth")), "truth of image 0");
    }

    @Test
    void misshapenFolderArraysAreNamed(@TempDir Path tmp) {
        Path folder = ViewerFixture.folder(tmp.resolve("ex"));
        int k = ViewerFixture.H * ViewerFixture.W;
        Npy.write(folder.resolve(ExplanationFolder.INTERACTIONS), new double[3 * 3 * 3 * k], 3, 3, 3, k);
        CorruptFolderException e = assertThrows(CorruptFolderException.class,
                () -> InteractiveViewer.builder().build().write(folder, tmp));
        assertTrue(e.getMessage().contains(ExplanationFolder.INTERACTIONS), "the folder's reader names the file: "
                + e.getMessage());
        Path other = ViewerFixture.folder(tmp.resolve("ex2"));
        Npy.write(other.resolve(ExplanationFolder.TRUTH), new float[5], 5);
        e = assertThrows(CorruptFolderException.class, () -> InteractiveViewer.builder().build().write(other, tmp));
        assertTrue(e.getMessage().contains(ExplanationFolder.TRUTH), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InteractiveViewer.builder().maxImages(0));
    }

    @Test
    void reportWritesTheViewerBesideItUnlessSwitchedOff(@TempDir Path tmp) throws IOException {
        ExplanationReport.builder().panelCount(1).strips(0).build().write(ex, tmp.resolve("on"));
        assertTrue(Files.isRegularFile(tmp.resolve("on").resolve(InteractiveViewer.HTML)));
        assertTrue(Files.readString(tmp.resolve("on").resolve(ExplanationReport.HTML)).contains(InteractiveViewer.HTML));
        ExplanationReport.builder().panelCount(1).strips(0).viewerImages(0).build().write(ex, tmp.resolve("off"));
        assertFalse(Files.exists(tmp.resolve("off").resolve(InteractiveViewer.HTML)));
    }
}
