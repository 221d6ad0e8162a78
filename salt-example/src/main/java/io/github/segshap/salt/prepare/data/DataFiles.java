package io.github.segshap.salt.prepare.data;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The data files of the Kaggle layout, defined once: what {@link SaltDatasetReader} reads is what
 * the data fingerprint covers. In {@code images/} and {@code masks/}, a data file is an entry whose
 * name ends in {@code .png}, does not start with {@code .}, and is a regular file (directly or
 * through symbolic links). Other entries named {@code *.png} - a folder, a named pipe, a device -
 * are not data files: they are listed in {@link #ignored()} and never opened. A symbolic link that
 * loops or points nowhere is an error, since the file it stands for cannot be read.
 * {@code depths.csv} is not a data file of the pipeline (nothing it computes uses depths): it is
 * read only by a reader asked for depths ({@link #depthsFile()}).
 *
 * @param root    the folder holding {@code images/} and {@code masks/}
 * @param images  the image files by id, sorted by id
 * @param masks   the mask files by id, sorted by id
 * @param ignored entries named {@code *.png} that are not regular files, sorted
 */
public record DataFiles(Path root, SortedMap<String, Path> images, SortedMap<String, Path> masks,
                        List<Path> ignored) {

    /** Copies the collections. */
    public DataFiles {
        images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
        masks = Collections.unmodifiableSortedMap(new TreeMap<>(masks));
        ignored = List.copyOf(ignored);
    }

    /**
     * Lists the data files under {@code root} (a folder holding {@code images/} and {@code masks/},
     * see {@link SaltDatasetReader#resolveLayout}).
     *
     * @throws DataFormatException naming a symbolic link that loops or points nowhere, or a folder
     *                             that cannot be listed
     */
    public static DataFiles list(Path root) {
        List<Path> ignored = new ArrayList<>();
        SortedMap<String, Path> images = pngs(root.resolve("images"), ignored);
        SortedMap<String, Path> masks = pngs(root.resolve("masks"), ignored);
        ignored.sort(null);
        return new DataFiles(root, images, masks, ignored);
    }

    /** Every id with an image or a mask (or both), sorted. */
    public SortedSet<String> ids() {
        TreeSet<String> all = new TreeSet<>(images.keySet());
        all.addAll(masks.keySet());
        return Collections.unmodifiableSortedSet(all);
    }

    /**
     * The data files in the fingerprint's order: the images, then the masks, each sorted by file
     * name (as the fingerprint has always listed them, so that its value stays the same).
     */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (SortedMap<String, Path> m : List.of(images, masks)) {
            out.addAll(m.values().stream().sorted(Comparator.comparing(p -> p.getFileName().toString())).toList());
        }
        return out;
    }

    /** {@code depths.csv} ({@code id,z}) in the root or its parent, when there is one. */
    public Optional<Path> depthsFile() {
        for (Path p : new Path[] {root.resolve("depths.csv"),
                root.getParent() == null ? null : root.getParent().resolve("depths.csv")}) {
            if (p != null && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static SortedMap<String, Path> pngs(Path folder, List<Path> ignored) {
        SortedMap<String, Path> ids = new TreeMap<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.toList();
        } catch (IOException e) {
            throw new DataFormatException(folder, "cannot list folder: " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!name.endsWith(".png") || name.startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(p)) {
                requireTarget(p);
            }
            if (Files.isRegularFile(p)) {
                ids.put(name.substring(0, name.length() - 4), p);
            } else {
                ignored.add(p);
            }
        }
        return ids;
    }

    /** Follows a link to its end, naming a loop or a missing target. */
    private static void requireTarget(Path link) {
        try {
            link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new DataFormatException(link, "a symbolic link to nothing (its target " + e.getFile()
                    + " does not exist): restore the file or remove the link", e);
        } catch (FileSystemException e) {
            throw new DataFormatException(link, "a symbolic link that cannot be followed (" + e.getReason()
                    + "; a loop of links?): remove the link or point it at the file", e);
        } catch (IOException e) {
            throw new DataFormatException(link, "a symbolic link that cannot be followed: " + e.getMessage(), e);
        }
    }
}
