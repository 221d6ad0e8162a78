package io.github.segshap.core.store;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A resumable store of explanations: one explanation folder ({@link ExplanationFolder}) per unit,
 * {@code <dir>/<unit>/}, keyed by the unit's name (an image id, a batch {@code first-last}, a batch
 * of tiles). What it guarantees:
 * <ul>
 *   <li><b>Atomic puts.</b> {@link #put} builds the folder under a temporary name beside it and
 *       renames it into place, so a unit folder is always whole.</li>
 *   <li><b>Recipe check.</b> A unit is done only when its recorded provenance is the expected
 *       recipe ({@link Provenance#sameRecipe}: everything but the date); {@link #resume} and
 *       {@link #scan} throw {@link OtherRecipeException} naming the differing fields otherwise, and
 *       delete nothing. {@link #check} only reports it (for callers that redo such units).</li>
 *   <li><b>Checksums.</b> A unit is done only when every file matches its recorded checksum (and
 *       the store's {@link Validator}); a damaged or incomplete unit is removed by {@link #resume}
 *       and {@link #scan}, named, and redone by the caller.</li>
 *   <li><b>Leftovers.</b> A killed run leaves the temporaries of a put: folders named
 *       {@value #PARTIAL_PREFIX}{@code *} (a folder being built) or {@value #STALE_PREFIX}{@code *}
 *       (an old folder renamed aside). {@link #cleanLeftovers} removes exactly these, nothing else.
 *       It must not run while another process puts into the same store.</li>
 *   <li><b>Nothing else is touched.</b> Only folders whose names match the store's unit pattern
 *       and that hold an {@code explanation.json} are units; other files and folders in
 *       {@code dir} are never read, replaced or deleted.</li>
 * </ul>
 * {@link #merge} and {@link #stream} read units back in the order given; {@link Merger} merges them
 * into one explanation folder, streamed. Immutable; the folder
 * need not exist until the first put.
 */
public final class ResultStore {
    /** The name prefix of a unit folder being built ({@link ExplanationFolder#write}). */
    public static final String PARTIAL_PREFIX = ExplanationFolder.PARTIAL_PREFIX;
    /** The name prefix of an old unit folder renamed aside while replaced ({@link AtomicFiles#replaceFolder}). */
    public static final String STALE_PREFIX = AtomicFiles.STALE_PREFIX;
    /** Unit names by default: letters, digits and {@code _.+=,@-}, not first {@code .+=,@-}, at most 200 characters. */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+=,@-]{0,199}");

    /** A check of a unit's explanations beyond their checksums (e.g. their count); null when whole. */
    @FunctionalInterface
    public interface Validator {
        /**
         * @param unit the unit's name
         * @param read the unit's explanations as read
         * @return what is wrong, or null when nothing is
         */
        String problem(String unit, Explanations read);
    }

    /** What a unit's folder holds. */
    public enum Status {
        /** No unit folder. */
        MISSING,
        /** The expected recipe, every checksum verified: done. */
        DONE,
        /** Unreadable, incomplete or failing its checksums or the validator: to be redone. */
        DAMAGED,
        /** Made with another recipe, or without a provenance (version 1). */
        OTHER_RECIPE
    }

    /**
     * A unit as checked.
     *
     * @param name        the unit's name
     * @param folder      its folder
     * @param status      what it holds
     * @param problem     what is damaged ({@link Status#DAMAGED}); empty otherwise
     * @param found       the recorded provenance, when readable and present
     * @param changes     how the recorded recipe differs from the expected one ({@link Status#OTHER_RECIPE};
     *                    empty when there is no provenance): {@code was} recorded, {@code now} expected
     */
    public record Unit(String name, Path folder, Status status, String problem, Optional<Provenance> found,
                       List<Provenance.Change> changes) {
        /** Copies the list. */
        public Unit {
            changes = List.copyOf(changes);
        }

        /** The differing provenance fields (empty when there is no provenance). */
        public List<String> differences() {
            return changes.stream().map(Provenance.Change::field).distinct().toList();
        }

        /** The exception refusing this unit of another recipe. */
        public OtherRecipeException otherRecipe() {
            return new OtherRecipeException(folder, differences(), changes);
        }
    }

    /**
     * What {@link #scan} found.
     *
     * @param done      the units done with the expected recipe, every checksum verified, by name
     * @param damaged   the damaged units, removed (to be redone)
     * @param leftovers the temporaries of killed runs, removed
     */
    public record Scan(List<String> done, List<Unit> damaged, List<Path> leftovers) {
        /** Copies the lists. */
        public Scan {
            done = List.copyOf(done);
            damaged = List.copyOf(damaged);
            leftovers = List.copyOf(leftovers);
        }
    }

    private final Path dir;
    private final Pattern names;
    private final Validator validator;

    private ResultStore(Path dir, Pattern names, Validator validator) {
        this.dir = dir.toAbsolutePath().normalize();
        this.names = names;
        this.validator = validator;
    }

    /** The store in {@code dir} (which need not exist), units named by {@link #SAFE_NAME}, no extra validation. */
    public static ResultStore at(Path dir) {
        return new ResultStore(Objects.requireNonNull(dir, "dir"), SAFE_NAME, (unit, read) -> null);
    }

    /** The same store with units named by {@code pattern} only (which must match within {@link #SAFE_NAME}). */
    public ResultStore named(Pattern pattern) {
        return new ResultStore(dir, Objects.requireNonNull(pattern, "pattern"), validator);
    }

    /** The same store with this check of a unit's explanations. */
    public ResultStore validated(Validator v) {
        return new ResultStore(dir, names, Objects.requireNonNull(v, "validator"));
    }

    /** The store's folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The folder of unit {@code name}.
     *
     * @throws IllegalArgumentException when the name cannot be a unit's (see {@link #SAFE_NAME})
     */
    public Path folder(String name) {
        return dir.resolve(requireName(name));
    }

    private String requireName(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || !names.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot name a unit folder of " + dir + ": use letters,"
                    + " digits and _.+=,@- (not first: . + = , @ -), at most 200 characters"
                    + (names == SAFE_NAME ? "" : ", matching " + names.pattern()));
        }
        return name;
    }

    /** The names of the unit folders present (whole or not, any recipe), sorted. */
    public List<String> units() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> SAFE_NAME.matcher(n).matches() && names.matcher(n).matches())
                    .filter(n -> ExplanationFolder.exists(dir.resolve(n)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the unit folders in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What unit {@code name}'s folder holds with respect to {@code expected}; reads every file (to
     * verify the checksums) but changes nothing.
     */
    public Unit check(String name, Provenance expected) {
        Objects.requireNonNull(expected, "expected");
        Path folder = folder(name);
        if (!Files.isDirectory(folder)) {
            return new Unit(name, folder, Status.MISSING, "", Optional.empty(), List.of());
        }
        Optional<Provenance> found;
        try {
            found = ExplanationFolder.readProvenance(folder);
        } catch (CorruptFolderException e) {
            return new Unit(name, folder, Status.DAMAGED, e.getMessage(), Optional.empty(), List.of());
        }
        if (found.isEmpty() || !found.get().sameRecipe(expected)) {
            return new Unit(name, folder, Status.OTHER_RECIPE, "", found,
                    found.map(f -> f.changes(expected)).orElse(List.of()));
        }
        try {
            read(name);
        } catch (CorruptFolderException e) {
            return new Unit(name, folder, Status.DAMAGED, e.getMessage(), found, List.of());
        }
        return new Unit(name, folder, Status.DONE, "", found, List.of());
    }

    /**
     * Whether unit {@code name} is done with {@code expected}; a damaged unit is removed (and is to
     * be redone).
     *
     * @throws OtherRecipeException naming the differing fields when the unit holds another recipe
     */
    public boolean resume(String name, Provenance expected) {
        Unit u = check(name, expected);
        switch (u.status()) {
            case DONE:
                return true;
            case OTHER_RECIPE:
                throw u.otherRecipe();
            case DAMAGED:
                remove(name);
                return false;
            default:
                return false;
        }
    }

    /**
     * Opens the store to resume a run: removes the leftovers of killed runs, checks every unit
     * against its expected recipe, removes the damaged ones.
     *
     * @param expected the recipe of each unit by name (the same for all, or per unit)
     * @throws OtherRecipeException naming the folder and the differing fields when a unit holds
     *                              another recipe; nothing is removed then but the leftovers
     */
    public Scan scan(Function<String, Provenance> expected) {
        List<Path> leftovers = cleanLeftovers();
        List<Unit> checked = new ArrayList<>();
        for (String name : units()) {
            Unit u = check(name, expected.apply(name));
            if (u.status() == Status.OTHER_RECIPE) {
                throw u.otherRecipe();
            }
            checked.add(u);
        }
        List<String> done = new ArrayList<>();
        List<Unit> damaged = new ArrayList<>();
        for (Unit u : checked) {
            if (u.status() == Status.DONE) {
                done.add(u.name());
            } else {
                remove(u.name());
                damaged.add(u);
            }
        }
        return new Scan(done, damaged, leftovers);
    }

    /**
     * Puts {@code part} as unit {@code name}, atomically, replacing an older folder of the unit only
     * once the new one is whole.
     *
     * @return the unit's folder
     * @throws UncheckedIOException naming the folder when it cannot be written
     */
    public Path put(String name, Explanations part) {
        return put(name, part, folder -> { });
    }

    /** Puts {@code part} and {@code extras} (more files of the unit, e.g. metadata) as unit {@code name}; see {@link #put(String, Explanations)}. */
    public Path put(String name, Explanations part, ExplanationFolder.ExtraFiles extras) {
        return ExplanationFolder.write(part, folder(name), extras);
    }

    /**
     * Reads unit {@code name}, verifying its checksums and the validator.
     *
     * @throws CorruptFolderException naming the damaged file
     */
    public Explanations read(String name) {
        Path folder = folder(name);
        Explanations e = ExplanationFolder.read(folder);
        String problem = validator.problem(name, e);
        if (problem != null) {
            throw new CorruptFolderException(folder.resolve(ExplanationFolder.JSON), problem);
        }
        return e;
    }

    /**
     * Which unit holds each image, from the units' {@code explanation.json} alone (no array read):
     * image id to unit name, for a {@link Merger} of a store of batches.
     *
     * @throws CorruptFolderException when a unit's JSON is unreadable
     */
    public Map<String, String> unitsById() {
        Map<String, String> byId = new HashMap<>();
        for (String unit : units()) {
            for (String id : ExplanationFolder.readIds(folder(unit))) {
                byId.putIfAbsent(id, unit);
            }
        }
        return byId;
    }

    /**
     * The units' explanations one after another, in the order given ({@link Explanations#concat}).
     *
     * @throws CorruptFolderException naming a damaged file
     */
    public Explanations merge(List<String> names) {
        List<Explanations> parts = new ArrayList<>(names.size());
        stream(names, parts::add);
        return Explanations.concat(parts);
    }

    /** Reads the units in the order given and hands each to {@code sink}, one at a time. */
    public void stream(List<String> names, Consumer<Explanations> sink) {
        for (String n : names) {
            sink.accept(read(n));
        }
    }

    /** Removes unit {@code name}'s folder (no-op when missing). */
    public void remove(String name) {
        delete(folder(name));
    }

    /**
     * Removes the temporaries killed runs left in the store's folder ({@value #PARTIAL_PREFIX}* and
     * {@value #STALE_PREFIX}* folders) and nothing else.
     *
     * @return the removed paths, sorted
     */
    public List<Path> cleanLeftovers() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(ResultStore::isLeftover).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        found.forEach(ResultStore::delete);
        return found;
    }

    /** Whether {@code p} is a temporary of a put (a folder named {@value #PARTIAL_PREFIX}* or {@value #STALE_PREFIX}*). */
    public static boolean isLeftover(Path p) {
        String n = p.getFileName().toString();
        return (n.startsWith(PARTIAL_PREFIX) || n.startsWith(STALE_PREFIX))
                && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Removes the store's folder when it holds nothing but units and leftovers (it is left, with
     * what else it holds, otherwise); the units are removed either way.
     */
    public void clear() {
        cleanLeftovers();
        for (String n : units()) {
            remove(n);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
            delete(dir);
        }
    }

    private static void delete(Path p) {
        try {
            AtomicFiles.deleteTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ResultStore[" + dir + "]";
    }
}
