package io.github.segshap.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An array appended part by part is the file {@link Npy#write} writes in one go, byte for byte; an
 * appender that is not given exactly its shape's values, or is closed unfinished, leaves the
 * target as it was and no temporary file.
 */
class NpyAppenderTest {
    @TempDir
    Path dir;

    @Test
    void partsMakeTheFileOfTheWholeArray() throws IOException {
        double[] all = new double[3 * 200_000];   // more than one 1 MB chunk
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.sin(i) * 1e3;
        }
        Path whole = dir.resolve("whole.npy");
        Npy.write(whole, all, 3, 200_000);
        Path parts = dir.resolve("parts.npy");
        try (NpyAppender a = NpyAppender.open(parts, NpyDType.FLOAT64, 3, 200_000)) {
            for (int p = 0; p < 3; p++) {
                a.append(java.util.Arrays.copyOfRange(all, p * 200_000, (p + 1) * 200_000));
            }
            a.finish();
        }
        assertEquals(-1, Files.mismatch(whole, parts));
        assertArrayEquals(all, Npy.read(parts).toDoubles());
        assertEquals(List.of(parts.getFileName(), whole.getFileName()).size(), files().size(), "no temporary left");
    }

    @Test
    void tooFewTooManyOrAnotherTypeLeaveTheTargetAsItWas() throws IOException {
        Path target = dir.resolve("a.npy");
        Npy.write(target, new float[] {1, 2}, 2);
        byte[] before = Files.readAllBytes(target);
        try (NpyAppender a = NpyAppender.open(target, NpyDType.FLOAT32, 2, 2)) {
            a.append(new float[] {1, 2, 3});
            IllegalStateException few = assertThrows(IllegalStateException.class, a::finish);
            assertTrue(few.getMessage().contains("3 of the 4 values"), few.getMessage());
            assertThrows(IllegalStateException.class, () -> a.append(new float[] {4, 5}));
            assertThrows(IllegalStateException.class, () -> a.append(new double[] {4}));
        }
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), files(), "the temporary file is deleted");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
