package io.github.segshap.salt.prepare.data;

import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.salt.SaltDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reproducible train / validation / test split of sample ids. Immutable; each list is sorted.
 *
 * <p>{@link #of} depends only on the set of ids and the seed, never on file-system order:
 * <ol>
 *   <li>sort the ids (String order) and shuffle them with a Fisher-Yates pass driven by
 *       {@code new java.util.Random(seed)} (for {@code i} from {@code n - 1} down to 1, swap
 *       {@code i} with {@code random.nextInt(i + 1)}; {@code java.util.Random}'s algorithm is fixed
 *       by its specification, so the result is the same on every JVM);</li>
 *   <li>the first {@code ceil(testFraction * n)} shuffled ids are the test set (scikit-learn's
 *       rounding of {@code train_test_split});</li>
 *   <li>the remaining ids, sorted, are shuffled the same way with a new {@code Random(seed)} and
 *       the first {@code ceil(validationFraction * rest)} are the validation set, the others the
 *       training set.</li>
 * </ol>
 * With 4000 ids, seed 42 and fractions 0.2 / 0.2 that gives 2560 / 640 / 800, the sizes of the
 * original study (whose own split depended on directory order and cannot be reproduced).
 *
 * @param train      training ids, sorted
 * @param validation validation ids, sorted
 * @param test       test ids, sorted
 */
public record DatasetSplit(List<String> train, List<String> validation, List<String> test) {
    /** The original study's seed. */
    public static final long DEFAULT_SEED = SaltDefaults.SEED;
    /** The original study's test fraction. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** The original study's validation fraction (of what the test set leaves). */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    /** Copies and sorts the lists and checks that they are disjoint. */
    public DatasetSplit {
        train = sorted(train);
        validation = sorted(validation);
        test = sorted(test);
        Set<String> seen = new HashSet<>();
        for (List<String> l : List.of(train, validation, test)) {
            for (String id : l) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("id " + id + " is in more than one split (or twice in one)");
                }
            }
        }
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    /** The split with the original's seed {@value #DEFAULT_SEED} and fractions 0.2 / 0.2. */
    public static DatasetSplit of(Collection<String> ids) {
        return of(ids, DEFAULT_SEED, DEFAULT_TEST_FRACTION, DEFAULT_VALIDATION_FRACTION);
    }

    /**
     * Splits {@code ids} as described in the class comment.
     *
     * @param ids                distinct sample ids in any order
     * @param seed               seed of both shuffles
     * @param testFraction       share of all ids for the test set, in [0, 1)
     * @param validationFraction share of the rest for the validation set, in [0, 1)
     * @throws IllegalArgumentException for duplicate ids or fractions out of range
     */
    public static DatasetSplit of(Collection<String> ids, long seed, double testFraction, double validationFraction) {
        if (!(testFraction >= 0 && testFraction < 1) || !(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("fractions must be in [0, 1): test " + testFraction + ", validation "
                    + validationFraction);
        }
        TreeSet<String> set = new TreeSet<>(ids);
        if (set.size() != ids.size()) {
            throw new IllegalArgumentException("ids contain duplicates: " + ids.size() + " ids, " + set.size()
                    + " distinct");
        }
        List<String> shuffled = shuffle(new ArrayList<>(set), seed);
        int nTest = (int) Math.ceil(testFraction * shuffled.size());
        List<String> test = shuffled.subList(0, nTest);
        List<String> rest = new ArrayList<>(shuffled.subList(nTest, shuffled.size()));
        Collections.sort(rest);
        List<String> rest2 = shuffle(rest, seed);
        int nValidation = (int) Math.ceil(validationFraction * rest2.size());
        return new DatasetSplit(rest2.subList(nValidation, rest2.size()), rest2.subList(0, nValidation), test);
    }

    /**
     * The fewest ids for which {@link #of} gives every part at least one id with these fractions
     * (3 with the defaults).
     *
     * @throws IllegalArgumentException when a fraction is 0 (that part is always empty) or out of range
     */
    public static int smallestComplete(double testFraction, double validationFraction) {
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("fractions must be in (0, 1) for every part to be non-empty: test "
                    + testFraction + ", validation " + validationFraction);
        }
        for (int n = 3; ; n++) {
            int test = (int) Math.ceil(testFraction * n);
            int validation = (int) Math.ceil(validationFraction * (n - test));
            if (test < n && validation < n - test) {
                return n;
            }
        }
    }

    private static List<String> shuffle(List<String> list, long seed) {
        Random random = new Random(seed);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
        return list;
    }

    /** The ids of one part. */
    public List<String> ids(Part part) {
        switch (part) {
            case TRAIN: return train;
            case VALIDATION: return validation;
            case TEST: return test;
            default: throw new IllegalStateException(part.name());
        }
    }

    /** Total number of ids. */
    public int size() {
        return train.size() + validation.size() + test.size();
    }

    /** The three parts of a split. */
    public enum Part {
        /** Used to fit the model and the power transform. */
        TRAIN,
        /** Used for early stopping. */
        VALIDATION,
        /** Held out for the final metrics and the explanations. */
        TEST;

        /** The lower-case name used in file names ({@code train}, {@code validation}, {@code test}). */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Writes {@code train.txt}, {@code validation.txt} and {@code test.txt} (one id a line) into {@code dir}. */
    public void write(Path dir) {
        try {
            for (Part p : Part.values()) {
                StringBuilder lines = new StringBuilder();
                for (String id : ids(p)) {
                    lines.append(id).append(System.lineSeparator());
                }
                AtomicFiles.write(dir.resolve(p.fileName() + ".txt"), lines.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write split to " + dir, e);
        }
    }

    /** Reads a split written by {@link #write}. */
    public static DatasetSplit read(Path dir) {
        try {
            List<List<String>> parts = new ArrayList<>();
            for (Part p : Part.values()) {
                List<String> ids = new ArrayList<>();
                for (String line : Files.readAllLines(dir.resolve(p.fileName() + ".txt"), StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        ids.add(line.trim());
                    }
                }
                parts.add(ids);
            }
            return new DatasetSplit(parts.get(0), parts.get(1), parts.get(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read split from " + dir, e);
        }
    }
}
