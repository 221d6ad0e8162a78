package io.github.segshap.core.sections;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tiles done so far by a resumable section run: one explanation folder per batch of tiles,
 * {@code <dir>/<first>-<last>/} (tile numbers), each stamped with the run's provenance. Opening
 * checks every folder's recipe ({@link OtherRecipeException} when another) and deletes a folder
 * that is unreadable or fails its checksums (its tiles are explained again).
 */
final class TileFolders {
    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)");

    /** A batch of tiles {@code first..last} saved in {@code folder}. */
    record Done(int first, int last, Path folder) {
    }

    private final Path dir;
    private final List<Done> done;
    private final int redone;

    private TileFolders(Path dir, List<Done> done, int redone) {
        this.dir = dir;
        this.done = List.copyOf(done);
        this.redone = redone;
    }

    /** The folders under {@code dir} (which need not exist) of a run of {@code tiles} tiles with recipe {@code expected}. */
    static TileFolders open(Path dir, Provenance expected, int tiles) {
        List<Done> found = new ArrayList<>();
        int redone = 0;
        if (Files.isDirectory(dir)) {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(dir)) {
                dirs = s.filter(Files::isDirectory).filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the tile folders in " + dir + ": " + e.getMessage(), e);
            }
            for (Path d : dirs) {
                Matcher m = NAME.matcher(d.getFileName().toString());
                m.matches();
                int first = Integer.parseInt(m.group(1));
                int last = Integer.parseInt(m.group(2));
                Provenance p;
                try {
                    p = ExplanationFolder.readProvenance(d).orElse(null);
                } catch (CorruptFolderException e) {
                    delete(d);
                    redone++;
                    continue;
                }
                if (p == null || !p.sameRecipe(expected)) {
                    throw new OtherRecipeException(d, p == null ? List.of() : expected.differences(p));
                }
                if (first > last || last >= tiles) {
                    throw new OtherRecipeException(d, List.of("tiles " + first + "-" + last + " of " + tiles));
                }
                Done done = new Done(first, last, d);
                try {
                    read(done);
                } catch (CorruptFolderException e) {
                    delete(d);
                    redone++;
                    continue;
                }
                found.add(done);
            }
        }
        found.sort(Comparator.comparingInt(Done::first));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).first() <= found.get(i - 1).last()) {
                throw new IllegalStateException("tile folders " + found.get(i - 1).folder() + " and "
                        + found.get(i).folder() + " overlap; delete " + dir + " to start over");
            }
        }
        return new TileFolders(dir, found, redone);
    }

    /** The saved batches, by first tile. */
    List<Done> done() {
        return done;
    }

    /** Batch folders that were damaged and deleted on opening. */
    int redone() {
        return redone;
    }

    /**
     * Reads a saved batch, checking its checksums and its number of tiles.
     *
     * @throws CorruptFolderException naming the damaged file
     */
    static Explanations read(Done d) {
        Explanations e = ExplanationFolder.read(d.folder());
        if (e.size() != d.last() - d.first() + 1) {
            throw new CorruptFolderException(d.folder().resolve(ExplanationFolder.JSON), e.size()
                    + " tiles in a folder named for " + (d.last() - d.first() + 1));
        }
        return e;
    }

    /** Saves tiles {@code first..} as a batch folder. */
    void write(int first, Explanations tiles) {
        ExplanationFolder.write(tiles, dir.resolve(first + "-" + (first + tiles.size() - 1)));
    }

    /** Removes every batch folder and {@code dir} itself. */
    void clear() {
        delete(dir);
    }

    private static void delete(Path p) {
        try {
            AtomicFiles.deleteTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}
