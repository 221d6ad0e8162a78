package io.github.segshap.core.explanation;

import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.model.OutputShape;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The explanation of one image: for every output k (e.g. every pixel of the predicted mask), the
 * base value, one value per player and the model output, such that
 * {@code baseValue(k) + sum_p value(p, k) = output(k)}. Immutable; views such as one player's map
 * or the additivity residual are derived on request.
 */
public final class Explanation {
    private final List<String> playerNames;
    private final OutputShape outputShape;
    private final double[] baseValues;
    private final double[][] values;
    private final double[] outputs;
    private final double[][] standardErrors;
    private final long modelEvaluations;
    private final String explainer;
    private final InteractionMaps interactions;

    private Explanation(Builder b) {
        this.playerNames = List.copyOf(b.playerNames);
        this.outputShape = b.outputShape;
        int k = outputShape.size();
        this.baseValues = checked(b.baseValues, k, "base values");
        this.outputs = checked(b.outputs, k, "outputs");
        if (b.values.length != playerNames.size()) {
            throw new IllegalArgumentException(b.values.length + " value rows for " + playerNames.size() + " players");
        }
        this.values = new double[b.values.length][];
        for (int p = 0; p < values.length; p++) {
            values[p] = checked(b.values[p], k, "values of player " + p);
        }
        if (b.standardErrors != null) {
            this.standardErrors = new double[values.length][];
            for (int p = 0; p < values.length; p++) {
                standardErrors[p] = checked(b.standardErrors[p], k, "standard errors of player " + p);
            }
        } else {
            this.standardErrors = null;
        }
        this.modelEvaluations = b.modelEvaluations;
        this.explainer = b.explainer;
        if (b.interactions != null && (!b.interactions.playerNames().equals(playerNames)
                || !b.interactions.outputShape().equals(outputShape))) {
            throw new IllegalArgumentException("interaction maps of players " + b.interactions.playerNames()
                    + " and outputs " + b.interactions.outputShape() + " do not fit an explanation of players "
                    + playerNames + " and outputs " + outputShape);
        }
        this.interactions = b.interactions;
    }

    private static double[] checked(double[] a, int k, String what) {
        if (a == null || a.length != k) {
            throw new IllegalArgumentException(what + " need " + k + " entries, got " + (a == null ? "none" : a.length));
        }
        return a.clone();
    }

    /** A builder (used by explainers and readers). */
    public static Builder builder(List<String> playerNames, OutputShape outputShape) {
        return new Builder(playerNames, outputShape);
    }

    /** The player names, in player order. */
    public List<String> playerNames() {
        return playerNames;
    }

    /** Number of players M. */
    public int players() {
        return playerNames.size();
    }

    /** The shape of the explained output. */
    public OutputShape outputShape() {
        return outputShape;
    }

    /** The base value (expected output) at flat output index k. */
    public double baseValue(int k) {
        return baseValues[k];
    }

    /** All base values (a copy). */
    public double[] baseValues() {
        return baseValues.clone();
    }

    /** The value of player p at output k. */
    public double value(int p, int k) {
        return values[p][k];
    }

    /** All values of player p, one per output (a copy). */
    public double[] values(int p) {
        return values[p].clone();
    }

    /** The model output f(x) at output k (the value of the grand coalition). */
    public double output(int k) {
        return outputs[k];
    }

    /** All model outputs (a copy). */
    public double[] outputs() {
        return outputs.clone();
    }

    /** The standard error of each value, for sampling explainers; empty for exact ones. */
    public Optional<double[][]> standardErrors() {
        if (standardErrors == null) {
            return Optional.empty();
        }
        double[][] copy = new double[standardErrors.length][];
        for (int p = 0; p < copy.length; p++) {
            copy[p] = standardErrors[p].clone();
        }
        return Optional.of(copy);
    }

    /**
     * The pairwise interaction maps, when the explainer was asked for them (e.g.
     * {@code ExactExplainer.Builder.interactions(true)}); empty otherwise.
     */
    public Optional<InteractionMaps> interactions() {
        return Optional.ofNullable(interactions);
    }

    /** Masked images the model predicted for this explanation (shared base values not counted). */
    public long modelEvaluations() {
        return modelEvaluations;
    }

    /** The explainer that made this explanation, e.g. "exact". */
    public String explainer() {
        return explainer;
    }

    /** Player p's values as a {@code height x width} map of output plane {@code plane} (e.g. class). */
    public double[][] map(int p, int plane) {
        return toMap(values[p], plane);
    }

    /** Player p's values as a map of the first output plane. */
    public double[][] map(int p) {
        return map(p, 0);
    }

    /** The base values as a map of output plane {@code plane}. */
    public double[][] baseValueMap(int plane) {
        return toMap(baseValues, plane);
    }

    /** The model outputs as a map of output plane {@code plane}. */
    public double[][] outputMap(int plane) {
        return toMap(outputs, plane);
    }

    private double[][] toMap(double[] flat, int plane) {
        int h = outputShape.height();
        int w = outputShape.width();
        if (plane < 0 || plane >= outputShape.planes()) {
            throw new IllegalArgumentException("output plane " + plane + " does not exist; the output shape "
                    + outputShape + " has " + outputShape.planes() + " planes");
        }
        double[][] map = new double[h][w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(flat, (plane * h + r) * w, map[r], 0, w);
        }
        return map;
    }

    /** {@code output(k) - baseValue(k) - sum_p value(p, k)} for every output. */
    public double[] additivityResidual() {
        double[] res = new double[outputs.length];
        for (int k = 0; k < res.length; k++) {
            double s = baseValues[k];
            for (double[] v : values) {
                s += v[k];
            }
            res[k] = outputs[k] - s;
        }
        return res;
    }

    /** The largest absolute additivity residual. */
    public double maxAbsResidual() {
        double max = 0;
        for (double r : additivityResidual()) {
            max = Math.max(max, Math.abs(r));
        }
        return max;
    }

    /**
     * Checks that the values add up: {@code |residual| <= tolerance} at every output.
     *
     * @return this explanation
     * @throws AdditivityException naming the worst output, its residual and the tolerance
     */
    public Explanation checkAdditivity(double tolerance) {
        double[] res = additivityResidual();
        int worst = 0;
        for (int k = 1; k < res.length; k++) {
            if (Math.abs(res[k]) > Math.abs(res[worst]) || Double.isNaN(res[k])) {
                worst = k;
            }
        }
        if (!(Math.abs(res[worst]) <= tolerance)) {
            throw new AdditivityException(worst, Arrays.toString(outputShape.position(worst)), res[worst], tolerance);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Explanation[" + explainer + ", players " + playerNames + ", outputs " + outputShape
                + ", max |residual| " + maxAbsResidual() + "]";
    }

    /** Builder for {@link Explanation}; arrays are copied on {@link #build()}. */
    public static final class Builder {
        private final List<String> playerNames;
        private final OutputShape outputShape;
        private double[] baseValues;
        private double[][] values;
        private double[] outputs;
        private double[][] standardErrors;
        private long modelEvaluations;
        private String explainer = "unknown";
        private InteractionMaps interactions;

        private Builder(List<String> playerNames, OutputShape outputShape) {
            this.playerNames = playerNames;
            this.outputShape = outputShape;
        }

        /** Base value per output. */
        public Builder baseValues(double[] baseValues) {
            this.baseValues = baseValues;
            return this;
        }

        /** {@code values[p][k]}. */
        public Builder values(double[][] values) {
            this.values = values;
            return this;
        }

        /** Model output per output index. */
        public Builder outputs(double[] outputs) {
            this.outputs = outputs;
            return this;
        }

        /** {@code standardErrors[p][k]}, or null for exact methods. */
        public Builder standardErrors(double[][] standardErrors) {
            this.standardErrors = standardErrors;
            return this;
        }

        /** Masked images predicted. */
        public Builder modelEvaluations(long modelEvaluations) {
            this.modelEvaluations = modelEvaluations;
            return this;
        }

        /** The explainer's name. */
        public Builder explainer(String explainer) {
            this.explainer = explainer;
            return this;
        }

        /** The interaction maps (immutable, so shared, not copied), or null for none. */
        public Builder interactions(InteractionMaps interactions) {
            this.interactions = interactions;
            return this;
        }

        /** The explanation. */
        public Explanation build() {
            return new Explanation(this);
        }
    }
}
