package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page holds every section once, in the documented order, and the figures are listed in page order. */
class ReportSectionOrderTest {
    @Test
    void everySectionOnceInPageOrder(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.withInteractions(SyntheticExplanations.samples(4, 16, 16,
                9));
        DrawnReport r = ExplanationReport.builder().truthMasks(b.truth()).panelCount(2).strips(1)
                .metrics("Metrics", Map.of("test", Map.of("auc", 0.5)), null)
                .trainingCurve(new TrainingCurve("loss", "Loss", "loss", Map.of("train", new double[] {1, 0.5})))
                .table("Per epoch", List.of("epoch"), List.of(List.of(1)))
                .parameters(Map.of("epochs", 2)).build().write(b.explanations(), tmp);
        String html = Files.readString(r.html());
        List<String> order = List.of("Metrics", "Training curves", "Per epoch", "Expected values",
                "Images: inputs, prediction and contributions", "Additive strips", "Interactions", "Global analysis",
                "Contributions over all 4 explained images", "Mean contribution by input value", "Parameters",
                "How to read the figures");
        int last = -1;
        for (String heading : order) {
            String h = ">" + heading + "</h2>";
            int at = html.indexOf(h);
            assertTrue(at > last, heading + " after the section before it (at " + at + ", previous " + last + ")");
            assertEquals(at, html.lastIndexOf(h), heading + " once");
            last = at;
        }
        List<String> files = r.figures().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("loss.png", "expected_values.png", "sample_100.png", "sample_101.png",
                "additive_100.png", "interactions_100.png", "mean_abs_contribution.png", "global_by_channel.png",
                "global_combined.png"), files);
        int previous = -1;
        for (String f : files) {
            int at = html.indexOf("figures/" + f);
            assertTrue(at > previous, f + " in page order");
            previous = at;
        }
    }
}
