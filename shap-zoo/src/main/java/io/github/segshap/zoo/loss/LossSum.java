package io.github.segshap.zoo.loss;

import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A weighted sum of two losses, {@code a L1 + b L2}, for the same output: scores, score arrays and
 * gradients are the weighted sums of the parts'. {@code salt train --loss focal+lovasz} uses
 * {@code FocalLoss + (H x W) LovaszLoss}: the focal loss is summed over the pixels of an image, the
 * Lovász loss is one number per image, so the weight {@code H x W} makes it the Keras-style
 * {@code mean focal + Lovász} up to a constant factor. Serialisable by DL4J's JSON configuration.
 */
public class LossSum extends ScoreArrayLoss {

    private static final long serialVersionUID = 1L;

    private ILossFunction first;
    private double firstWeight;
    private ILossFunction second;
    private double secondWeight;

    /** For DL4J's JSON configuration only. */
    public LossSum() {
    }

    /**
     * @throws IllegalArgumentException when a weight is negative or not finite
     */
    public LossSum(ILossFunction first, double firstWeight, ILossFunction second, double secondWeight) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        this.firstWeight = weight(firstWeight);
        this.secondWeight = weight(secondWeight);
    }

    private static double weight(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("a loss weight must be finite and >= 0, got " + w);
        }
        return w;
    }

    /** @return the first loss */
    public ILossFunction getFirst() {
        return first;
    }

    /** @return the first loss's weight */
    public double getFirstWeight() {
        return firstWeight;
    }

    /** @return the second loss */
    public ILossFunction getSecond() {
        return second;
    }

    /** @return the second loss's weight */
    public double getSecondWeight() {
        return secondWeight;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray a = first.computeScoreArray(labels, preOutput, activationFn, mask).muli(firstWeight);
        return a.addi(second.computeScoreArray(labels, preOutput, activationFn, mask).muli(secondWeight));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray a = first.computeGradient(labels, preOutput, activationFn, mask).muli(firstWeight);
        return a.addi(second.computeGradient(labels, preOutput, activationFn, mask).muli(secondWeight));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s x %s + %s x %s", firstWeight, first, secondWeight, second);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossSum s && Objects.equals(s.first, first) && Objects.equals(s.second, second)
                && s.firstWeight == firstWeight && s.secondWeight == secondWeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(first, firstWeight, second, secondWeight);
    }
}
