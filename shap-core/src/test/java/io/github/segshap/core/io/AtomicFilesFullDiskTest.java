package io.github.segshap.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails for want of space leaves the old file whole and no temporary behind, on a real
 * full device: a 1 MiB tmpfs. Mounting needs root; where it cannot mount, the test is skipped and
 * says so (visibly, as a skipped test with its reason).
 */
@Tag("campaign")
class AtomicFilesFullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskLeavesTheOldFileWholeAndNoTemporary() throws Exception {
        Path device = SmallDevice.mount(tmp.resolve("small"), "1m", "the full-disk write");
        try {
            Path target = device.resolve("model.onnx");
            byte[] old = new byte[300_000];
            java.util.Arrays.fill(old, (byte) 7);
            AtomicFiles.write(target, old);
            byte[] big = new byte[900_000];
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, big));
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
            assertArrayEquals(old, Files.readAllBytes(target), "the old file is whole");
            try (Stream<Path> s = Files.list(device)) {
                List<Path> left = s.toList();
                assertEquals(List.of(target), left, "no temporary is left");
            }
            assertFalse(AtomicFiles.isTemporary(target));
            assertTrue(AtomicFiles.isTemporary(device.resolve(".model.onnx123456789.tmp")));
            assertFalse(AtomicFiles.isTemporary(device.resolve(".draft.tmp")));
        } finally {
            SmallDevice.unmount(device);
        }
    }
}
