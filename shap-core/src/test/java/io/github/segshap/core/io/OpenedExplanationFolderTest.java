package io.github.segshap.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.explanation.Explanations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder opened once and read a range of images at a time: the same values as read whole. */
class OpenedExplanationFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aRangeIsThoseImagesOfTheWholeFolder() {
        for (boolean errors : new boolean[] {false, true}) {
            Explanations ex = ExplanationFolderTest.sample(3, errors);
            boolean[][] truth = new boolean[ex.size()][ex.outputShape().size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i][i] = true;
            }
            ex = ex.withLabels(Arrays.asList(truth));
            Path dir = ExplanationFolder.write(ex, tmp.resolve("f-" + errors));
            OpenedExplanationFolder f = ExplanationFolder.open(dir);
            assertEquals(ex.ids(), f.ids());
            assertEquals(ex.provenance(), f.provenance());
            Explanations range = f.read(1, 3);
            assertEquals(ex.ids().subList(1, 3), range.ids());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(ex.get(i + 1).baseValues(), range.get(i).baseValues());
                assertArrayEquals(ex.get(i + 1).outputs(), range.get(i).outputs());
                for (int p = 0; p < ex.players(); p++) {
                    assertArrayEquals(ex.get(i + 1).values(p), range.get(i).values(p));
                }
                assertEquals(ex.get(i + 1).modelEvaluations(), range.get(i).modelEvaluations());
                assertEquals(ex.input(i + 1), range.input(i));
                assertArrayEquals(ex.label(i + 1), range.label(i));
            }
            assertThrows(IndexOutOfBoundsException.class, () -> f.read(2, 4));
        }
    }

    @Test
    void aDamagedArrayIsNamedWhenTheFolderIsOpened() throws Exception {
        Path dir = ExplanationFolder.write(ExplanationFolderTest.sample(4, false), tmp.resolve("f"));
        byte[] b = Files.readAllBytes(dir.resolve(ExplanationFolder.CONTRIBUTIONS));
        b[b.length - 1] ^= 1;
        Files.write(dir.resolve(ExplanationFolder.CONTRIBUTIONS), b);
        CorruptFolderException e = assertThrows(CorruptFolderException.class, () -> ExplanationFolder.open(dir));
        assertTrue(e.getMessage().contains(ExplanationFolder.CONTRIBUTIONS) && e.getMessage().contains("checksum"),
                e.getMessage());
    }

    @Test
    void elementsAreReadFromTheirOffset() {
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5;
        }
        Path file = tmp.resolve("a.npy");
        Npy.write(file, v, 4, 50);
        assertArrayEquals(Arrays.copyOfRange(v, 73, 130), Npy.readElements(file, 73, 57).toDoubles());
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readElements(file, 190, 20));
        assertTrue(e.getMessage().contains("190..210"), e.getMessage());
    }
}
