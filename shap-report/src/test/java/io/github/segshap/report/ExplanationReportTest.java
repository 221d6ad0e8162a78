package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationReportTest {

    private static ExplanationReport report(Map<String, boolean[]> truth) {
        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("training loss", new double[] {0.9, 0.6, 0.5});
        loss.put("validation loss", new double[] {0.95, 0.7, Double.NaN});
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("validation", Map.of("auc", 0.9, "mean_iou", 0.7));
        metrics.put("test", Map.of("auc", 0.88, "mean_iou", 0.69));
        return ExplanationReport.builder()
                .title("Synthetic salt: channel contributions")
                .paragraph("Drawn by the test from a folder it wrote.")
                .truthMasks(truth)
                .maskLabels("salt", "not salt")
                .inputNote("standardised")
                .panelCount(3)
                .strips(2)
                .metrics("Metrics", metrics, "Pixel metrics at 0.5.")
                .trainingCurve(new TrainingCurve("training_loss", "Loss per epoch (mean over pixels)", "loss", loss))
                .trainingCurve(new TrainingCurve("training_auc", "ROC AUC per epoch", "AUC",
                        Map.of("train", new double[] {0.7, 0.8, 0.9})))
                .trainingCurve(new TrainingCurve("training_mean_iou", "mean IoU per epoch", "mean IoU",
                        Map.of("train", new double[] {0.5, 0.6, 0.7})))
                .table("Per epoch", List.of("epoch", "loss"), List.of(List.of(1, 0.9), List.of(2, 0.6)))
                .parameters(Map.of("epochs", 3))
                .timings(Map.of("explain", 12.5, "report", 3.0))
                .build();
    }

    @Test
    void drawsEveryFigureAndAPageThatReferencesEachFromAnExplanationFolder(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(5, 24, 24, 11);
        Explanations ex = b.explanations().withProvenance(Provenance.builder("exact").seed(42).build());
        Path folder = ExplanationFolder.write(ex, tmp.resolve("explanations"));
        Path out = TestImages.outDir(tmp.resolve("run"));
        DrawnReport r = report(b.truth()).write(folder, out);

        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("training_loss", new int[] {726, 390});
        expected.put("training_auc", new int[] {726, 390});
        expected.put("training_mean_iou", new int[] {726, 390});
        expected.put("expected_values", new int[] {528, 480});
        for (String id : List.of("100", "101", "102")) {
            expected.put("sample_" + id, new int[] {5 * 330, 2 * 300 + 36});
        }
        for (String id : List.of("100", "101")) {
            // expected values, + each of the 4 players (the last = prediction), truth
            expected.put("additive_" + id, new int[] {6 * 297, 270 + 36});
        }
        expected.put("mean_abs_contribution", new int[] {792, 450});
        expected.put("global_by_channel", new int[] {2 * 660, 2 * 480 + 36});
        expected.put("global_combined", new int[] {2 * 726, 660 + 36});

        assertEquals(out.resolve("report.html"), r.html());
        List<String> names = r.figures().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(expected.keySet().stream().map(n -> n + ".png").toList(), names);
        for (Path png : r.figures()) {
            assertEquals(out.resolve("figures"), png.getParent());
            BufferedImage img = ImageIO.read(png.toFile());
            String name = png.getFileName().toString().replace(".png", "");
            int[] size = expected.get(name);
            assertEquals(size[0], img.getWidth(), name + " width");
            assertEquals(size[1], img.getHeight(), name + " height");
            assertTrue(TestImages.colourCount(img) > 20, name + " looks blank");
        }
        Set<String> onDisk;
        try (Stream<Path> s = Files.list(out.resolve("figures"))) {
            onDisk = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(names), onDisk, "no stray files in figures/");

        String html = Files.readString(r.html());
        Matcher links = Pattern.compile("(?:href|data-file)=\"([^\"#]+)\"").matcher(html);
        Set<String> linked = new TreeSet<>();
        while (links.find()) {
            String link = links.group(1);
            assertFalse(link.startsWith("http") || link.startsWith("/"), "a relative link: " + link);
            assertTrue(Files.isRegularFile(out.resolve(link)), "report.html links to a missing file: " + link);
            linked.add(link);
        }
        Set<String> linkable = names.stream().map(n -> "figures/" + n).collect(Collectors.toCollection(TreeSet::new));
        linkable.add("viewer.html");
        assertEquals(linkable, linked, "every figure and the viewer are linked");
        Matcher img = Pattern.compile("<img alt=\"([^\"]+)\" data-file=\"([^\"]+)\" src=\"data:image/png;base64,"
                + "([A-Za-z0-9+/=]+)\"").matcher(html);
        List<String> embedded = new ArrayList<>();
        while (img.find()) {
            assertFalse(img.group(1).isBlank());
            byte[] file = Files.readAllBytes(out.resolve(img.group(2)));
            assertEquals(Base64.getEncoder().encodeToString(file), img.group(3), img.group(2) + " embedded as written");
            embedded.add(img.group(2));
        }
        assertEquals(names.size(), embedded.size(), "every figure embedded once");
        assertEveryFigureHasACaptionAndAnAltText(html, names.size());

        // the statistics in the table are the core's
        double[] salt = ex.cohort(new ArrayList<>(b.truth().values()), true).meanAbs();
        assertTrue(html.contains("<td>" + String.format(Locale.ROOT, "%.4f", salt[3]) + "</td>"), "mean |c| salt of Sobel");
        assertTrue(html.contains("<th>mean |c| salt</th>"));
        assertTrue(html.contains("<th>corr(input, c)</th>"));
        assertTrue(html.contains("Mean contribution by input value (standardised)"));
        assertTrue(html.contains("<td>explanation.explainer</td><td>exact</td>"), "the provenance is shown");
        assertTrue(html.contains("Loss per epoch (mean over pixels)"));
    }

    /** Every figure: an alt text that is not just its file name, and a caption. */
    static void assertEveryFigureHasACaptionAndAnAltText(String html, int figures) {
        Matcher fig = Pattern.compile("<figure>\\n(?:<a [^>]*>)?<img alt=\"([^\"]+)\"[^>]*>(?:</a>)?\\n"
                + "<figcaption>([^<]+)</figcaption>\\n</figure>").matcher(html);
        int n = 0;
        while (fig.find()) {
            n++;
            assertFalse(fig.group(1).endsWith(".png"), "alt text is a file name: " + fig.group(1));
            assertTrue(fig.group(1).split(" ").length >= 4, "alt text too short: " + fig.group(1));
            assertTrue(fig.group(2).split(" ").length >= 4, "caption too short: " + fig.group(2));
        }
        assertEquals(figures, n, "figures with an alt text and a caption");
        assertEquals(figures, html.split("<figure>", -1).length - 1, "figures");
    }

    @Test
    void theTimingsIncludeTheReportItself(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(2, 12, 12, 5);
        DrawnReport r = ExplanationReport.builder().timings(Map.of("explain", 12.5)).timeThisReport("report", 1000)
                .build().write(b.explanations(), tmp);
        String html = Files.readString(r.html());
        Matcher row = Pattern.compile("<tr><td>report</td><td>([0-9.]+)</td><td>16:4\\d</td></tr>").matcher(html);
        assertTrue(row.find(), html.substring(html.indexOf("Timings")));
        assertTrue(Double.parseDouble(row.group(1)) > 1000, "the drawing time is added: " + row.group(1));
        assertTrue(html.contains("<tr><td>explain</td><td>12.5</td>"));
    }

    @Test
    void theAdditiveStripShowsTheLastSumOnceAsThePrediction(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(1, 12, 12, 5);
        var data = io.github.segshap.report.figures.LabelledExplanations.of(b.explanations());
        var options = io.github.segshap.report.figures.FigureOptions.defaults();
        BufferedImage strip = new io.github.segshap.report.figures.AdditiveStripFigure(options).draw(data, 0);
        // expected values and the four running sums, without a separate copy of the last one
        assertEquals(5 * (int) (options.cellWidth() * 0.9), strip.getWidth());
    }

    @Test
    void namesWhatIsMissing(@TempDir Path tmp) {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(2, 12, 12, 2);
        Map<String, boolean[]> one = Map.of("100", b.truth().get("100"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report(one).write(b.explanations(), tmp));
        assertTrue(e.getMessage().contains("101"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ExplanationReport.builder().panels(List.of("nope")).build().write(b.explanations(), tmp));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingCurve("../x", "t", "y", Map.of()));
    }

    @Test
    void drawsAReportWithoutExtras(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(2, 12, 12, 5);
        DrawnReport r = ExplanationReport.builder().build().write(b.explanations(), tmp);
        List<String> names = r.figures().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("expected_values.png", "sample_100.png", "sample_101.png", "additive_100.png",
                "additive_101.png", "mean_abs_contribution.png", "global_by_channel.png", "global_combined.png"), names);
        String html = Files.readString(r.html());
        assertFalse(html.contains("mean |c| inside"), "no mask columns without true masks");
        assertTrue(html.contains("How to read the figures"));
        assertFalse(html.contains("true mask"), "no true mask to speak of");
    }

    @Test
    void linksAViewerBesideThePage(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(1, 12, 12, 3);
        String none = Files.readString(ExplanationReport.builder().viewerImages(0).build()
                .write(b.explanations(), tmp.resolve("none")).html());
        assertFalse(none.contains("viewer.html"), "no viewer, no link");
        Files.writeString(tmp.resolve("viewer.html"), "<html></html>");
        String html = Files.readString(ExplanationReport.builder().viewerImages(0).build()
                .write(b.explanations(), tmp).html());
        assertTrue(html.contains("<a href=\"viewer.html\">viewer.html</a>"), html);
        String drawn = Files.readString(ExplanationReport.builder().viewerImages(1).build()
                .write(b.explanations(), tmp.resolve("v")).html());
        assertTrue(drawn.contains("<a href=\"viewer.html\">"), "the viewer it writes is linked");
    }
}
