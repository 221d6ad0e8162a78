package io.github.segshap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The vocabulary check finds a flag with two meanings and an exit code with two descriptions. */
class FlagVocabularyTest {

    @Command(name = "one", subcommands = {OneSub.class}, exitCodeList = {"7:another recipe"})
    static final class One {
        @Option(names = "--seed", description = "Seed of one.")
        long seed = 1;
    }

    @Command(name = "sub")
    static final class OneSub {
        @Option(names = "--engine", paramLabel = "local|spark")
        String engine = "local";
    }

    @Command(name = "two", exitCodeList = {"7:unknown samples"})
    static final class Two {
        @Option(names = "--seed", description = "Seed of two, worded otherwise.")
        long seed = 1;

        @Option(names = "--engine", paramLabel = "dl4j|onnx")
        String engine = "dl4j";
    }

    @Test
    void findsTheFlagOfTwoMeaningsAndTheCodeOfTwoDescriptions() {
        List<CommandLine> programs = List.of(new CommandLine(new One()), new CommandLine(new Two()));
        List<String> clashes = FlagVocabulary.flagClashes(programs, Set.of());
        assertEquals(1, clashes.size(), clashes.toString());
        assertTrue(clashes.get(0).startsWith("--engine has several meanings: [one sub: String local|spark, default "
                + "local] [two: String dl4j|onnx, default dl4j]"), clashes.get(0));
        assertEquals(List.of(), FlagVocabulary.flagClashes(programs, Set.of("--engine")));
        List<String> codes = FlagVocabulary.exitCodeClashes(programs);
        assertEquals(1, codes.size(), codes.toString());
        assertTrue(codes.get(0).startsWith("exit code 7 has several descriptions"), codes.get(0));
    }
}
