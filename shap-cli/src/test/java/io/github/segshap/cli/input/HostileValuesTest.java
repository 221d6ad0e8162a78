package io.github.segshap.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a float32 model cannot take are named where they are, not found later as a NaN output; names
 * that would make two players one are refused.
 */
@Tag("campaign")
class HostileValuesTest {
    @TempDir
    Path dir;

    @Test
    void aFloat64ValueBeyondFloat32IsNamedWithItsPlace() {
        double[] v = new double[2 * 1 * 2 * 3];
        v[6 + 1 * 3 + 2] = 1e308; // image 1, channel 0, row 1, column 2
        Path f = dir.resolve("big.npy");
        Npy.write(f, v, 2, 1, 2, 3);
        CommandException e = assertThrows(CommandException.class, () -> ImageFiles.read(f, Layout.NCHW, "--images"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        String m = e.getMessage();
        assertTrue(m.contains("big.npy") && m.contains("image 1") && m.contains("1.0E308") && m.contains("row 1")
                && m.contains("column 2") && m.contains("float32"), m);
    }

    @Test
    void theLargestFloat32StillReads() {
        double[] v = {Float.MAX_VALUE, -Float.MAX_VALUE, 0, 1};
        Path f = dir.resolve("ok.npy");
        Npy.write(f, v, 1, 1, 2, 2);
        assertEquals(1, ImageFiles.read(f, Layout.NCHW, "--images").size());
    }

    @Test
    void duplicateOrEmptyNamesAreRefused() {
        CommandException twice = assertThrows(CommandException.class, () -> PlayerGroups.parse(null, "a,a", 2));
        assertEquals(ExitCode.USAGE, twice.exitCode());
        assertTrue(twice.getMessage().contains("'a' twice"), twice.getMessage());
        CommandException empty = assertThrows(CommandException.class, () -> PlayerGroups.parse(null, "a,", 2));
        assertTrue(empty.getMessage().contains("empty name"), empty.getMessage());
        assertEquals(java.util.List.of("a", "b"), PlayerGroups.parse(null, "a,b", 2).names());
    }
}
