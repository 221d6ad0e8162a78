package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.folder.OutputFolder;
import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.zoo.UNet;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gives its own exit code and a message that names the problem, and nothing good in
 * the run folder is overwritten.
 */
@Tag("campaign")
class BadInputTest {
    /** A tiny run: what each subcommand takes of it (it accepts only the options of the stages it runs). */
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(4);

    @TempDir
    static Path tmp;
    static Path trained;

    /** One tiny trained run folder (synthetic data, 1 epoch) with two explained samples. */
    @BeforeAll
    static void trainOnce() {
        trained = tmp.resolve("trained");
        CliRunner.Run run = CliRunner.run(args("train", trained));
        assertEquals(0, run.exitCode(), run.toString());
    }

    private static String[] args(String command, Path out, String... more) {
        return TINY.args(command, out, more);
    }

    private static void assertFails(int code, String messagePart, CliRunner.Run run) {
        assertEquals(code, run.exitCode(), run.toString());
        assertTrue(run.err().contains(messagePart), "message should contain '" + messagePart + "': " + run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for a user error: " + run.err());
    }

    @Test
    void missingDataFolder() {
        CliRunner.Run run = CliRunner.run(args("prepare", tmp.resolve("o1"), "--data", tmp.resolve("nowhere").toString()));
        assertFails(3, "no data at " + tmp.resolve("nowhere"), run);
    }

    @Test
    void dataFolderWithoutImages() throws Exception {
        Path data = tmp.resolve("empty");
        Files.createDirectories(data.resolve("train/images"));
        Files.createDirectories(data.resolve("train/masks"));
        assertFails(3, "holds no .png images", CliRunner.run(args("prepare", tmp.resolve("o2"), "--data",
                data.toString())));
    }

    @Test
    void dataFolderInTheWrongLayout() throws Exception {
        Path data = tmp.resolve("wrong");
        Files.createDirectories(data.resolve("pictures"));
        Files.writeString(data.resolve("pictures/a.png"), "not really");
        assertFails(4, "not in the Kaggle TGS layout", CliRunner.run(args("prepare", tmp.resolve("o3"), "--data",
                data.toString())));
        Path half = tmp.resolve("half");
        Files.createDirectories(half.resolve("train/images"));
        assertFails(4, "masks folder is missing", CliRunner.run(args("prepare", tmp.resolve("o3"), "--data",
                half.toString())));
    }

    @Test
    void outputFolderNotWritable() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "I am a file");
        assertFails(5, "is a file, not a folder", CliRunner.run(args("prepare", file)));
        assertFails(5, "is not writable", CliRunner.run(args("run-all", file.resolve("below"))));
        assertEquals("I am a file", Files.readString(file));
    }

    @Test
    void modelTrainedOnOtherShapes() throws Exception {
        byte[] model = Files.readAllBytes(trained.resolve("model.zip"));
        assertFails(6, "was trained on data of 4 x 24 x 24 (resolution seed, axis horizontal) but the data is "
                + "4 x 101 x 101", CliRunner.run(args("explain", trained, "--resolution", "full")));
        assertFails(6, "(resolution seed, axis horizontal) but the data is 4 x 24 x 24 (resolution seed, axis vertical)",
                CliRunner.run(args("explain", trained, "--axis", "vertical")));
        assertArrayEquals(model, Files.readAllBytes(trained.resolve("model.zip")), "the model is untouched");
    }

    /** A run folder the salt example made (its marker), into which a test then puts a file of its own. */
    private static void ownRunFolder(Path out) throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputFolder.MARKER), "{\"program\" : \"" + SaltDefaults.OWNER + "\"}");
    }

    @Test
    void modelFromElsewhereWithOtherChannels() throws Exception {
        Path out = tmp.resolve("foreign");
        ownRunFolder(out);
        ModelSerializer.writeModel(UNet.builder().inputShape(3, 24, 24).filters(2).build(),
                out.resolve("model.zip").toFile(), false);
        assertFails(6, "does not take the data 4 x 24 x 24", CliRunner.run(args("explain", out)));
    }

    @Test
    void noModelYet() {
        assertFails(6, "no trained model at", CliRunner.run(args("explain", tmp.resolve("o4"))));
        assertFails(8, "nothing to report", CliRunner.run(args("report", tmp.resolve("o4"))));
    }

    @Test
    void unknownSampleIds() throws Exception {
        CliRunner.Run ok = CliRunner.run(args("explain", trained, "--samples", "original9"));
        assertEquals(0, ok.exitCode(), ok.toString());
        byte[] summary = Files.readAllBytes(trained.resolve("explanations/summary.json"));
        CliRunner.Run run = CliRunner.run(args("explain", trained, "--samples", "nope1, nope2"));
        assertFails(11, "[nope1, nope2]", run);
        assertTrue(run.err().contains("not in the test set"), run.err());
        assertArrayEquals(summary, Files.readAllBytes(trained.resolve("explanations/summary.json")),
                "earlier results are untouched");
    }

    @Test
    void sampleIdsThatAreFileNamesOfTheRunFolderAreRefused() throws Exception {
        Path selection = trained.resolve("explanations/selection.json");
        byte[] before = Files.isRegularFile(selection) ? Files.readAllBytes(selection) : null;
        assertFails(11, "--samples id 'selection.json' cannot be a sample",
                CliRunner.run(args("explain", trained, "--samples", "selection.json")));
        assertFails(11, "--samples id 'summary.json' cannot be a sample",
                CliRunner.run(args("explain", trained, "--samples", "a, summary.json")));
        assertFails(11, "'../x'", CliRunner.run(args("explain", trained, "--samples", "../x")));
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(selection), "selection.json is untouched");
        }
    }

    @Test
    void aDamagedJsonFileOfTheRunFolderIsNamed() throws Exception {
        Path out = tmp.resolve("damaged");
        ownRunFolder(out);
        Files.write(out.resolve("parameters.json"), new byte[] {0, 1, 2, '{', 'x'});
        assertFails(10, out.resolve("parameters.json") + " is damaged", CliRunner.run(args("prepare", out)));
    }

    @Test
    void aFullDeviceIsNamedWithTheFileAndTheReason() {
        Path file = tmp.resolve("full/model.json");
        CliRunner.Run run = CliRunner.run(w -> {
            throw new UncheckedIOException(new FileSystemException(file.toString(), null,
                    "No space left on device"));
        }, args("prepare", tmp.resolve("full")));
        assertFails(5, "cannot write " + file + ": No space left on device", run);
    }

    @Test
    void aPathTooLongIsNamed() {
        Path out = tmp.resolve("x".repeat(300));
        CliRunner.Run run = CliRunner.run(args("prepare", out));
        assertFails(5, "File name too long", run);
    }

    @Test
    void usageErrors() {
        assertEquals(2, CliRunner.run("run-all", "--resolution", "medium").exitCode());
        assertEquals(2, CliRunner.run("run-all", "--epochs", "0", "--out", tmp.resolve("o5").toString()).exitCode());
        assertEquals(2, CliRunner.run("run-all", "--time-limit", "0", "--out", tmp.resolve("o6").toString())
                .exitCode());
        assertEquals(2, CliRunner.run("run-all", "--upsampling", "bilinear").exitCode());
        CliRunner.Run evenKernel = CliRunner.run("run-all", "--kernel", "4", "--out", tmp.resolve("o7").toString());
        assertEquals(2, evenKernel.exitCode());
        assertTrue(evenKernel.err().contains("kernel size must be odd") && evenKernel.err().contains("got 4"),
                evenKernel.err());
        CliRunner.Run deep = CliRunner.run("run-all", "--depth", "9", "--out", tmp.resolve("o8").toString());
        assertEquals(2, deep.exitCode());
        assertTrue(deep.err().contains("depth must be between 1 and 5, got 9"), deep.err());
        assertEquals(2, CliRunner.run("run-all", "--filters", "0", "--out", tmp.resolve("o9").toString()).exitCode());
        CliRunner.Run dice = CliRunner.run("run-all", "--loss", "dice", "--out", tmp.resolve("o11").toString());
        assertEquals(2, dice.exitCode());
        assertTrue(dice.err().contains("unknown loss 'dice': use focal, lovasz or focal+lovasz"), dice.err());
        CliRunner.Run dropAll = CliRunner.run("run-all", "--dropout", "1", "--out", tmp.resolve("o10").toString());
        assertEquals(2, dropAll.exitCode());
        assertTrue(dropAll.err().contains("dropout rate must be in [0, 1), got 1.0"), dropAll.err());
        assertEquals(2, CliRunner.run("fly").exitCode());
        assertEquals(2, CliRunner.run().exitCode());
        CliRunner.Run help = CliRunner.run("run-all", "--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--data", "--out", "--resolution", "--axis", "--epochs", "--seed", "--threads",
                "--samples", "--explainer", "--[no-]onednn", "--batch-size", "--upsampling", "--time-limit", "--flip", "--batch-norm", "--lr-decay",
                "--filters", "--kernel", "--depth", "--dropout", "--loss")) {
            assertTrue(help.out().contains(option), option + " is documented: " + help.out());
        }
        assertTrue(CliRunner.run("--help").out().contains("Exit codes"));
    }
}
