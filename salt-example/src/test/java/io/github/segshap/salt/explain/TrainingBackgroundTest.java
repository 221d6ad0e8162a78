package io.github.segshap.salt.explain;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --background FILE|N}: drawn training images, or the rows of a .npy file, checked by the library. */
class TrainingBackgroundTest {
    private static final ImageShape SHAPE = new ImageShape(2, 1, 2);

    @Test
    void aFileGivesItsRowsWithIds(@TempDir Path dir) {
        Path f = dir.resolve("bg.npy");
        Npy.write(f, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 2, 1, 2);
        BackgroundDraw.Drawn d = TrainingBackground.of(List.of("t0"), i -> new float[4],
                BackgroundSource.parse(f.toString(), "training image"), 42, SHAPE);
        assertEquals(List.of("bg.npy row 0", "bg.npy row 1", "bg.npy row 2"), d.ids());
        assertEquals(9, d.rows().get(2).get(0, 0, 0), 0);
        assertEquals(12, d.rows().get(2).get(1, 0, 1), 0);
    }

    @Test
    void aFileOfAnotherShapeIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("bg.npy");
        Npy.write(f, new float[12], 2, 3, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingBackground.of(
                List.of("t0"), i -> new float[4], BackgroundSource.parse(f.toString(), "training image"), 42, SHAPE));
        assertTrue(e.getMessage().contains("3x1x2") && e.getMessage().contains("2x1x2"), e.getMessage());
        Path flat = dir.resolve("flat.npy");
        Npy.write(flat, new float[4], 4);
        e = assertThrows(IllegalArgumentException.class, () -> TrainingBackground.of(List.of("t0"),
                i -> new float[4], BackgroundSource.parse(flat.toString(), "training image"), 42, SHAPE));
        assertTrue(e.getMessage().contains("[N, C, H, W]"), e.getMessage());
    }
}
