package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One code, one meaning: the registry both programs' help and the docs' table are made from. */
class ExitCodeTest {

    @Test
    void codesIncreaseEachWithItsOwnDescription() {
        Set<String> descriptions = new HashSet<>();
        int previous = -1;
        for (ExitCode c : ExitCode.values()) {
            assertTrue(c.code() > previous, c + " is numbered after the code before it");
            previous = c.code();
            assertEquals(true, descriptions.add(c.description()), c + " repeats a description");
            assertEquals(c, ExitCode.of(c.code()));
        }
        int after = previous + 1;
        assertThrows(IllegalArgumentException.class, () -> ExitCode.of(after));
    }

    @Test
    void theCodesOnceShared() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), List.of(ExitCode.SUCCESS.code(),
                ExitCode.UNEXPECTED.code(), ExitCode.USAGE.code(), ExitCode.NO_INPUT.code(), ExitCode.BAD_INPUT.code(),
                ExitCode.OUTPUT_NOT_WRITABLE.code(), ExitCode.MODEL.code(), ExitCode.OTHER_RECIPE.code(),
                ExitCode.MISSING_STAGE.code(), ExitCode.LOCKED.code(), ExitCode.CORRUPT_FILE.code(),
                ExitCode.UNKNOWN_IDS.code(), ExitCode.FOREIGN_FOLDER.code(), ExitCode.CLUSTER.code(),
                ExitCode.NOT_ENOUGH_MEMORY.code()));
    }

    @Test
    void helpListsEveryCodeInOrder() {
        Map<String, String> list = ExitCode.helpList();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"),
                List.copyOf(list.keySet()));
        assertEquals(ExitCode.UNKNOWN_IDS.description(), list.get("11"));
        assertEquals(ExitCode.FOREIGN_FOLDER.description(), list.get("12"));
        assertEquals(ExitCode.CLUSTER.description(), list.get("13"));
        assertEquals(ExitCode.NOT_ENOUGH_MEMORY.description(), list.get("14"));
    }

    @Test
    void aNamedFailureIsNeitherSuccessNorABug() {
        assertThrows(IllegalArgumentException.class, () -> new CommandException(ExitCode.SUCCESS, "fine"));
        assertThrows(IllegalArgumentException.class, () -> new CommandException(ExitCode.UNEXPECTED, "bug"));
        assertEquals(ExitCode.LOCKED, new CommandException(ExitCode.LOCKED, "in use").exitCode());
    }
}
