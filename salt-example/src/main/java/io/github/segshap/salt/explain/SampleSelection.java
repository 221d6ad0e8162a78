package io.github.segshap.salt.explain;

import io.github.segshap.salt.prepare.SplitData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which test samples to explain: given ids, the original study's choice of nine
 * ({@link #original9()}), or the whole test set ({@link #all()}). Parse the command-line form with
 * {@link #parse(String)}: {@code original9}, {@code all}, or ids separated by commas.
 *
 * <p><b>The nine.</b> The original explained nine hand-picked test images whose indices came from an
 * unsorted directory walk, so they cannot be reproduced. {@link #original9()} picks nine the same
 * way on every machine: in sorted id order, the first {@value #ORIGINAL_WITH_SALT} test samples whose
 * true mask covers between 5% and 95% of the image (a salt boundary in view, as in the original's
 * figures), then the first {@value #ORIGINAL_EMPTY} with an empty mask (what the model must leave
 * empty); if a group runs short the next sorted ids of any kind fill up to nine; the result is in
 * sorted id order. Coverage is measured on the prepared masks (24 x 24 or 101 x 101), so the two
 * resolutions may pick slightly different ids.
 */
public final class SampleSelection {
    /** Samples with salt in {@link #original9()}. */
    public static final int ORIGINAL_WITH_SALT = 6;
    /** Samples with an empty mask in {@link #original9()}. */
    public static final int ORIGINAL_EMPTY = 3;

    private enum Kind { IDS, ORIGINAL9, ALL }

    private final Kind kind;
    private final List<String> ids;

    private SampleSelection(Kind kind, List<String> ids) {
        this.kind = kind;
        this.ids = List.copyOf(ids);
    }

    /** The original's choice of nine, reproducibly (see the class comment). */
    public static SampleSelection original9() {
        return new SampleSelection(Kind.ORIGINAL9, List.of());
    }

    /** The whole test set. */
    public static SampleSelection all() {
        return new SampleSelection(Kind.ALL, List.of());
    }

    /** These test ids, in this order (duplicates removed). */
    public static SampleSelection ids(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no sample ids given");
        }
        return new SampleSelection(Kind.IDS, new ArrayList<>(new LinkedHashSet<>(ids)));
    }

    /**
     * Parses {@code original9}, {@code all} or a comma-separated list of ids.
     *
     * @throws IllegalArgumentException for an empty text
     */
    public static SampleSelection parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--samples is empty: give original9, all, or ids separated by commas");
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "original9":
                return original9();
            case "all":
                return all();
            default:
                List<String> ids = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                return ids(ids);
        }
    }

    /**
     * The ids to explain, from the test split.
     *
     * @throws UnknownSampleException if given ids are not in the test set
     */
    public List<String> resolve(SplitData test) {
        List<String> testIds = test.ids();
        switch (kind) {
            case ALL:
                return testIds.stream().sorted().toList();
            case ORIGINAL9:
                return original9(test);
            default:
                requireKnown(testIds);
                return ids;
        }
    }

    /**
     * Checks that the ids this selection names (if it names any) are among {@code testIds}; a
     * selection of {@code original9} or {@code all} always passes. Cheap: a stage can call it
     * before it spends time on the data.
     *
     * @throws UnknownSampleException naming the ids that are not in the test set
     */
    public void requireKnown(Collection<String> testIds) {
        if (kind != Kind.IDS) {
            return;
        }
        Set<String> known = new TreeSet<>(testIds);
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSampleException(unknown, unknown.size() + " of the " + ids.size()
                    + " --samples ids are not in the test set (" + testIds.size() + " samples): " + unknown
                    + "; test ids are for example " + known.stream().limit(5).toList()
                    + " (the full list is test.txt in the data cache), or use original9 or all");
        }
    }

    private static List<String> original9(SplitData test) {
        List<String> sorted = test.ids().stream().sorted().toList();
        int pixels = test.height() * test.width();
        List<String> salt = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String id : sorted) {
            float[] m = test.mask(test.indexOf(id));
            int n = 0;
            for (float v : m) {
                if (v > 0.5f) {
                    n++;
                }
            }
            double coverage = n / (double) pixels;
            if (coverage >= 0.05 && coverage <= 0.95 && salt.size() < ORIGINAL_WITH_SALT) {
                salt.add(id);
            } else if (n == 0 && empty.size() < ORIGINAL_EMPTY) {
                empty.add(id);
            }
        }
        Set<String> chosen = new TreeSet<>(salt);
        chosen.addAll(empty);
        for (String id : sorted) {
            if (chosen.size() >= ORIGINAL_WITH_SALT + ORIGINAL_EMPTY) {
                break;
            }
            chosen.add(id);
        }
        return List.copyOf(chosen);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> "all";
            case ORIGINAL9 -> "original9";
            case IDS -> String.join(",", ids);
        };
    }
}
