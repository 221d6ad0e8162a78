package io.github.segshap.zoo.loss;

import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossUtil;

/**
 * Binary focal cross-entropy (Lin et al. 2017) with the semantics of Keras'
 * {@code keras.losses.BinaryFocalCrossentropy} defaults.
 *
 * <p>For a probability {@code p} (the output of the layer's activation, normally sigmoid) and a label
 * {@code y}:
 * <pre>
 *   pc    = clip(p, eps, 1 - eps)                     eps = 1e-7 (Keras' backend epsilon)
 *   bce   = -(y log pc + (1 - y) log(1 - pc))
 *   p_t   = y pc + (1 - y)(1 - pc)
 *   loss  = a_t (1 - p_t)^gamma bce
 *   a_t   = y alpha + (1 - y)(1 - alpha)   if class balancing is on, else 1
 * </pre>
 * Defaults, as Keras: {@code gamma = 2}, {@code apply_class_balancing = false} (so {@code alpha =
 * 0.25} is stored but unused), {@code from_logits = false}, {@code label_smoothing = 0} (not
 * supported here). Keras computes {@code p_t} from the unclipped {@code p}; this class uses the
 * clipped value in both places, which differs by at most 1e-7 and keeps the gradient the exact
 * derivative of the score. Inside the clip range the gradient is exact; outside it is the
 * derivative at the clip bound (a straight-through clip, so saturated units still learn).
 *
 * <p>Reduction: like every DL4J loss, the score of one row of the 2-D label array is the sum over
 * its columns, and {@code computeScore(..., average=true)} divides by the number of rows. With a
 * {@code CnnLossLayer}, rows are pixels and the layer divides the sum over pixels by the
 * mini-batch size, so the training score is Keras' mean loss times H x W. The constant factor does
 * not change Adam's steps (Adam is invariant to gradient scale, up to its epsilon).
 *
 * <p>Masks ({@code [rows, 1]} per example or {@code [rows, columns]} per output) multiply the
 * per-element loss and the gradient. Serialisable by DL4J's JSON configuration (no-arg constructor,
 * plain fields), so networks using it round-trip through {@code ModelSerializer}.
 */
public class FocalLoss extends ScoreArrayLoss {

    private static final long serialVersionUID = 1L;

    /** Keras' default focusing parameter. */
    public static final double DEFAULT_GAMMA = 2.0;
    /** Keras' default alpha (used only with class balancing). */
    public static final double DEFAULT_ALPHA = 0.25;
    /** Keras' backend epsilon used to clip probabilities. */
    public static final double DEFAULT_CLIP_EPS = 1e-7;

    private double gamma;
    private double alpha;
    private boolean applyClassBalancing;
    private double clipEps;

    /** Keras' defaults: gamma 2, no class balancing (alpha 0.25 unused). */
    public FocalLoss() {
        this(DEFAULT_GAMMA, DEFAULT_ALPHA, false);
    }

    /**
     * A focal loss with explicit parameters.
     *
     * @param gamma focusing parameter, &gt;= 0 (0 gives plain binary cross-entropy)
     * @param alpha weight of the positive class in (0, 1), used only if {@code applyClassBalancing}
     * @param applyClassBalancing whether to weight by {@code alpha} / {@code 1 - alpha}
     * @throws IllegalArgumentException if gamma &lt; 0 or alpha is outside [0, 1]
     */
    public FocalLoss(double gamma, double alpha, boolean applyClassBalancing) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.gamma = gamma;
        this.alpha = alpha;
        this.applyClassBalancing = applyClassBalancing;
        this.clipEps = DEFAULT_CLIP_EPS;
    }

    /** @return the focusing parameter */
    public double getGamma() {
        return gamma;
    }

    /** @return alpha (only used with class balancing) */
    public double getAlpha() {
        return alpha;
    }

    /** @return whether class balancing by alpha is applied */
    public boolean isApplyClassBalancing() {
        return applyClassBalancing;
    }

    /** @return the probability clip epsilon */
    public double getClipEps() {
        return clipEps;
    }

    /**
     * Element-wise loss and, optionally, its derivative with respect to the probability.
     *
     * @param y labels, not modified
     * @param p probabilities, not modified
     * @param dLdp output for dL/dp, or null; modified
     * @return per-element losses
     */
    private double[] elementLoss(double[] y, double[] p, double[] dLdp) {
        double[] loss = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double yi = y[i];
            double pc = Math.min(Math.max(p[i], clipEps), 1 - clipEps);
            double bce = -(yi * Math.log(pc) + (1 - yi) * Math.log(1 - pc));
            double pt = yi * pc + (1 - yi) * (1 - pc);
            double q = 1 - pt;
            double w = Math.pow(q, gamma);
            double at = applyClassBalancing ? yi * alpha + (1 - yi) * (1 - alpha) : 1.0;
            loss[i] = at * w * bce;
            if (dLdp != null) {
                double dbce = -yi / pc + (1 - yi) / (1 - pc);
                double dw = gamma == 0 ? 0 : -gamma * Math.pow(q, gamma - 1) * (2 * yi - 1);
                dLdp[i] = at * (dw * bce + w * dbce);
            }
        }
        return loss;
    }

    private static void checkShapes(INDArray labels, INDArray preOutput) {
        if (!java.util.Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("labels have shape " + java.util.Arrays.toString(labels.shape())
                    + " but the pre-output has shape " + java.util.Arrays.toString(preOutput.shape()));
        }
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        double[] loss = elementLoss(flat(labels), flat(out), null);
        INDArray scoreArr = Nd4j.create(loss, preOutput.shape(), 'c').castTo(preOutput.dataType());
        if (mask != null) {
            LossUtil.applyMask(scoreArr, mask);
        }
        return scoreArr.sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        double[] p = flat(out);
        double[] dLdp = new double[p.length];
        elementLoss(flat(labels), p, dLdp);
        DataType dt = preOutput.dataType();
        INDArray eps = Nd4j.create(dLdp, preOutput.shape(), 'c').castTo(dt);
        INDArray grad = activationFn.backprop(preOutput.dup(), eps).getFirst();
        if (mask != null) {
            LossUtil.applyMask(grad, mask);
        }
        return grad;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FocalLoss(gamma=%s, alpha=%s, applyClassBalancing=%s)",
                gamma, alpha, applyClassBalancing);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FocalLoss)) return false;
        FocalLoss f = (FocalLoss) o;
        return f.gamma == gamma && f.alpha == alpha && f.applyClassBalancing == applyClassBalancing
                && f.clipEps == clipEps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gamma, alpha, applyClassBalancing, clipEps);
    }
}
