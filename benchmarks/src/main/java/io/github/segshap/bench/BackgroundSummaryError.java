package io.github.segshap.bench;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.salt.explain.SampleFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How far explanations with a k-means background summary are from those with the whole background:
 * the salt example's explanations folders compared sample by sample (not a timing, not JMH).
 *
 * <p>Two modes:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.BackgroundSummaryError pick TEST_TXT COUNT SEED
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.BackgroundSummaryError compare FULL DIR...
 * </pre>
 * {@code pick} prints {@code COUNT} ids of the test split list {@code TEST_TXT} (a data cache's
 * {@code test.txt}) drawn with the library's seeded {@link BackgroundDraw}, comma-separated, for
 * {@code salt explain --samples}. {@code compare} reads the samples of the explanations folder
 * {@code FULL} (made with the whole background) and of each {@code DIR} (made with
 * {@code --background-summary K}, or a smaller {@code --background N}), every array verified by its
 * checksum, checks that they explain the same samples with the same model and players, and prints
 * one Markdown table row per
 * {@code DIR}: its background ({@code k-means K of N} for {@code --background-summary K}, {@code N drawn}
 * for a plain {@code --background N}), the RMS and the largest absolute difference over every pixel of the contribution
 * maps (all players) and of the base values, each also relative to the RMS of the full-background
 * maps, and the mean explanation seconds per image recorded in each sample's {@code sample.json}.
 * The recipe is in {@code docs/performance.md}.
 */
public final class BackgroundSummaryError {
    private BackgroundSummaryError() {
    }

    /**
     * One folder's differences from the full-background folder.
     *
     * @param background        the compared background: {@code k-means K of N} or {@code N drawn}
     * @param images            samples compared
     * @param contributionRms   RMS of the contribution differences over samples, players and pixels
     * @param contributionMax   largest absolute contribution difference
     * @param baseRms           RMS of the base-value differences over samples and pixels
     * @param baseMax           largest absolute base-value difference
     * @param referenceContributionRms RMS of the full-background contributions
     * @param referenceBaseRms  RMS of the full-background base values
     * @param secondsPerImage   mean recorded explanation time of one sample
     */
    public record Difference(String background, int images, double contributionRms, double contributionMax, double baseRms,
                             double baseMax, double referenceContributionRms, double referenceBaseRms,
                             double secondsPerImage) {
        /** A Markdown table row. */
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %.3g | %.3g | %.3g%% | %.3g | %.3g | %.3g%% | %.2f |",
                    background, images, contributionRms, contributionMax, 100 * contributionRms / referenceContributionRms,
                    baseRms, baseMax, 100 * baseRms / referenceBaseRms, secondsPerImage);
        }

        /** The Markdown table header matching {@link #row()}. */
        public static String header() {
            return "| background | images | contributions RMS diff | contributions max diff | RMS diff / RMS | base values RMS"
                    + " diff | base values max diff | RMS diff / RMS | s / image |\n| --- | --- | --- | --- | --- | "
                    + "--- | --- | --- | --- |";
        }
    }

    /** Runs {@code pick} or {@code compare}; see the class comment. */
    public static void main(String[] args) {
        if (args.length >= 4 && args[0].equals("pick")) {
            System.out.println(String.join(",", pick(Path.of(args[1]), Integer.parseInt(args[2]),
                    Long.parseLong(args[3]))));
        } else if (args.length >= 3 && args[0].equals("compare")) {
            Path full = Path.of(args[1]);
            System.out.println(Difference.header());
            for (int i = 2; i < args.length; i++) {
                System.out.println(compare(full, Path.of(args[i])).row());
            }
        } else {
            System.err.println("usage: BackgroundSummaryError pick TEST_TXT COUNT SEED | compare FULL_DIR DIR...");
            System.exit(2);
        }
    }

    /** {@code count} ids of the list file {@code ids} (one id a line), drawn with {@code seed}, in draw order. */
    public static List<String> pick(Path ids, int count, long seed) {
        List<String> all;
        try {
            all = Files.readAllLines(ids).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the id list " + ids + ": " + e.getMessage(), e);
        }
        if (count > all.size()) {
            throw new IllegalArgumentException(ids + " lists " + all.size() + " ids, fewer than the " + count + " asked");
        }
        List<String> out = new ArrayList<>();
        for (int i : BackgroundDraw.indices(all.size(), count, seed)) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * The differences of the samples of explanations folder {@code other} from the same samples of
     * {@code full}.
     *
     * @throws IllegalArgumentException when a sample of {@code other} is missing from {@code full}, or the
     *                                  two were made by other models, backgrounds or players
     */
    public static Difference compare(Path full, Path other) {
        List<String> ids = SampleFiles.ids(other);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no explained samples in " + other);
        }
        double dc = 0;
        double mc = 0;
        double rc = 0;
        long nc = 0;
        double db = 0;
        double mb = 0;
        double rb = 0;
        long nb = 0;
        double seconds = 0;
        String background = null;
        for (String id : ids) {
            Explanations a = read(full, id);
            Explanations b = read(other, id);
            Provenance pa = a.provenance().orElseThrow();
            Provenance pb = b.provenance().orElseThrow();
            requireSame("model", pa.modelFingerprint(), pb.modelFingerprint(), id);
            requireSame("players", pa.players(), pb.players(), id);
            if (pa.explainerOptions().containsKey("background_summary")) {
                throw new IllegalArgumentException("sample " + id + " of " + full + " was made with a background "
                        + "summary of " + pa.explainerOptions().get("background_summary") + " rows: the first "
                        + "folder must use the whole background");
            }
            String k = pb.explainerOptions().get("background_summary");
            String bg = k != null ? "k-means " + k + " of " + pb.backgroundSize() : pb.backgroundSize() + " drawn";
            if (background != null && !bg.equals(background)) {
                throw new IllegalArgumentException(other + " mixes backgrounds: " + background + " and " + bg);
            }
            background = bg;
            Explanation ea = a.get(0);
            Explanation eb = b.get(0);
            for (int p = 0; p < ea.players(); p++) {
                double[] x = ea.values(p);
                double[] y = eb.values(p);
                for (int i = 0; i < x.length; i++) {
                    double d = y[i] - x[i];
                    dc += d * d;
                    mc = Math.max(mc, Math.abs(d));
                    rc += x[i] * x[i];
                }
                nc += x.length;
            }
            double[] x = ea.baseValues();
            double[] y = eb.baseValues();
            for (int i = 0; i < x.length; i++) {
                double d = y[i] - x[i];
                db += d * d;
                mb = Math.max(mb, Math.abs(d));
                rb += x[i] * x[i];
            }
            nb += x.length;
            seconds += SampleFiles.metadata(SampleFiles.folder(other, id)).map(m -> m.path("seconds").asDouble(Double.NaN))
                    .orElse(Double.NaN);
        }
        return new Difference(background, ids.size(), Math.sqrt(dc / nc), mc, Math.sqrt(db / nb), mb, Math.sqrt(rc / nc),
                Math.sqrt(rb / nb), seconds / ids.size());
    }

    private static Explanations read(Path explanations, String id) {
        Path folder = SampleFiles.folder(explanations, id);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("sample " + id + " is not explained in " + explanations);
        }
        return SampleFiles.read(folder);
    }

    private static void requireSame(String what, Object a, Object b, String id) {
        if (!Objects.equals(a, b)) {
            throw new IllegalArgumentException("sample " + id + " was explained with other " + what + ": " + a
                    + " and " + b);
        }
    }
}
