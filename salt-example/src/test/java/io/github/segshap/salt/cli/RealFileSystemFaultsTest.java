package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.io.SmallDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real file-system faults, not injected ones: each stage run on a copy of a finished run folder on a
 * small tmpfs that is full (the operating system answers "No space left on device" mid-stage), and
 * on a read-only bind mount of {@code explanations/}. Every stage ends with exit 5 naming the
 * reason, with no stack trace, and leaves the good artifacts it found byte for byte.
 *
 * <p>Mounting needs root and a kernel that lets the test mount (CI and this project's machines do);
 * elsewhere the tests are skipped, and the injected-fault tests ({@code BadInputTest},
 * {@code RunFolderFaultsTest}) still run.
 */
@Tag("campaign")
class RealFileSystemFaultsTest {
    private static final CliRunner.Tiny TINY = new CliRunner.Tiny(4);
    /** Space left free on the full device: room for a lock or a small JSON file, not for an array. */
    private static final int FREE_BYTES = 32 * 1024;

    @TempDir
    static Path tmp;
    static Path finished;
    private final List<Path> mounts = new ArrayList<>();

    @BeforeAll
    static void finishedRun() throws Exception {
        Path probe = Files.createDirectories(tmp.resolve("mount-probe"));
        boolean canMount = SmallDevice.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString()) == 0;
        Assumptions.assumeTrue(canMount, "cannot mount a tmpfs here (needs root): real file-system faults not tested");
        SmallDevice.run("umount", probe.toString());
        finished = tmp.resolve("finished");
        CliRunner.Run all = CliRunner.run(TINY.args("run-all", finished));
        assertEquals(0, all.exitCode(), all.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            SmallDevice.run("umount", mounts.get(i).toString());
        }
    }

    private void mount(String... command) throws Exception {
        assertEquals(0, SmallDevice.run(command), String.join(" ", command));
        mounts.add(Path.of(command[command.length - 1]));
    }

    /** A copy of the finished run folder on a tmpfs that is full but for {@value #FREE_BYTES} bytes. */
    private Path fullDeviceCopy(String name) throws Exception {
        Path device = Files.createDirectories(tmp.resolve(name));
        long used = bytes(finished);
        mount("mount", "-t", "tmpfs", "-o", "size=" + (used + (8L << 20)), "tmpfs", device.toString());
        Path run = device.resolve("run");
        copyTree(finished, run);
        Path filler = SmallDevice.fill(device);
        try (var channel = Files.newByteChannel(filler, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, Files.size(filler) - FREE_BYTES));
        }
        return run;
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * The artifacts a stage must never lose, with their bytes: cache, model, explained samples, figures
     * and report ({@code explanations/selection.json} is the latest request, not a result).
     */
    private static Map<Path, byte[]> artifacts(Path run) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = run.relativize(p).toString();
                boolean artifact = rel.startsWith("data-cache") || rel.startsWith("explanations")
                        || rel.startsWith("figures") || rel.equals("model.zip") || rel.equals("model.json")
                        || rel.equals("report.html");
                if (artifact && !rel.equals("explanations/selection.json")
                        && !p.getFileName().toString().startsWith(".")) {
                    files.put(Path.of(rel), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static void assertKept(Map<Path, byte[]> before, Path run) throws IOException {
        Map<Path, byte[]> after = artifacts(run);
        before.forEach((p, b) -> {
            assertTrue(after.containsKey(p), p + " was removed");
            assertArrayEquals(b, after.get(p), p + " was changed");
        });
    }

    private static void assertNamed(CliRunner.Run r, String reason) {
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains(reason), "the reason is named: " + r);
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r);
        assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), "no exception named: " + r);
    }

    /** Each stage, with options that make it write again (another split seed, learning rate, background). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prepare", "train", "explain", "report", "run-all"})
    void aFullDeviceInAnyStageIsNamedAndLosesNothing(String stage) throws Exception {
        Path run = fullDeviceCopy("full-" + stage);
        Map<Path, byte[]> before = artifacts(run);
        String[] args = switch (stage) {
            case "prepare" -> TINY.args("prepare", run, "--seed", "7");
            case "train" -> TINY.args("train", run, "--lr-decay", "0.9");
            case "explain" -> new CliRunner.Tiny(5).args("explain", run, "--samples", "all");
            case "run-all" -> TINY.args("run-all", run, "--lr-decay", "0.9");
            default -> TINY.args("report", run);
        };
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CliRunner.Run r;
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            r = CliRunner.run(args);
        } finally {
            System.setErr(err);
        }
        assertNamed(r, "No space left on device");
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("\tat "),
                "no stack trace on the process's standard error: " + printed);
        assertKept(before, run);
    }

    @Test
    void aReadOnlyExplanationsMountIsNamedAndLosesNothing() throws Exception {
        Path run = tmp.resolve("read-only-explanations");
        copyTree(finished, run);
        Path explanations = run.resolve("explanations");
        mount("mount", "--bind", explanations.toString(), explanations.toString());
        assertEquals(0, SmallDevice.run("mount", "-o", "remount,bind,ro", explanations.toString()));
        Map<Path, byte[]> before = artifacts(run);
        CliRunner.Run r = CliRunner.run(new CliRunner.Tiny(5).args("explain", run, "--samples", "all"));
        assertNamed(r, "Read-only file system");
        assertTrue(r.err().contains(explanations.toString()), "the folder is named: " + r.err());
        assertKept(before, run);
    }
}
