package io.github.segshap.report;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.MeanAbsContributionFigure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's numbers over all images, computed a range of images at a time from an
 * {@link ExplanationChunks} so that the report never holds every image: the
 * {@link CohortStatistics} of all outputs (and inside and outside the true masks), the groups of the
 * mean |contribution| figure, the {@link InputContributions} of the correlation and of the bins, and
 * the largest additivity residual. The accumulators are fed the images in id order, so every number
 * is the one {@link Explanations#cohort} and {@link InputContributions#withEdges} give over all
 * images at once, to the bit. Immutable.
 *
 * @param images      number of images N
 * @param all         statistics of every output
 * @param inside      inside the true masks, or null without them
 * @param outside     outside the true masks, or null without them
 * @param figure      the mean |contribution| figure's groups on the drawn plane (see
 *                    {@link MeanAbsContributionFigure#groups})
 * @param correlation every output's input statistics, or null unless the players are the input channels
 * @param binGroups   the bins' groups (inside, outside; or all outputs), or empty
 * @param maxResidual the largest absolute additivity residual (NaN when an image has none)
 */
record CohortSummary(int images, CohortStatistics all, CohortStatistics inside, CohortStatistics outside,
                     List<CohortStatistics> figure, InputContributions correlation,
                     List<InputContributions> binGroups, double maxResidual) {
    /** Images read at a time. */
    static final int CHUNK = 32;

    /**
     * Reads {@code chunks} a range at a time (twice when the players are the input channels: the
     * correlation needs the means first).
     *
     * @param chunks   the images
     * @param truth    the true masks by id, or empty to keep the images' own labels
     * @param plane    the output plane drawn
     * @param binEdges inner edges of the input-value bins, or null for no bins
     */
    static CohortSummary of(ExplanationChunks chunks, Map<String, boolean[]> truth, int plane, double[] binEdges) {
        int n = chunks.size();
        LabelledExplanations head = labelled(chunks, truth, 0, Math.min(CHUNK, n), plane);
        Explanations first = head.explanations();
        List<String> names = first.playerNames();
        boolean labels = head.hasTruth();
        CohortStatistics.Accumulator all = new CohortStatistics.Accumulator(names);
        CohortStatistics.Accumulator in = labels ? new CohortStatistics.Accumulator(names) : null;
        CohortStatistics.Accumulator out = labels ? new CohortStatistics.Accumulator(names) : null;
        List<CohortStatistics.Accumulator> figure = new ArrayList<>();
        for (int g = 0; g < (labels ? 2 : 1); g++) {
            figure.add(new CohortStatistics.Accumulator(names));
        }
        boolean channels = head.playersAreChannels();
        InputContributions.Accumulator corr = null;
        List<InputContributions.Accumulator> bins = new ArrayList<>();
        if (channels) {
            corr = InputContributions.Accumulator.withEdges(names, 0);
            if (binEdges != null) {
                for (int g = 0; g < (labels ? 2 : 1); g++) {
                    bins.add(InputContributions.Accumulator.withEdges(names, binEdges));
                }
            }
        }
        double residual = 0;
        for (int pass = 0; pass < (channels ? 2 : 1); pass++) {
            for (int from = 0; from < n; from += CHUNK) {
                LabelledExplanations d = from == 0 ? head : labelled(chunks, truth, from, Math.min(n, from + CHUNK),
                        plane);
                Explanations ex = d.explanations();
                List<List<boolean[]>> groups = MeanAbsContributionFigure.groupMasks(d);
                for (int i = 0; i < ex.size(); i++) {
                    boolean[] t = labels ? d.truth().get(i) : null;
                    if (pass == 0) {
                        all.add(ex.get(i), null, true);
                        if (labels) {
                            in.add(ex.get(i), t, true);
                            out.add(ex.get(i), t, false);
                        }
                        for (int g = 0; g < figure.size(); g++) {
                            figure.get(g).add(ex.get(i), groups.get(g) == null ? null : groups.get(g).get(i), true);
                        }
                    }
                    if (channels) {
                        corr.add(ex.get(i), ex.input(i), null, true);
                        for (int g = 0; g < bins.size(); g++) {
                            bins.get(g).add(ex.get(i), ex.input(i), t, labels ? g == 0 : true);
                        }
                    }
                }
                if (pass == 0 && !Double.isNaN(residual)) {
                    double r = ex.maxAbsResidual();
                    residual = Double.isNaN(r) ? Double.NaN : Math.max(residual, r);
                }
            }
            if (channels && pass == 0) {
                corr.secondPass();
                bins.forEach(InputContributions.Accumulator::secondPass);
            }
        }
        List<CohortStatistics> fig = new ArrayList<>();
        figure.forEach(a -> fig.add(a.result()));
        List<InputContributions> b = new ArrayList<>();
        bins.forEach(a -> b.add(a.result()));
        return new CohortSummary(n, all.result(), labels ? in.result() : null, labels ? out.result() : null,
                List.copyOf(fig), corr == null ? null : corr.result(), List.copyOf(b), residual);
    }

    /** Images {@code from..to} with the true masks {@code truth} (when given), drawing {@code plane}. */
    static LabelledExplanations labelled(ExplanationChunks chunks, Map<String, boolean[]> truth, int from, int to,
                                         int plane) {
        Explanations ex = chunks.read(from, to);
        return LabelledExplanations.of(truth.isEmpty() ? ex : ex.withLabels(truth)).plane(plane);
    }
}
