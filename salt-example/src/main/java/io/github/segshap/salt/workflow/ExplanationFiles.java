package io.github.segshap.salt.workflow;

import io.github.segshap.salt.io.JsonFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the report reads of the files the explanation stage leaves in {@code explanations/}
 * ({@code selection.json} and {@code summary.json}, written by
 * {@link io.github.segshap.salt.explain.ExplanationStage}), bound to records.
 */
final class ExplanationFiles {
    private ExplanationFiles() {
    }

    /** {@code selection.json}, if the explanation stage ran. */
    static Optional<Selection> selection(Path explanations) {
        return JsonFiles.readIfPresent(explanations.resolve("selection.json"), Selection.class);
    }

    /** {@code summary.json}, if the explanation stage finished. */
    static Optional<Summary> summary(Path explanations) {
        return JsonFiles.readIfPresent(explanations.resolve("summary.json"), Summary.class);
    }

    /**
     * {@code selection.json}: the latest selection.
     *
     * @param selection the {@code --samples} text
     * @param key       the explanation key (model and explainer settings)
     * @param ids       the selected test ids, in order
     */
    record Selection(String selection, String key, List<String> ids) {
        /** The ids, never null. */
        List<String> idsOrEmpty() {
            return ids == null ? List.of() : ids;
        }
    }

    /**
     * {@code summary.json}: statistics over every explained sample (see
     * {@link io.github.segshap.salt.explain.ExplanationSummary}).
     *
     * @param ids           the explained ids
     * @param samples       how many
     * @param saltPixels    pixels inside the true salt
     * @param otherPixels   pixels outside
     * @param meanBaseValue mean base value
     * @param meanPrediction mean prediction
     * @param maxAbsResidual largest additivity residual
     * @param channels      per channel
     */
    record Summary(List<String> ids, int samples, long saltPixels, long otherPixels, double meanBaseValue,
                   double meanPrediction, double maxAbsResidual, List<Channel> channels) {
        /** The ids, never null. */
        List<String> idsOrEmpty() {
            return ids == null ? List.of() : ids;
        }

        /** The channels, never null. */
        List<Channel> channelsOrEmpty() {
            return channels == null ? List.of() : channels;
        }
    }

    /**
     * One channel's statistics (NaN where undefined).
     *
     * @param name                          channel name
     * @param meanAbs                       mean |contribution|
     * @param meanAbsSalt                   mean |contribution| inside the salt
     * @param meanAbsNotSalt                mean |contribution| outside
     * @param meanSalt                      mean contribution inside the salt
     * @param meanNotSalt                   mean contribution outside
     * @param correlationInputContribution  correlation of input value and contribution
     * @param bins                          contribution by input value
     */
    record Channel(String name, Double meanAbs, Double meanAbsSalt, Double meanAbsNotSalt, Double meanSalt,
                   Double meanNotSalt, Double correlationInputContribution, List<Bin> bins) {
        /** The bins, never null. */
        List<Bin> binsOrEmpty() {
            return bins == null ? List.of() : bins;
        }
    }

    /**
     * One input-value bin (null edges are open, null means no pixels).
     *
     * @param lower                   lower edge, null for the first bin
     * @param upper                   upper edge, null for the last bin
     * @param meanContributionSalt    mean contribution of the salt pixels
     * @param meanContributionNotSalt mean contribution of the other pixels
     */
    record Bin(Double lower, Double upper, Double meanContributionSalt, Double meanContributionNotSalt) {
    }
}
