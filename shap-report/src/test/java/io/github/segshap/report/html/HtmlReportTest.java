package io.github.segshap.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.segshap.report.ExplanationReport;
import io.github.segshap.report.SyntheticExplanations;
import io.github.segshap.report.TestImages;
import io.github.segshap.report.figures.AdditiveStripFigure;
import io.github.segshap.report.figures.ExpectedValuesFigure;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.MeanAbsContributionFigure;
import io.github.segshap.report.figures.SamplePanelFigure;
import io.github.segshap.report.figures.TrainingCurvesFigure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    /** A report like the pipeline's, on synthetic explanations. */
    static HtmlReport sampleReport() {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(4, 24, 24, 3);
        LabelledExplanations data = LabelledExplanations.of(b.explanations().withLabels(b.truth()));
        FigureOptions f = FigureOptions.defaults();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resolution", "seed (24 x 24)");
        params.put("epochs", 200);
        params.put("learning rate", 1e-3);
        params.put("note", "<b>not bold</b>");
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("train", Map.of("auc", 0.93, "mean_iou", 0.71, "tp", 12345.0));
        metrics.put("validation", Map.of("auc", 0.90, "mean_iou", 0.66, "tp", 3001.0));
        Map<String, Double> test = new LinkedHashMap<>(Map.of("auc", 0.89, "mean_iou", 0.65, "tp", 3999.0));
        test.put("kaggle_tgs", 0.61);
        metrics.put("test", test);
        return HtmlReport.builder("TGS salt: U-Net and channel contributions (synthetic test data)")
                .paragraph("Synthetic explanations drawn by the report test; not a model's.")
                .parameters("Parameters", params)
                .metrics("Metrics at the best epoch", metrics)
                .timings("Timings", Map.of("training", 412.5, "explanation", 95.0))
                .figure("Training curves", new TrainingCurvesFigure(f).draw("ROC AUC per epoch", "AUC",
                        Map.of("train", new double[] {0.7, 0.8, 0.85}, "validation", new double[] {0.68, 0.77, 0.8})),
                        "Per epoch; the best validation epoch's weights are kept.")
                .figure("Expected values", new ExpectedValuesFigure(f).draw(data), null)
                .figure("Sample " + data.explanations().id(0), new SamplePanelFigure(f).draw(data, 0),
                        "Top: inputs. Bottom: contributions.")
                .figure("Additive strip", new AdditiveStripFigure(f).draw(data, 0), null)
                .figure("Mean |contribution|", new MeanAbsContributionFigure(f).draw(data), null)
                .notes("How to read the figures", ExplanationReport.READING_NOTES)
                .table("Explained samples", List.of("id", "max residual"),
                        List.of(List.of("100", 1e-9), List.of("101", 0.0)))
                .build();
    }

    @Test
    void writesSelfContainedHtmlWithEmbeddedImagesAndTables(@TempDir Path tmp) throws Exception {
        Path file = sampleReport().write(TestImages.outDir(tmp).resolve("report.html"));
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<b>not bold</b>"), "text must be escaped");
        assertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt;"));
        assertFalse(html.contains("src=\"http"), "nothing loaded from elsewhere");
        assertTrue(html.contains("<th>kaggle_<wbr>tgs</th>"), "a header wraps after its underscores only");
        assertTrue(html.contains("<td>0.6100</td>"));
        assertTrue(html.contains("<td>12,345</td>"));
        assertTrue(html.contains("6:52"), "412.5 s as m:ss");
        assertEquals(4, count(html, "<table"), "params, metrics, timings, samples tables");
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100);
            images++;
        }
        assertEquals(5, images);
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder("x")
                .table("t", List.of("a", "b"), List.of(List.of("only one"))));
    }

    @Test
    void figureFromAFileIsEmbeddedLinkedAndDescribed(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("figures").resolve("x.png");
        io.github.segshap.report.chart.Png.write(new TrainingCurvesFigure(FigureOptions.defaults()).draw("t", "y",
                Map.of("a", new double[] {1, 2})), png);
        String html = HtmlReport.builder("t").figure(null, png, "figures/x.png", "a caption", "a \"curve\"").build()
                .html();
        assertTrue(html.contains("<a href=\"figures/x.png\">"), html.substring(0, 400));
        assertTrue(html.contains("alt=\"a &quot;curve&quot;\""));
        assertTrue(html.contains("data-file=\"figures/x.png\""));
        assertTrue(html.contains(Base64.getEncoder().encodeToString(Files.readAllBytes(png))));
    }

    /** Opens the report in headless Chromium and checks the screenshot is not blank; skipped without it. */
    @Test
    void rendersInHeadlessChromium(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": skipped");
        Path dir = TestImages.outDir(tmp);
        Path file = sampleReport().write(dir.resolve("report.html"));
        Path shot = dir.resolve("report-screenshot.png");
        Files.deleteIfExists(shot);
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--screenshot=" + shot.toAbsolutePath(), "--window-size=1400,2400",
                file.toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish in 90 s");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1400, img.getWidth());
        assertTrue(TestImages.colourCount(img) > 50, "screenshot looks blank");
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
