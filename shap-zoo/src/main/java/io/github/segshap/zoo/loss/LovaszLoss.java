package io.github.segshap.zoo.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Lovász-softmax loss (Berman, Rannen Triki and Blaschko, CVPR 2018) for binary masks: a convex
 * surrogate of {@code 1 - IoU} computed per image, the quantity the Kaggle TGS metric thresholds.
 *
 * <p>For one image with probabilities {@code p} (the activation's output, normally sigmoid) and
 * labels {@code y}, each class {@code c} - salt ({@code p}, {@code y}) and background
 * ({@code 1 - p}, {@code 1 - y}) - present in the labels contributes
 * <pre>
 *   e_i  = |y_i - p_i|                 the same errors for both classes
 *   pi   = order of the e_i, largest first (compared at float precision)
 *   J(k) = 1 - |fg \ top k| / |fg + top k|    (fg: the class's pixels; top k: pi_1..pi_k)
 *   L_c  = sum_k e_pi_k (J(k) - J(k - 1))      the Lovász extension of the Jaccard loss
 * </pre>
 * and the image's loss is the mean of {@code L_c} over the present classes (an image without salt
 * is scored on the background alone, so stray salt pixels there cost in proportion to their
 * probability). For hard 0/1 predictions {@code L_salt = 1 - IoU} exactly. The gradient is the
 * (sub)gradient of this piecewise-linear function: {@code dL/dp_i = mean_c (J(k_i) - J(k_i - 1))
 * sign(p_i - y_i)}.
 *
 * <p>Layout: a {@code CnnLossLayer} hands the loss a {@code [N x H x W, 1]} array, image after image,
 * so the loss must know the pixels per image ({@link #LovaszLoss(int)}; the U-Net's padded
 * {@code H x W}). The score of each image is spread evenly over its pixel rows, so the sum over rows
 * is the sum over images; like every DL4J loss the layer divides that sum by the mini-batch size.
 * Masks are not supported. Serialisable by DL4J's JSON configuration (no-arg constructor, plain
 * fields).
 */
public class LovaszLoss extends ScoreArrayLoss {

    private static final long serialVersionUID = 1L;

    private int imagePixels;

    /** For DL4J's JSON configuration only. */
    public LovaszLoss() {
        this(1);
    }

    /**
     * @param imagePixels pixels per image (the network's output height x width)
     * @throws IllegalArgumentException when not positive
     */
    public LovaszLoss(int imagePixels) {
        if (imagePixels < 1) {
            throw new IllegalArgumentException("pixels per image must be positive, got " + imagePixels);
        }
        this.imagePixels = imagePixels;
    }

    /** @return pixels per image */
    public int getImagePixels() {
        return imagePixels;
    }

    /**
     * The loss of one image and, when {@code dLdp} is given, its gradient with respect to the
     * probabilities.
     *
     * @param y    labels 0/1 (values above 0.5 count as salt), not modified
     * @param p    probabilities, not modified
     * @param from first pixel of the image in {@code y} and {@code p}
     * @param dLdp output for dL/dp at {@code from..from + imagePixels}, or null
     */
    double imageLoss(double[] y, double[] p, int from, double[] dLdp) {
        int n = imagePixels;
        double[] e = new double[n];
        // sort by error, largest first: keys = float bits of the error (monotone for e >= 0) above the
        // complement of the index, sorted ascending and read backwards (ties: lower index first)
        long[] keys = new long[n];
        int salt = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.abs(y[from + i] - p[from + i]);
            keys[i] = ((long) Float.floatToIntBits((float) e[i]) << 32) | (0xFFFFFFFFL & ~i);
            if (y[from + i] > 0.5) {
                salt++;
            }
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = ~(int) keys[n - 1 - k];
        }
        int classes = (salt > 0 ? 1 : 0) + (salt < n ? 1 : 0);
        double loss = 0;
        for (int c = 0; c < 2; c++) {
            boolean saltClass = c == 0;
            int fg = saltClass ? salt : n - salt;
            if (fg == 0) {
                continue;
            }
            int fgSoFar = 0;
            double previous = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                boolean inClass = (y[from + i] > 0.5) == saltClass;
                if (inClass) {
                    fgSoFar++;
                }
                // |fg \ top k| = fg - fgSoFar, |fg + top k| = fg + (k + 1 - fgSoFar)
                double jaccard = 1 - (double) (fg - fgSoFar) / (fg + (k + 1 - fgSoFar));
                double weight = (jaccard - previous) / classes;
                previous = jaccard;
                loss += e[i] * weight;
                if (dLdp != null) {
                    dLdp[from + i] += weight * Math.signum(p[from + i] - y[from + i]);
                }
            }
        }
        return loss;
    }

    private int images(INDArray labels, INDArray preOutput) {
        if (!Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("labels have shape " + Arrays.toString(labels.shape())
                    + " but the pre-output has shape " + Arrays.toString(preOutput.shape()));
        }
        if (labels.length() % imagePixels != 0) {
            throw new IllegalArgumentException(labels.length() + " label values are not whole images of "
                    + imagePixels + " pixels");
        }
        return Math.toIntExact(labels.length() / imagePixels);
    }

    private static void noMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException("the Lovász loss takes no label mask");
        }
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** Labels and probabilities of a mini-batch, flat, and its number of images. */
    private record Batch(double[] y, double[] p, int images) {
    }

    private Batch batch(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        noMask(mask);
        int images = images(labels, preOutput);
        return new Batch(flat(labels), flat(activationFn.getActivation(preOutput.dup(), true)), images);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Batch b = batch(labels, preOutput, activationFn, mask);
        double[] rows = new double[b.y().length];
        for (int m = 0; m < b.images(); m++) {
            Arrays.fill(rows, m * imagePixels, (m + 1) * imagePixels, imageLoss(b.y(), b.p(), m * imagePixels, null)
                    / imagePixels);
        }
        return Nd4j.create(rows, new long[] {labels.size(0), labels.length() / labels.size(0)}, 'c')
                .castTo(preOutput.dataType()).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Batch b = batch(labels, preOutput, activationFn, mask);
        double[] dLdp = new double[b.p().length];
        for (int m = 0; m < b.images(); m++) {
            imageLoss(b.y(), b.p(), m * imagePixels, dLdp);
        }
        INDArray eps = Nd4j.create(dLdp, preOutput.shape(), 'c').castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), eps).getFirst();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LovaszLoss(imagePixels=%d)", imagePixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LovaszLoss l && l.imagePixels == imagePixels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(imagePixels);
    }
}
