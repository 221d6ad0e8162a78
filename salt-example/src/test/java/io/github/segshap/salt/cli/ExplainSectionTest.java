package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.Npy;
import io.github.segshap.salt.prepare.data.SyntheticSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salt explain-section}: a synthetic section of 2 x 3 tiles' worth explained by tiles with the trained model. */
class ExplainSectionTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(4);

    @TempDir
    Path tmp;

    @Test
    void explainsTheWholeSectionIntoOneAdditiveFolderAndResumes() throws Exception {
        Path out = tmp.resolve("out");
        CliRunner.Run train = CliRunner.run(TINY.args("train", out));
        assertEquals(0, train.exitCode(), train.toString());
        String[] args = TINY.args("explain-section", out, "--synthetic-samples", "60", "--background", "4",
                "--threads", "2", "--section-tiles", "2x3");
        CliRunner.Run r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        Path section = out.resolve("section");
        assertTrue(Files.isRegularFile(section.resolve("report.html")), r.toString());
        assertFalse(Files.exists(section.resolve("tiles")));
        Explanations e = ExplanationFolder.read(section);
        assertEquals(List.of("synthetic section"), e.ids());
        assertEquals(List.of("seismic", "energy", "semblance", "sobel"), e.playerNames());
        // seed resolution: 202 x 303 raw -> [::2] 101 x 152 -> x 48/51: 95 x 143 -> [::2] 48 x 72
        assertEquals(4, e.imageShape().channels());
        assertEquals(48, e.imageShape().height());
        assertEquals(72, e.imageShape().width());
        assertArrayEquals(new int[] {1, 4, 1, 48, 72}, Npy.read(section.resolve("contributions.npy")).shape());
        Explanation x = e.get(0);
        for (int k = 0; k < x.outputShape().size(); k++) {
            double s = x.baseValue(k);
            for (int p = 0; p < 4; p++) {
                s += x.value(p, k);
            }
            assertEquals(x.output(k), s, 1e-9, "sample " + k);
        }
        var p = e.provenance().orElseThrow();
        assertEquals("24x24", p.extra().get("section_tile"));
        assertEquals("15x15", p.extra().get("section_stride"));
        assertEquals(4, p.backgroundSize());
        assertEquals(SyntheticSection.TILE * 2, SyntheticSection.generate(2, 3, 42).height());

        CliRunner.Run again = CliRunner.run(args);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("(0 explained now, 15 already done)"), again.out());
    }

    @Test
    void aStrideIsHOrHWAsInSegshapAndABadOneIsAUsageError() {
        for (String bad : new String[] {"0", "12,x", "1,2,3"}) {
            CliRunner.Run r = CliRunner.run(TINY.args("explain-section", tmp.resolve("bad"), "--stride", bad));
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("--stride must be H or H,W") && r.err().contains("'" + bad + "'"), r.toString());
        }
        assertFalse(Files.exists(tmp.resolve("bad").resolve("section")));
    }
}
