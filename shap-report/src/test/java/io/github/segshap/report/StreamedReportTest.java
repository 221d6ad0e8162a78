package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.chart.Png;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.MeanAbsContributionFigure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report read a range of images at a time: its numbers are the whole batch's, to the bit, and
 * its files the same bytes whether drawn from the folder or from the explanations in memory.
 */
class StreamedReportTest {
    private static final double[] EDGES = {-1, 0, 0.5, 1};

    @Test
    void theSummaryOfRangesIsTheWholeBatchsNumbersToTheBit() {
        int n = 2 * CohortSummary.CHUNK + 7; // three ranges, the last short
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(n, 10, 9, 11);
        Explanations ex = b.explanations().withLabels(b.truth());
        CohortSummary s = CohortSummary.of(ExplanationChunks.of(ex), Map.of(), 0, EDGES);
        List<boolean[]> truth = ex.labels();
        assertEquals(n, s.images());
        same(ex.cohort(null, true), s.all());
        same(ex.cohort(truth, true), s.inside());
        same(ex.cohort(truth, false), s.outside());
        same(InputContributions.withEdges(ex, null, true, 0), s.correlation());
        same(InputContributions.withEdges(ex, truth, true, EDGES), s.binGroups().get(0));
        same(InputContributions.withEdges(ex, truth, false, EDGES), s.binGroups().get(1));
        List<List<boolean[]>> groups = MeanAbsContributionFigure.groupMasks(LabelledExplanations.of(ex));
        assertEquals(groups.size(), s.figure().size());
        for (int g = 0; g < groups.size(); g++) {
            same(ex.cohort(groups.get(g), true), s.figure().get(g));
        }
        assertEquals(ex.maxAbsResidual(), s.maxResidual());
        // the builder's masks by id replace the images' own
        CohortSummary byId = CohortSummary.of(ExplanationChunks.of(b.explanations()), b.truth(), 0, null);
        same(ex.cohort(truth, true), byId.inside());
        assertTrue(byId.binGroups().isEmpty());
    }

    @Test
    void theMeanAbsFigureOfTheSummaryIsTheWholeBatchsFigure(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(CohortSummary.CHUNK + 5, 12, 12, 3);
        Explanations ex = b.explanations().withLabels(b.truth());
        Path folder = ExplanationFolder.write(ex, tmp.resolve("ex"));
        ExplanationReport.builder().panelCount(2).globalImages(3).viewerImages(0).build()
                .write(folder, tmp.resolve("out"));
        byte[] whole = Png.encode(new MeanAbsContributionFigure(FigureOptions.defaults())
                .draw(LabelledExplanations.of(ex)));
        assertArrayEquals(whole, Files.readAllBytes(tmp.resolve("out/figures/mean_abs_contribution.png")));
    }

    @Test
    void theFolderAndTheExplanationsInMemoryGiveTheSameFiles(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(CohortSummary.CHUNK + 9, 12, 12, 7);
        Explanations ex = b.explanations().withLabels(b.truth());
        Path folder = ExplanationFolder.write(ex, tmp.resolve("ex"));
        ExplanationReport report = ExplanationReport.builder().panels(List.of("101", "139")).globalImages(4)
                .viewerImages(3).drawingThreads(2).build();
        Map<String, byte[]> fromFolder = files(report.write(folder, tmp.resolve("folder")).html().getParent());
        Map<String, byte[]> inMemory = files(report.write(ExplanationFolder.read(folder), tmp.resolve("memory"))
                .html().getParent());
        assertEquals(fromFolder.keySet(), inMemory.keySet());
        assertTrue(fromFolder.containsKey("figures/sample_139.png"), fromFolder.keySet().toString());
        for (String f : fromFolder.keySet()) {
            assertArrayEquals(inMemory.get(f), fromFolder.get(f), f + " differs between the folder and memory");
        }
        String html = new String(fromFolder.get(ExplanationReport.HTML), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("over all " + ex.size() + " explained images"), "the tables cover every image");
        assertTrue(html.contains("the first 4 of the " + ex.size() + " explained images"), "scatter: a bounded set");
        String viewer = new String(fromFolder.get("viewer.html"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(viewer.contains("\"totalImages\":" + ex.size() + ",\"shownImages\":3"), "the viewer counts all");
    }

    private static void same(CohortStatistics want, CohortStatistics got) {
        assertEquals(want.outputs(), got.outputs());
        assertArrayEquals(want.meanAbs(), got.meanAbs());
        assertArrayEquals(want.mean(), got.mean());
    }

    private static void same(InputContributions want, InputContributions got) {
        assertEquals(want.outputs(), got.outputs());
        for (int p = 0; p < want.players().size(); p++) {
            assertEquals(want.correlation(p), got.correlation(p));
            assertEquals(want.minInput(p), got.minInput(p));
            assertEquals(want.maxInput(p), got.maxInput(p));
            assertEquals(want.bins(p), got.bins(p));
        }
    }

    static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
