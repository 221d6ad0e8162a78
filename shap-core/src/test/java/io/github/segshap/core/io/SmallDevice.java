package io.github.segshap.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small device for the full-disk tests of every module (published in shap-core's test jar):
 * a tmpfs mounted on a folder, filled to the last byte. Mounting needs root; where the test cannot
 * mount, {@link #mount} skips the test with its reason (a JUnit assumption), visibly.
 */
public final class SmallDevice {
    private SmallDevice() {
    }

    /**
     * Mounts a tmpfs of {@code size} ({@code 1m}, {@code 4m}) on the folder {@code dir} (created),
     * or skips the calling test saying that {@code what} is not tested.
     *
     * @return {@code dir}; unmount it with {@link #unmount} in a {@code finally}
     */
    public static Path mount(Path dir, String size, String what) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0,
                "cannot mount a tmpfs here (needs root): " + what + " is not tested");
        return dir;
    }

    /** Unmounts what {@link #mount} mounted on {@code dir}. */
    public static void unmount(Path dir) throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    /**
     * Writes the file {@code device/filler} until the device is full.
     *
     * @return the filler
     * @throws IllegalStateException when the write fails for another reason than a full device
     */
    public static Path fill(Path device) throws IOException {
        Path filler = device.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw new IllegalStateException("filling " + device + " failed otherwise: " + full, full);
            }
        }
        return filler;
    }

    /** Runs a command, its output discarded; its exit code, or -1 when it did not end in 30 s. */
    public static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
