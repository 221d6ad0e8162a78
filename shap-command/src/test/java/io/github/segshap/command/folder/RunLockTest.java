package io.github.segshap.command.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per folder: a second process is refused naming the first; a dead holder's lock is taken over. */
@Tag("campaign")
class RunLockTest {
    @TempDir
    Path tmp;

    private static Process holder(Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), out.toString()).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.startsWith("locked")) {
            // skips logging
        }
        assertTrue(line != null, "the child process did not take the lock");
        assertEquals("locked " + p.pid(), line);
        return p;
    }

    @Test
    void aSecondProcessIsRefusedNamingTheFirstAndADeadHoldersLockIsTakenOver() throws Exception {
        Path out = tmp.resolve("run");
        Path layout = Files.createDirectories(out);
        Path lockFile = out.resolve(RunLock.FILE_NAME);
        Process first = holder(out);
        try {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            PrintStream console = new PrintStream(said, true, StandardCharsets.UTF_8);
            CommandException e = assertThrows(CommandException.class,
                    () -> RunLock.acquire(layout, "salt train --out " + out, console));
            assertEquals(ExitCode.LOCKED, e.exitCode());
            assertEquals(9, e.exitCode().code());
            assertTrue(e.getMessage().contains("process " + first.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("salt run-all --out " + out), e.getMessage());
            assertTrue(e.getMessage().contains("started 20"), e.getMessage());
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        }
        // the killed holder's record is still there, its lock is gone
        assertTrue(Files.readString(lockFile).contains("\"pid\" : " + first.pid()));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (RunLock lock = RunLock.acquire(layout, "salt train", new PrintStream(said, true, StandardCharsets.UTF_8))) {
            assertEquals(ProcessHandle.current().pid(), lock.holder().pid());
            String s = said.toString(StandardCharsets.UTF_8);
            assertTrue(s.contains("taking over the lock of process " + first.pid()) && s.contains("no longer running"),
                    s);
            // the same JVM cannot take it twice either
            CommandException twice = assertThrows(CommandException.class,
                    () -> RunLock.acquire(layout, "salt report", System.out));
            assertTrue(twice.getMessage().contains("process " + ProcessHandle.current().pid()), twice.getMessage());
        }
        assertEquals(0, Files.size(lockFile), "a released lock names nobody");
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        RunLock.acquire(layout, "salt report", new PrintStream(quiet, true, StandardCharsets.UTF_8)).close();
        assertEquals("", quiet.toString(StandardCharsets.UTF_8), "a cleanly released lock is taken silently");
    }
}
