package io.github.segshap.command.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run at a time per output folder, for both programs: an exclusive operating-system lock
 * ({@link FileChannel#tryLock()}) on {@code <out>/.lock}, which holds who took it ({@link Holder}: process id, command line, start
 * time, host) while it is held and is emptied when it is released. A second run on the same folder
 * fails with {@link ExitCode#LOCKED} naming the first. The operating system releases the lock of a
 * process that dies, so a {@code .lock} that still names a holder but can be locked was left by a
 * killed run: it is taken over, and the taking over is said on the console.
 *
 * <p>Use it with try-with-resources around everything a command does in the folder; commands take
 * it through {@link OutputFolder#claim}, which also checks that the folder is theirs.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside the run folder. */
    public static final String FILE_NAME = ".lock";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;

    private RunLock(Path file, FileChannel channel, FileLock lock, Holder holder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Who holds (or held) a run folder's lock.
     *
     * @param pid     process id
     * @param command the command line, as the user typed it
     * @param started when the lock was taken (ISO-8601)
     * @param host    the machine's name
     */
    public record Holder(long pid, String command, String started, String host) {
        /** The current process, running {@code command}. */
        static Holder current(String command) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown";
            }
            return new Holder(ProcessHandle.current().pid(), command, Instant.now().toString(), host);
        }

        /** Whether the process is still running (on this host; another host's process counts as running). */
        boolean alive() {
            if (!Objects.equals(host, current("").host())) {
                return true;
            }
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        /** "process 123 (`salt run-all ...`, started 2024-...Z on host)". */
        public String describe() {
            return "process " + pid + " (`" + command + "`, started " + started + " on " + host + ")";
        }
    }

    /**
     * Locks the output folder {@code folder} (an existing folder) for this process.
     *
     * @param folder  the output folder
     * @param command the command line to record (for the message a second run prints)
     * @param console where taking over a stale lock is said
     * @return the lock; close it when the command ends
     * @throws CommandException {@link ExitCode#LOCKED} naming the running holder, or
     *                           {@link ExitCode#OUTPUT_NOT_WRITABLE} when the lock file cannot be written
     */
    public static RunLock acquire(Path folder, String command, PrintStream console) {
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Optional<Holder> previous = read(channel);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it already
            }
            if (lock == null) {
                channel.close();
                throw new CommandException(ExitCode.LOCKED, "another run holds the output folder " + root + ": "
                        + previous.map(Holder::describe).orElse("another process")
                        + "; wait for it to end, or choose another --out");
            }
            // it may have been written between our read and our lock
            previous = read(channel);
            if (previous.isPresent()) {
                Holder p = previous.get();
                console.println("note: taking over the lock of " + p.describe() + ", which "
                        + (p.alive() ? "released it without clearing it" : "is no longer running"));
            }
            Holder me = Holder.current(command);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(me)), 0);
            channel.force(true);
            return new RunLock(file, channel, lock, me);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot lock the output folder: " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Who holds this lock: this process. */
    public Holder holder() {
        return holder;
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            channel.force(true);
            lock.release();
        } catch (IOException e) {
            // the operating system releases the lock when the channel closes
        } finally {
            closeQuietly(channel);
        }
    }

    /** The holder a lock file names, if it names one. */
    private static Optional<Holder> read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 1 << 16) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // reads until full
        }
        try {
            return Optional.ofNullable(JSON.readValue(new String(buf.array(), 0, buf.position(),
                    StandardCharsets.UTF_8), Holder.class));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // a damaged lock file names nobody
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
