package io.github.segshap.command.folder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An output folder that is one program's alone. A command {@linkplain #claim claims} its
 * {@code --out} before it changes a byte: a missing or empty folder is made its own (a marker,
 * {@value #MARKER}, written temp-then-rename, names the program, the command and when); a folder with
 * this program's marker is taken as it is; anything else - a folder holding files and no marker, or
 * another program's marker - is refused with {@link ExitCode#FOREIGN_FOLDER}, naming the folder and a
 * few of its entries. The claim then holds the folder's {@link RunLock} until {@link #close()}; a
 * folder the claim created that holds nothing but the lock and the marker when it is closed (a
 * command that failed before writing) is removed again, under the lock (a folder another run holds
 * is never removed).
 *
 * <p><b>What we wrote.</b> When a claim closes, the marker records the folder's top-level entries
 * that did not exist when it was claimed ({@link Marker#written}, added to what earlier runs
 * recorded), so the folder always says which of its entries are this program's. {@link #replaceOwn}
 * ({@code --force}) removes exactly those and nothing else: a file the user put into the folder
 * stays, and a folder that is not this program's is refused before, with or without it.
 */
public final class OutputFolder implements AutoCloseable {
    /** The ownership marker's name inside the folder. */
    public static final String MARKER = ".segshap-folder.json";
    /** Names that do not make a folder someone else's: our lock and marker. */
    private static final Set<String> OURS = Set.of(MARKER, RunLock.FILE_NAME);
    /** How many entries a refusal names. */
    private static final int SHOWN = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What the marker records.
     *
     * @param program the program that owns the folder ({@code segshap}, {@code salt})
     * @param command the command that first claimed it ({@code explain}, {@code run-all}, ...)
     * @param created when (ISO-8601)
     * @param written the top-level entries this program's runs wrote into the folder, sorted (the lock
     *                and the marker left out; empty in a marker written before this was recorded)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Marker(String program, String command, String created, List<String> written) {
        /** Copies the list; null (an older marker) is empty. */
        public Marker {
            written = written == null ? List.of() : List.copyOf(new TreeSet<>(written));
        }

        /** The same marker recording {@code entries} as written. */
        Marker withWritten(Collection<String> entries) {
            return new Marker(program, command, created, List.copyOf(entries));
        }
    }

    private final Path root;
    private final boolean created;
    private final RunLock lock;
    private Marker marker;
    /** The entries that were in the folder when it was claimed (or after {@link #replaceOwn}). */
    private List<String> before;

    private OutputFolder(Path root, boolean created, Marker marker, RunLock lock) {
        this.root = root;
        this.created = created;
        this.marker = marker;
        this.lock = lock;
        this.before = entries(root);
    }

    /**
     * Claims {@code folder} for {@code program}: checks it is missing, empty or this program's, creates
     * it if needed, takes its run lock and writes the marker when there is none.
     *
     * @param folder      the output folder ({@code --out})
     * @param program     the program's name, as the marker records it
     * @param command     the command's name ({@code explain}, {@code train})
     * @param commandLine the whole command line, for the lock's message to a second run
     * @param console     where taking over a dead run's lock is said
     * @return the claim; close it when the command ends
     * @throws CommandException {@link ExitCode#FOREIGN_FOLDER} for a folder that is not ours,
     *                          {@link ExitCode#LOCKED} when another run holds it,
     *                          {@link ExitCode#OUTPUT_NOT_WRITABLE} when it cannot be made or written
     */
    public static OutputFolder claim(Path folder, String program, String command, String commandLine,
                                     PrintStream console) {
        return claim(folder, program, command, commandLine, console, p -> false);
    }

    /**
     * Like {@link #claim(Path, String, String, String, PrintStream)}, also taking as this program's a
     * folder without a marker that {@code alsoOurs} recognises (e.g. an explanation folder written by
     * the library, which {@code segshap report} draws into).
     */
    public static OutputFolder claim(Path folder, String program, String command, String commandLine,
                                     PrintStream console, Predicate<Path> alsoOurs) {
        Objects.requireNonNull(program, "program");
        Path root = folder.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root
                    + " is a file, not a folder: choose another --out");
        }
        Optional<Marker> found = Files.isDirectory(root) ? check(root, program, alsoOurs) : Optional.empty();
        boolean created = create(root);
        RunLock lock;
        try {
            lock = RunLock.acquire(root, commandLine, console);
        } catch (CommandException e) {
            // a folder another run holds is that run's, even when this claim made it
            if (created && e.exitCode() != ExitCode.LOCKED) {
                removeIfOnlyOurs(root);
            }
            throw e;
        }
        try {
            // another run may have claimed it between our check and our lock
            Optional<Marker> now = check(root, program, alsoOurs);
            Marker m = now.orElse(found.orElse(null));
            if (m == null) {
                m = new Marker(program, command, Instant.now().toString(), List.of());
                AtomicFiles.write(root.resolve(MARKER), JSON.writeValueAsBytes(m));
            }
            return new OutputFolder(root, created, m, lock);
        } catch (IOException | RuntimeException e) {
            release(root, created, lock);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write " + root.resolve(MARKER) + ": "
                    + e.getMessage() + ": free space, fix the permissions or choose another --out", e);
        }
    }

    /** Creates {@code root} (and its parents); true when this call made {@code root} itself. */
    private static boolean create(Path root) {
        try {
            if (root.getParent() != null) {
                Files.createDirectories(root.getParent());
            }
            Files.createDirectory(root);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(root)) {
                return false;
            }
            if (Files.exists(root)) {
                throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root
                        + " is a file, not a folder: choose another --out", e);
            }
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root + " is not writable ("
                    + e.getFile() + " is a file, not a folder): choose another --out", e);
        } catch (IOException | SecurityException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "the output folder " + root + " is not writable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): choose another --out or fix its "
                    + "permissions", e);
        }
    }

    /** Removes a folder this claim made and nothing but our lock and marker went into, still under the lock; then releases it. */
    private static void release(Path root, boolean created, RunLock lock) {
        try {
            if (created) {
                removeIfOnlyOurs(root);
            }
        } finally {
            lock.close();
        }
    }

    /** The marker of an existing folder; refuses one that is not this program's. */
    private static Optional<Marker> check(Path root, String program, Predicate<Path> alsoOurs) {
        Path file = root.resolve(MARKER);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Marker m = readMarker(file);
            if (!program.equals(m.program())) {
                throw new CommandException(ExitCode.FOREIGN_FOLDER, "the output folder " + root + " belongs to "
                        + m.program() + " (`" + m.command() + "`, " + m.created() + "), not to " + program
                        + ": nothing was changed; choose another --out");
            }
            return Optional.of(m);
        }
        List<String> entries = entries(root);
        if (entries.isEmpty() || alsoOurs.test(root)) {
            return Optional.empty();
        }
        String shown = entries.stream().limit(SHOWN).collect(Collectors.joining(", "))
                + (entries.size() > SHOWN ? " and " + (entries.size() - SHOWN) + " more" : "");
        throw new CommandException(ExitCode.FOREIGN_FOLDER, "the output folder " + root + " holds files " + program
                + " did not write (" + shown + "), and no " + MARKER + ": nothing was changed; choose an empty or "
                + "new --out, or one " + program + " made");
    }

    private static Marker readMarker(Path file) {
        try {
            Marker m = JSON.readValue(file.toFile(), Marker.class);
            if (m == null || m.program() == null) {
                throw new IOException("no program named");
            }
            return m;
        } catch (IOException e) {
            throw new CommandException(ExitCode.CORRUPT_FILE, "the output folder's marker " + file + " is damaged ("
                    + e.getMessage() + "): nothing was changed; choose another --out, or delete the marker if the "
                    + "folder is yours to reuse", e);
        }
    }

    /** The folder's entries other than our lock and marker, sorted. */
    private static List<String> entries(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !OURS.contains(n)).sorted().toList();
        } catch (IOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot list the output folder " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes {@code root} when it holds nothing but our lock and marker. */
    private static void removeIfOnlyOurs(Path root) {
        try {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && entries(root).isEmpty()) {
                for (String n : OURS) {
                    Files.deleteIfExists(root.resolve(n));
                }
                Files.deleteIfExists(root);
            }
        } catch (IOException | RuntimeException e) {
            // another run wrote there meanwhile, or the folder cannot be listed: it stays
        }
    }

    /** The output folder, absolute and normalised. */
    public Path root() {
        return root;
    }

    /** Whether this claim created the folder. */
    public boolean created() {
        return created;
    }

    /** The folder's marker (this claim's, or the one found). */
    public Marker marker() {
        return marker;
    }

    /** The run lock this claim holds. */
    public RunLock lock() {
        return lock;
    }

    /**
     * {@code --force}: removes the entries the marker records as this program's ({@link Marker#written})
     * and nothing else, so the command starts again as in a new folder; a file the user added stays.
     *
     * @param console where the removed entries are named
     * @return the removed entries, sorted
     * @throws CommandException {@link ExitCode#OUTPUT_NOT_WRITABLE} when one cannot be removed
     */
    public List<String> replaceOwn(PrintStream console) {
        List<String> removed = new ArrayList<>();
        for (String name : marker.written()) {
            Path p = root.resolve(name);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                AtomicFiles.deleteTree(p);
            } catch (IOException e) {
                throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "--force: cannot remove " + p + ": "
                        + e.getMessage(), e);
            }
            removed.add(name);
        }
        List<String> kept = entries(root);
        console.println("--force: removed " + (removed.isEmpty() ? "nothing" : String.join(", ", removed))
                + " from " + root + " (what " + marker.program() + " wrote there)"
                + (kept.isEmpty() ? "" : "; kept " + String.join(", ", kept) + ", which it did not write"));
        marker = marker.withWritten(List.of());
        before = kept;
        writeMarker();
        return removed;
    }

    /** Records what this run wrote in the marker; releases the lock; removes a folder this claim created when nothing else was written. */
    @Override
    public void close() {
        try {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && !(created && entries(root).isEmpty())) {
                Set<String> now = new TreeSet<>(entries(root));
                Set<String> written = new TreeSet<>(marker.written());
                now.stream().filter(n -> !before.contains(n)).forEach(written::add);
                written.retainAll(now);
                if (!written.equals(new TreeSet<>(marker.written()))) {
                    marker = marker.withWritten(written);
                    writeMarker();
                }
            }
        } catch (RuntimeException e) {
            // the folder went away or cannot be listed: the marker keeps its earlier record
        } finally {
            release(root, created, lock);
        }
    }

    private void writeMarker() {
        try {
            AtomicFiles.write(root.resolve(MARKER), JSON.writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write " + root.resolve(MARKER) + ": "
                    + e.getMessage() + ": free space, fix the permissions or choose another --out", e);
        }
    }
}
