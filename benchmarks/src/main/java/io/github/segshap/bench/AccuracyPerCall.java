package io.github.segshap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.segshap.core.explainers.Explainer;
import io.github.segshap.core.explainers.KernelExplainer;
import io.github.segshap.core.explainers.KernelSampling;
import io.github.segshap.core.explainers.PermutationExplainer;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.oracle.OracleProblem;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy per model call at M = 16 players: the RMS and largest error against exact Shapley values
 * as the number of model evaluations grows, for Kernel with paired sampling (the default), Kernel
 * with Leverage SHAP's sampling (equal rows per coalition size, paired), Kernel without pairing,
 * and Permutation, on the reference problems {@code tiny_cnn_16} and
 * {@code pixel_mlp_16} of {@code shap-oracle} (12 x 12 x 4 images, K = 144 outputs, 20 background
 * rows, channel x quadrant players). shap's Kernel error recorded there (2000 samples, i.e. about
 * 2000 x 20 = 40 000 model evaluations, {@code l1_reg=False}) is the bar. Not a timing: a plain
 * computation; errors are pooled over the files' 2 cases and {@value #SEEDS} seeds (RMS over all
 * players x outputs). Kernel budgets: {@link #BUDGETS} coalitions; Permutation gets
 * {@code budget / (2 (M - 1))} pairs, about the same number of model evaluations.
 *
 * <p>The reference folder is {@code -Dsegshap.reference} (default {@code ../shared/reference},
 * relative to the repository root). The problems are rebuilt from their JSON files by
 * {@link OracleProblem}, the class shap-core's oracle tests use (from shap-core's test-jar).
 */
public final class AccuracyPerCall {
    /** Seeds per configuration. */
    public static final int SEEDS = 1;
    /** Kernel budgets in coalitions (including the empty and the grand one); 2002 = shap's 2000 samples. */
    static final int[] BUDGETS = {258, 1026, 2002};
    /** The problems. */
    static final String[] PROBLEMS = {"tiny_cnn_16", "pixel_mlp_16"};

    private AccuracyPerCall() {
    }

    /** One line of the table. */
    public record Row(String problem, String method, String setting, double evaluations, double rms, double max,
                      double shapRms) {
    }

    /** Prints the table (markdown); argument {@code --quick}: budgets 258 and 2002, one seed. */
    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        System.out.println(table(quick ? run(new int[] {258, 2002}, 1) : run(BUDGETS, SEEDS)));
    }

    /** The rows for these Kernel budgets (Permutation pairs of about the same cost) and seeds. */
    public static List<Row> run(int[] budgets, int seeds) {
        List<Row> out = new ArrayList<>();
        for (String name : PROBLEMS) {
            Problem p = new Problem(OracleProblem.named(name + ".json"));
            double shapRms = 0;
            for (JsonNode c : p.cases) {
                for (JsonNode s : c.get("shap_kernel")) {
                    if (s.get("l1_reg").isBoolean() && !s.get("l1_reg").asBoolean()) {
                        shapRms += s.get("rms_error").asDouble() / p.cases.size();
                    }
                }
            }
            for (int budget : budgets) {
                int pairs = Math.max(1, (int) Math.round(budget / (2.0 * (p.players.count() - 1))));
                out.add(p.measure(seeds, name, "Kernel, paired", budget + " coalitions", shapRms,
                        seed -> KernelExplainer.builder(p.model, p.players, p.masker).budget(budget).seed(seed)
                                .threads(1).build()));
                out.add(p.measure(seeds, name, "Kernel, leverage", budget + " coalitions", shapRms,
                        seed -> KernelExplainer.builder(p.model, p.players, p.masker).budget(budget)
                                .sampling(KernelSampling.LEVERAGE).seed(seed).threads(1).build()));
                out.add(p.measure(seeds, name, "Kernel, unpaired", budget + " coalitions", shapRms,
                        seed -> KernelExplainer.builder(p.model, p.players, p.masker).budget(budget).paired(false)
                                .seed(seed).threads(1).build()));
                out.add(p.measure(seeds, name, "Permutation", pairs + " pairs", shapRms,
                        seed -> PermutationExplainer.builder(p.model, p.players, p.masker).permutations(pairs)
                                .seed(seed).threads(1).build()));
            }
        }
        return out;
    }

    /** The rows as a markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| problem | explainer | setting | model evaluations | RMS error | "
                + "max error | RMS / shap's RMS at 2000 samples |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %s | %s | %.0f | %.2e | %.2e | %.2f |%n", r.problem, r.method, r.setting,
                    r.evaluations, r.rms, r.max, r.rms / r.shapRms));
        }
        return md.toString();
    }

    private interface Factory {
        Explainer make(long seed);
    }

    /** One oracle problem with its masker, case images and exact Shapley values. */
    private static final class Problem {
        final Model model;
        final Players players;
        final List<JsonNode> cases;
        final BackgroundMasker masker;
        final List<Image> images = new ArrayList<>();
        final List<double[][]> exact = new ArrayList<>();

        Problem(OracleProblem oracle) {
            model = oracle.model;
            players = oracle.players;
            cases = oracle.cases;
            masker = BackgroundMasker.of(oracle.background);
            for (JsonNode c : cases) {
                images.add(OracleProblem.image(c.get("image"), oracle.shape));
                exact.add(OracleProblem.matrix(c.get("exact_shapley")));
            }
        }

        Row measure(int seeds, String name, String method, String setting, double shapRms, Factory factory) {
            double sq = 0;
            double max = 0;
            long n = 0;
            double evaluations = 0;
            for (int seed = 0; seed < seeds; seed++) {
                Explainer explainer = factory.make(1000 + seed);
                for (int c = 0; c < images.size(); c++) {
                    Explanation e = explainer.explain(images.get(c));
                    if (c == 0) {
                        evaluations += e.modelEvaluations() / (double) seeds; // counts the base value once
                    }
                    double[][] want = exact.get(c);
                    for (int p = 0; p < want.length; p++) {
                        for (int k = 0; k < want[p].length; k++) {
                            double d = e.value(p, k) - want[p][k];
                            sq += d * d;
                            max = Math.max(max, Math.abs(d));
                            n++;
                        }
                    }
                }
            }
            return new Row(name, method, setting, evaluations, Math.sqrt(sq / n), max, shapRms);
        }
    }
}
