package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code H} or {@code H,W}: one parser for --tile and --stride in both programs. */
class SizeArgumentTest {
    @Test
    void oneNumberIsSquareTwoAreRowsAndColumns() {
        assertArrayEquals(new int[] {64, 64}, SizeArgument.parse("64", "--stride"));
        assertArrayEquals(new int[] {8, 10}, SizeArgument.parse("8, 10", "--stride"));
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheOptionAndTheValue() {
        for (String bad : new String[] {"0", "-3", "8,", "x", "1,2,3", "99999999999"}) {
            CommandException e = assertThrows(CommandException.class, () -> SizeArgument.parse(bad, "--tile"), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("--tile must be H or H,W") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
