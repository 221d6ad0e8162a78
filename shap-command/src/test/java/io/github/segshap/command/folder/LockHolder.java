package io.github.segshap.command.folder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for {@link RunLockTest}: takes the lock of the run folder {@code args[0]}, prints
 * {@code locked} and waits to be killed.
 */
public final class LockHolder {
    private LockHolder() {
    }

    /** @param args the run folder */
    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Files.createDirectories(Path.of(args[0])), "salt run-all --out " + args[0], System.out);
        System.out.println("locked " + lock.holder().pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
