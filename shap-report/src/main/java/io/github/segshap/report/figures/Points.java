package io.github.segshap.report.figures;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.report.chart.PointSample;
import java.util.ArrayList;
import java.util.List;

/** Feeds the (input, contribution) points of the drawn plane to point samples. */
final class Points {
    private Points() {
    }

    static void requireChannels(LabelledExplanations data, String what) {
        if (!data.playersAreChannels()) {
            Explanations ex = data.explanations();
            throw new IllegalArgumentException(what + " needs one player per input channel and the inputs kept; "
                    + "these explanations have players " + ex.playerNames() + ", images " + ex.imageShape()
                    + (ex.hasInputs() ? "" : " (inputs not kept)") + " and outputs " + ex.outputShape());
        }
    }

    /**
     * Adds every output of the drawn plane to {@code samples.get(group).get(player)}, the group being
     * 1 where {@code masks} is set and 0 elsewhere (always 0 without masks).
     */
    static void collect(LabelledExplanations data, List<boolean[]> masks, List<List<PointSample>> samples) {
        Explanations ex = data.explanations();
        OutputShape os = ex.outputShape();
        int hw = os.height() * os.width();
        int from = data.plane() * hw;
        int m = ex.players();
        for (int i = 0; i < ex.size(); i++) {
            Explanation e = ex.get(i);
            Image x = ex.input(i);
            boolean[] mask = masks == null ? null : masks.get(i);
            for (int px = 0; px < hw; px++) {
                int o = from + px;
                int g = mask != null && mask[o] ? 1 : 0;
                for (int p = 0; p < m; p++) {
                    samples.get(g).get(p).add(x.valueAt(p * hw + px), e.value(p, o));
                }
            }
        }
    }

    /**
     * The masks of the cohort statistics that go with the points, one list per group, each to be
     * taken "inside": without {@code split} one group, the drawn plane (null, every output, for a
     * one-plane output); with it two, the plane's outputs outside {@code split} and those inside.
     */
    static List<List<boolean[]>> groupMasks(LabelledExplanations data, List<boolean[]> split) {
        List<boolean[]> plane = data.planeMasks();
        if (split == null) {
            return java.util.Collections.singletonList(plane);
        }
        List<List<boolean[]>> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            List<boolean[]> masks = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                boolean[] s = split.get(i);
                boolean[] pl = plane == null ? null : plane.get(i);
                boolean[] m = new boolean[s.length];
                for (int o = 0; o < m.length; o++) {
                    m[o] = (pl == null || pl[o]) && s[o] == (g == 1);
                }
                masks.add(m);
            }
            groups.add(masks);
        }
        return groups;
    }
}
