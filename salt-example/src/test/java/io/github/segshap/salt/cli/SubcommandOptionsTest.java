package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each subcommand shows and accepts only the options of the stages it runs; run-all takes them all. */
class SubcommandOptionsTest {
    private static final List<String> COMMON = List.of("--data", "--out", "--resolution", "--seed", "--[no-]onednn",
            "--[no-]progress", "--threads");
    private static final List<String> PREPARE = List.of("--axis", "--synthetic-samples", "--bad-samples");
    private static final List<String> TRAIN = List.of("--epochs", "--batch-size", "--filters", "--kernel", "--depth",
            "--dropout", "--loss", "--upsampling", "--time-limit", "--flip", "--batch-norm", "--lr-decay");
    private static final List<String> EXPLAIN = List.of("--samples", "--explainer", "--background",
            "--background-summary", "--runtime");
    private static final List<String> REPORT = List.of("--report-panels");

    @TempDir
    Path tmp;

    private static String help(String command) {
        CliRunner.Run run = CliRunner.run(command, "--help");
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }

    private static void assertLists(String command, String help, List<String> options, boolean listed) {
        for (String o : options) {
            // an entry of picocli's option list ("  -h, --help", "      --data=DIR"), not a description that
            // names another stage's option (descriptions wrap at a deeper indent)
            boolean entry = Pattern.compile("(?m)^(?:  -\\w, | {6})" + Pattern.quote(o) + "(?:[=\\s]|$)").matcher(help)
                    .find();
            assertEquals(listed, entry,
                    "`" + command + " --help` " + (listed ? "lists " : "does not list ") + o + ":\n" + help);
        }
    }

    @Test
    void prepareHelpListsTheDataOptionsOnly() {
        String help = help("prepare");
        assertLists("prepare", help, COMMON, true);
        assertLists("prepare", help, PREPARE, true);
        assertLists("prepare", help, TRAIN, false);
        assertLists("prepare", help, EXPLAIN, false);
        assertLists("prepare", help, REPORT, false);
        assertFalse(help.contains("--explainer"), help);
    }

    @Test
    void explainHelpListsNoTrainingOption() {
        String help = help("explain");
        assertLists("explain", help, COMMON, true);
        assertLists("explain", help, PREPARE, true);
        assertLists("explain", help, EXPLAIN, true);
        assertLists("explain", help, TRAIN, false);
        assertLists("explain", help, REPORT, false);
    }

    @Test
    void trainAndReportHelpListTheirOwn() {
        String train = help("train");
        assertLists("train", train, TRAIN, true);
        assertLists("train", train, EXPLAIN, false);
        String report = help("report");
        assertLists("report", report, COMMON, true);
        assertLists("report", report, REPORT, true);
        assertLists("report", report, PREPARE, false);
        assertLists("report", report, TRAIN, false);
        assertLists("report", report, EXPLAIN, false);
    }

    @Test
    void runAllListsEveryOption() {
        String help = help("run-all");
        for (List<String> stage : List.of(COMMON, PREPARE, TRAIN, EXPLAIN, REPORT)) {
            assertLists("run-all", help, stage, true);
        }
    }

    @Tag("campaign")
    @Test
    void anotherStagesOptionIsAUsageError() {
        CliRunner.Run report = CliRunner.run("report", "--epochs", "3", "--out", tmp.toString());
        assertEquals(2, report.exitCode(), report.toString());
        assertTrue(report.err().contains("--epochs belongs to run-all and train, not to report"), report.err());
        assertFalse(report.err().contains("Usage:"), "a hint, not a usage dump: " + report.err());
        CliRunner.Run prepare = CliRunner.run("prepare", "--epochs", "2", "--out", tmp.toString());
        assertEquals(2, prepare.exitCode(), prepare.toString());
        assertTrue(prepare.err().contains("--epochs belongs to run-all and train, not to prepare"), prepare.err());
        assertFalse(prepare.err().contains("Usage:"), "a hint, not a usage dump: " + prepare.err());
        CliRunner.Run typo = CliRunner.run("train", "--epoch", "3", "--out", tmp.toString());
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("did you mean --epochs"), typo.err());
        assertEquals(2, CliRunner.run("prepare", "--explainer", "kernel", "--out", tmp.toString()).exitCode());
        assertEquals(2, CliRunner.run("explain", "--filters", "4", "--out", tmp.toString()).exitCode());
        assertEquals(2, CliRunner.run("train", "--report-panels", "1", "--out", tmp.toString()).exitCode());
    }

    @Test
    void defaultsAreShownFromTheirConstants() {
        assertTrue(help("prepare").contains("(default: 42)"), "the seed's default is shown");
        assertTrue(help("train").contains("Default: 8, the original's"), "the filters' default is shown");
        assertTrue(help("prepare").contains("(default: fail)"), "the bad-sample default is shown as typed");
    }

    /** Help and error messages name the command a user types, never a {@code salt} that exists nowhere. */
    @Test
    void helpAndErrorsNameTheCommandAUserTypes() {
        String top = CliRunner.run("--help").out();
        assertTrue(top.startsWith("Usage: java -jar salt-example.jar [-hV] [COMMAND]"), top);
        for (String command : List.of("run-all", "prepare", "train", "explain", "report")) {
            String help = help(command);
            assertTrue(help.startsWith("Usage: java -jar salt-example.jar " + command + " "), help);
            assertFalse(help.matches("(?s).*(^|[\\s`])salt (run-all|prepare|train|explain|report)\\b.*"), help);
        }
        CliRunner.Run bad = CliRunner.run("train", "--epochs", "x", "--out", tmp.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("see `java -jar salt-example.jar train --help`"), bad.err());
        CliRunner.Run refused = CliRunner.run("explain", "--threads", "0", "--out", tmp.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--threads must be at least 1, got 0"), refused.err());
        assertTrue(refused.err().contains("see `java -jar salt-example.jar explain --help`"), refused.err());
        CliRunner.Run noModel = CliRunner.run("explain", "--out", tmp.resolve("empty").toString(), "--no-progress",
                "--synthetic-samples", "60");
        assertEquals(6, noModel.exitCode(), noModel.toString());
        assertTrue(noModel.err().contains("run `java -jar salt-example.jar train`"), noModel.err());
        assertTrue(CliRunner.run("--version").out().startsWith("salt-example.jar"), "the version line");
    }
}
