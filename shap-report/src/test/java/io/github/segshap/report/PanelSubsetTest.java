package io.github.segshap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.io.ExplanationFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Panels for a bounded subset of the images: the page says which, and the rest of it covers all. */
class PanelSubsetTest {
    @Test
    void thePageNamesTheImagesThatHavePanels(@TempDir Path tmp) throws Exception {
        SyntheticExplanations.Batch b = SyntheticExplanations.samples(7, 12, 12, 3);
        Path folder = ExplanationFolder.write(b.explanations(), tmp.resolve("ex"));
        DrawnReport r = ExplanationReport.builder().panelCount(2).viewerImages(0).build().write(folder,
                tmp.resolve("out"));
        List<String> ids = b.explanations().ids();
        String html = Files.readString(r.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("2 of the 7 explained images have a panel (a bounded subset: " + ids.get(0) + ", "
                + ids.get(1) + "); the expected values, the global figures and the tables below cover all 7."), html);
        assertEquals(2, r.figures().stream().filter(f -> f.getFileName().toString().startsWith("sample_")).count());
        assertTrue(html.contains("over all 7 explained images"), "the tables cover every image");
    }

    @Test
    void aLongSubsetNamesTheFirstIdsAndCountsTheRest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SamplePanelsSection.SHOWN_IDS + 5; i++) {
            ids.add("s" + i);
        }
        String note = SamplePanelsSection.subset(ids, 742);
        assertTrue(note.startsWith(ids.size() + " of the 742 explained images have a panel (a bounded subset: s0, s1,"),
                note);
        assertTrue(note.contains(", s" + (SamplePanelsSection.SHOWN_IDS - 1) + " and 5 more)"), note);
        assertEquals("3 of the 3 explained images.", SamplePanelsSection.subset(List.of("a", "b", "c"), 3));
        assertTrue(SamplePanelsSection.subset(List.of(), 4).startsWith("None of the 4 explained images has a panel"));
    }
}
