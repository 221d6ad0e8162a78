package io.github.segshap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.ExitCode;
import io.github.segshap.command.FlagVocabulary;
import io.github.segshap.salt.cli.SaltCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Both programs speak one vocabulary: walking every command, subcommand and mixin of {@code segshap}
 * and of the salt example, a flag name has one meaning (value type, value label, default) and an
 * exit code one description, the one of {@link ExitCode}.
 */
class CommandVocabularyTest {
    /**
     * Flags whose meaning differs with the program, on purpose; each with its reason.
     * <ul>
     *   <li>{@code --out}: where the command writes: a folder (segshap's explanation folder,
     *       required; the salt example's run folder, default {@code salt-output}) or, for
     *       {@code segshap export-onnx}, the {@code .onnx} file.</li>
     * </ul>
     */
    static final Set<String> ALLOWED = Set.of("--out");

    private static List<CommandLine> programs() {
        return List.of(SegshapCommand.commandLine(), SaltCommand.commandLine());
    }

    @Test
    void aFlagNameHasOneMeaningInBothPrograms() {
        List<String> clashes = FlagVocabulary.flagClashes(programs(), ALLOWED);
        assertEquals(List.of(), clashes, String.join("\n", clashes));
    }

    @Test
    void theAllowListHoldsOnlyFlagsThatNeedIt() {
        for (String flag : ALLOWED) {
            Set<String> others = new java.util.HashSet<>(ALLOWED);
            others.remove(flag);
            assertEquals(1, FlagVocabulary.flagClashes(programs(), others).stream()
                    .filter(c -> c.startsWith(flag + " ")).count(), flag + " is allowed but has one meaning already");
        }
    }

    @Test
    void anExitCodeHasOneDescriptionTheRegistrys() {
        assertEquals(List.of(), FlagVocabulary.exitCodeClashes(programs()));
        for (CommandLine program : programs()) {
            Map<String, String> list = program.getCommandSpec().usageMessage().exitCodeList();
            assertEquals(ExitCode.helpList(), list, program.getCommandName() + " lists the registry's codes");
        }
    }

    @Test
    void segshapSuggestsAndNamesTheSubcommandAnOptionBelongsTo() {
        ExplainCommandTest.Run typo = ExplainCommandTest.run("explain", "--model", "m.onnx", "--images", "x.npy",
                "--out", "r", "--backgruond", "32");
        assertEquals(ExitCode.USAGE.code(), typo.exit(), typo.all());
        assertTrue(typo.err().contains("did you mean --background"), typo.err());
        ExplainCommandTest.Run sibling = ExplainCommandTest.run("explain-section", "--interactions");
        assertEquals(ExitCode.USAGE.code(), sibling.exit(), sibling.all());
        assertTrue(sibling.err().contains("--interactions belongs to explain, not to explain-section"), sibling.err());
        assertTrue(sibling.err().contains("see `segshap explain-section --help`"), sibling.err());
    }

    @Test
    void bothProgramsShowTheSameExitCodesInHelp() {
        for (CommandLine program : programs()) {
            String help = program.getUsageMessage();
            assertTrue(help.contains("Exit codes:") && help.contains(ExitCode.UNKNOWN_IDS.description()), help);
        }
    }
}
