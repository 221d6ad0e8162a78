package io.github.segshap.salt.explain;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explanations/summary.json}: which samples the folder holds with the current recipe and,
 * per channel, the statistics over all of them - every number from the core result type
 * ({@link Explanations#cohort} inside and outside the true salt, {@link InputContributions} for
 * the correlation of input and contribution). Written in snake_case ({@code mean_abs_salt}).
 *
 * @param ids              the explained sample ids
 * @param samples          how many
 * @param saltPixels       pixels inside the true salt, over all samples
 * @param otherPixels      pixels outside
 * @param maxAbsResidual   the largest additivity residual
 * @param modelFingerprint the fingerprint of the model file that made them ("" when none)
 * @param channels         per channel (player), in player order
 */
public record CohortSummary(List<String> ids, int samples, long saltPixels, long otherPixels, double maxAbsResidual,
                            String modelFingerprint, List<Channel> channels) {

    /** Copies the lists. */
    public CohortSummary {
        ids = List.copyOf(ids);
        channels = List.copyOf(channels);
    }

    /**
     * One channel's statistics (NaN where undefined, e.g. no salt pixels).
     *
     * @param name                         channel (player) name
     * @param meanAbs                      mean |contribution| over every pixel
     * @param meanAbsSalt                  mean |contribution| inside the true salt
     * @param meanAbsNotSalt               mean |contribution| outside
     * @param meanSalt                     mean contribution inside the true salt
     * @param meanNotSalt                  mean contribution outside
     * @param correlationInputContribution correlation of input value and contribution over every pixel
     * @param bins                         mean contribution by input value ({@link #BIN_EDGES})
     */
    public record Channel(String name, double meanAbs, double meanAbsSalt, double meanAbsNotSalt, double meanSalt,
                          double meanNotSalt, double correlationInputContribution, List<Bin> bins) {
        /** Copies the bins. */
        public Channel {
            bins = bins == null ? List.of() : List.copyOf(bins);
        }
    }

    /**
     * One input-value bin of a channel (NaN where it holds no pixels of that kind).
     *
     * @param lower                   lower edge, null for the first (open) bin
     * @param upper                   upper edge, null for the last (open) bin
     * @param meanContributionSalt    mean contribution of the salt pixels in the bin
     * @param meanContributionNotSalt mean contribution of the other pixels
     */
    public record Bin(Double lower, Double upper, double meanContributionSalt, double meanContributionNotSalt) {
    }

    /** Inner edges of the input-value bins (standardised inputs): -3 to 3 in steps of 0.5. */
    public static final double[] BIN_EDGES = {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3};

    /** The summary of no samples. */
    public static CohortSummary empty() {
        return new CohortSummary(List.of(), 0, 0, 0, Double.NaN, "", List.of());
    }

    /** The summary of these samples (their explanations keep the inputs and carry the true masks). */
    public static CohortSummary of(Explanations ex) {
        if (!ex.hasLabels()) {
            throw new IllegalArgumentException("the samples' true masks are missing: " + ex);
        }
        List<boolean[]> masks = ex.labels();
        CohortStatistics all = ex.cohort(null, true);
        CohortStatistics salt = ex.cohort(masks, true);
        CohortStatistics other = ex.cohort(masks, false);
        InputContributions corr = InputContributions.withEdges(ex, null, true, 0);
        InputContributions inSalt = InputContributions.withEdges(ex, masks, true, BIN_EDGES);
        InputContributions outside = InputContributions.withEdges(ex, masks, false, BIN_EDGES);
        List<Channel> channels = new ArrayList<>();
        for (int p = 0; p < ex.players(); p++) {
            List<Bin> bins = new ArrayList<>();
            List<InputContributions.Bin> a = inSalt.bins(p);
            List<InputContributions.Bin> b = outside.bins(p);
            for (int k = 0; k < a.size(); k++) {
                InputContributions.Bin x = a.get(k);
                bins.add(new Bin(Double.isInfinite(x.lower()) ? null : x.lower(),
                        Double.isInfinite(x.upper()) ? null : x.upper(), mean(x), mean(b.get(k))));
            }
            channels.add(new Channel(ex.playerNames().get(p), all.meanAbs()[p], salt.meanAbs()[p],
                    other.meanAbs()[p], salt.mean()[p], other.mean()[p], corr.correlation(p), bins));
        }
        String model = ex.provenance().map(pr -> pr.modelFingerprint()).orElse("");
        return new CohortSummary(ex.ids(), ex.size(), salt.outputs(), other.outputs(), ex.maxAbsResidual(), model,
                channels);
    }

    private static double mean(InputContributions.Bin b) {
        return b.count() == 0 ? Double.NaN : b.meanContribution();
    }

    /** One channel by name. */
    public Channel channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel '" + name + "' in " + channels));
    }
}
