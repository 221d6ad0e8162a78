package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.players.HierarchyClustering;
import io.github.segshap.core.players.PlayerHierarchy;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Owen values over a player hierarchy, evaluated exactly. For a leaf i whose path from the root
 * passes nodes with children counts n_0, n_1, ..., the value is
 * {@code sum over T_0, T_1, ... of prod_l w(|T_l|, n_l) (v(T ∪ {i}) - v(T))}, where each
 * T_l is a set of the siblings at level l (taken with all their players) and
 * {@code w(t, n) = t!(n-t-1)!/n!}. With a flat tree this is the Shapley value; with groups it
 * respects them (players of a group enter a coalition only after their group does). Repeated
 * coalitions are evaluated once.
 */
public final class PartitionExplainer extends AbstractExplainer {
    /** The most distinct coalitions one explanation may need. */
    public static final int MAX_COALITIONS = 1 << 22;
    private static final long CHUNK_BYTES = 256L << 20;

    private final PlayerHierarchy hierarchy;
    private final List<Coalition> coalitions;
    private final List<int[]> coefficientPlayers;
    private final List<double[]> coefficients;

    private PartitionExplainer(Builder b) {
        super(b);
        int m = b.players.count();
        this.hierarchy = b.hierarchy != null ? b.hierarchy : PlayerHierarchy.flat(m);
        hierarchy.requireCovers(m);
        Map<Coalition, Map<Integer, Double>> plan = new LinkedHashMap<>();
        plan.put(Coalition.empty(m), new LinkedHashMap<>());
        plan.put(Coalition.full(m), new LinkedHashMap<>());
        planNode(hierarchy, Coalition.empty(m), 1.0, m, plan);
        this.coalitions = new ArrayList<>(plan.keySet());
        this.coefficientPlayers = new ArrayList<>();
        this.coefficients = new ArrayList<>();
        for (Map<Integer, Double> c : plan.values()) {
            coefficientPlayers.add(c.keySet().stream().mapToInt(Integer::intValue).toArray());
            coefficients.add(c.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** A builder; model, players and masker are required. */
    public static Builder builder(Model model, Players players, Masker masker) {
        return new Builder(model, players, masker);
    }

    /** The hierarchy the values respect. */
    public PlayerHierarchy hierarchy() {
        return hierarchy;
    }

    /** Number of distinct coalitions one explanation evaluates. */
    public int coalitionCount() {
        return coalitions.size();
    }

    /**
     * Adds to {@code plan} the terms of every leaf below {@code node}, whose outside coalition is
     * {@code outside} with weight {@code weight}.
     */
    private static void planNode(PlayerHierarchy node, Coalition outside, double weight, int m,
                                 Map<Coalition, Map<Integer, Double>> plan) {
        if (node.isLeaf()) {
            int p = node.player();
            add(plan, outside.with(p), p, weight, m);
            add(plan, outside, p, -weight, m);
            return;
        }
        List<PlayerHierarchy> kids = node.children();
        int n = kids.size();
        if (n > 30) {
            throw new IllegalArgumentException("a hierarchy node has " + n + " children: at most 30 are supported, "
                    + "group them into a deeper hierarchy");
        }
        List<Coalition> kidPlayers = new ArrayList<>();
        for (PlayerHierarchy kid : kids) {
            kidPlayers.add(Coalition.ofPlayers(m, kid.players()));
        }
        double[] w = ShapleyWeights.table(n);
        for (int i = 0; i < n; i++) {
            long others = (1L << n) - 1 & ~(1L << i);
            for (long sub = others; ; sub = (sub - 1) & others) {
                Coalition s = outside;
                for (int j = 0; j < n; j++) {
                    if ((sub >>> j & 1L) != 0) {
                        s = s.union(kidPlayers.get(j));
                    }
                }
                planNode(kids.get(i), s, weight * w[Long.bitCount(sub)], m, plan);
                if (sub == 0) {
                    break;
                }
            }
        }
    }

    private static void add(Map<Coalition, Map<Integer, Double>> plan, Coalition c, int player, double w, int m) {
        Map<Integer, Double> coef = plan.computeIfAbsent(c, key -> new LinkedHashMap<>());
        coef.merge(player, w, Double::sum);
        if (plan.size() > MAX_COALITIONS) {
            throw new IllegalArgumentException("the Owen values of this hierarchy need more than " + MAX_COALITIONS
                    + " coalitions for " + m + " players: use a deeper hierarchy (fewer children per node)");
        }
    }

    @Override
    Explanation.Builder estimate(Game game) {
        int m = game.players();
        int k = game.outputs();
        double[][] phi = new double[m][k];
        int chunk = (int) Math.max(1, Math.min(1 << 16, CHUNK_BYTES / (8L * k)));
        double[] base = null;
        double[] fx = null;
        for (int first = 0; first < coalitions.size(); first += chunk) {
            int to = Math.min(coalitions.size(), first + chunk);
            double[][] v = game.values(coalitions.subList(first, to));
            for (int i = first; i < to; i++) {
                double[] vs = v[i - first];
                if (i == 0) {
                    base = vs;
                } else if (i == 1) {
                    fx = vs;
                }
                int[] ps = coefficientPlayers.get(i);
                double[] cs = coefficients.get(i);
                for (int t = 0; t < ps.length; t++) {
                    double c = cs[t];
                    double[] row = phi[ps[t]];
                    for (int j = 0; j < k; j++) {
                        row[j] += c * vs[j];
                    }
                }
            }
        }
        return explanation("partition").baseValues(base).outputs(fx).values(phi).modelEvaluations(game.evaluations);
    }

    /** Builder for {@link PartitionExplainer}; the default hierarchy is flat (Shapley values). */
    public static final class Builder extends ExplainerBuilder<Builder> {
        private PlayerHierarchy hierarchy;

        private Builder(Model model, Players players, Masker masker) {
            super(model, players, masker);
        }

        /** The hierarchy, e.g. {@code PlayerHierarchy.parse("{{0},{1,2,3}}")}. */
        public Builder hierarchy(PlayerHierarchy hierarchy) {
            this.hierarchy = hierarchy;
            return this;
        }

        /** A binary hierarchy clustered on how the players co-vary over {@code images}. */
        public Builder clusterOn(List<Image> images) {
            this.hierarchy = HierarchyClustering.fromImages(players, images);
            return this;
        }

        @Override
        public PartitionExplainer build() {
            return new PartitionExplainer(this);
        }
    }
}
