package io.github.segshap.salt.train;

import io.github.segshap.command.Progress;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.salt.train.metrics.SegmentationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a DL4J {@link ComputationGraph} with one NCHW input and one per-pixel sigmoid output
 * (e.g. a U-Net ending in a {@code CnnLossLayer}) on {@link SegmentationData}.
 *
 * <p>Per epoch: the training samples are shuffled (seeded), optionally each flipped left-right with
 * probability 1/2 (seeded, so a run is repeatable given the seed), fitted in mini-batches of
 * {@link TrainSettings#batchSize()}; then the network is run in inference mode on the validation
 * set (and, unless switched off, on the training set) and the metrics of
 * {@link SegmentationMetrics} are computed at the threshold, with the validation loss (reduced as
 * the training loss, see {@link EpochResult}). Keras computes training metrics as a
 * running average during the epoch in training mode (with dropout); these are end-of-epoch values
 * without dropout, so they are comparable with the validation ones.
 *
 * <p>Early stopping: the epoch with the highest validation ROC AUC (ties keep the earlier epoch) is
 * remembered by copying the parameters; when {@link TrainSettings#patience()} epochs pass without
 * an improvement larger than {@link TrainingOptions#minDelta()}, training stops. At the end the best
 * parameters are put back (unless {@link TrainingOptions#restoreBest()} is off) - also when the
 * epoch limit or the {@link TrainSettings#timeLimit() time limit}, not early stopping, ended
 * training. With a time limit, an epoch is started only if, at the pace of the slowest of the last
 * {@value #PACE_EPOCHS} epochs (training plus evaluation), it ends within the limit; the first
 * epoch's warm-up or a passing slowdown does not cost the last epochs of the budget. The optimiser
 * (Adam, learning rate) is whatever the network's configuration says; the original used Adam 1e-3.
 *
 * <p>Instances are immutable and may be reused; {@link #fit} is not thread-safe for one network.
 */
public final class Trainer {

    /** Epochs whose slowest sets the pace the time limit is checked at. */
    static final int PACE_EPOCHS = 3;

    private final TrainingOptions options;
    private final List<EpochListener> listeners;

    /**
     * A trainer with the given options and listeners.
     *
     * @param options options, see {@link TrainingOptions#builder(TrainSettings)}
     * @param listeners listeners called in order
     */
    public Trainer(TrainingOptions options, EpochListener... listeners) {
        this.options = Objects.requireNonNull(options, "options");
        this.listeners = List.of(listeners);
    }

    private static void requireBothClasses(SegmentationData validation) {
        long salt = 0;
        for (float v : validation.masks()) {
            if (v > 0.5f) {
                salt++;
            }
        }
        long pixels = validation.masks().length;
        if (salt == 0 || salt == pixels) {
            throw new UndefinedValidationAucException("the " + validation.count() + " validation images have "
                    + (salt == 0 ? "no salt pixel" : "nothing but salt") + " (" + salt + " of " + pixels
                    + " pixels), so their ROC AUC, which picks the best epoch, is undefined (NaN): use more images, "
                    + "another --seed for the split, or data with salt");
        }
    }

    /** @return the options */
    public TrainingOptions options() {
        return options;
    }

    /**
     * Trains the network in place.
     *
     * @param net the network, initialised ({@code net.init()}); modified
     * @param train training data
     * @param validation validation data, same channels and size as {@code train}
     * @return the history and best epoch
     * @throws IllegalArgumentException if the two data sets have different shapes
     * @throws UndefinedValidationAucException if the validation masks have no salt pixel or no other
     *                                         pixel (their ROC AUC, which picks the best epoch, is undefined)
     * @throws IllegalStateException if the loss becomes NaN or infinite
     */
    public TrainingResult fit(ComputationGraph net, SegmentationData train, SegmentationData validation) {
        Objects.requireNonNull(net, "net");
        checkCompatible(train, validation);
        requireBothClasses(validation);
        TrainSettings loop = options.settings();
        long start = options.clock().getAsLong();
        Nd4j.getRandom().setSeed(options.seed());
        Random rnd = new Random(options.seed());
        for (EpochListener l : listeners) {
            l.onStart(options, train, validation);
        }
        List<EpochResult> history = new ArrayList<>();
        INDArray bestParams = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        TrainingResult.StopReason stopReason = TrainingResult.StopReason.EPOCH_LIMIT;
        SegmentationData trainForMetrics = options.evaluateTrain() ? metricsSubset(train) : null;
        List<Long> epochNanos = new ArrayList<>();
        int[] order = new int[train.count()];
        for (int i = 0; i < order.length; i++) order[i] = i;

        for (int epoch = 1; epoch <= loop.epochs(); epoch++) {
            long t0 = options.clock().getAsLong();
            shuffle(order, rnd);
            double lossSum = 0;
            int bs = loop.batchSize();
            try (Progress progress = Progress.start(options.batchProgress(), "train epoch " + epoch + "/"
                    + loop.epochs(), "samples", order.length, options.progress())) {
                for (int from = 0; from < order.length; from += bs) {
                    int b = Math.min(bs, order.length - from);
                    DataSet batch = batch(train, order, from, b, rnd);
                    net.fit(batch);
                    double s = net.score();
                    if (!Double.isFinite(s)) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "training diverged: loss is %s at epoch %d, batch starting at sample %d", s, epoch,
                                from));
                    }
                    lossSum += s * b;
                    progress.accept(b);
                }
            }
            double loss = lossSum / order.length;
            long t1 = options.clock().getAsLong();
            SegmentationMetrics trainMetrics = trainForMetrics != null ? evaluate(net, trainForMetrics) : null;
            float[] valPredicted = predict(net, validation.images(), validation.count(), validation.channels(),
                    validation.height(), validation.width(), options.evalBatchSize());
            SegmentationMetrics valMetrics = SegmentationMetrics.compute(valPredicted, validation.masks(), 0,
                    options.threshold());
            double valLoss = loss(net, validation, valPredicted, options.evalBatchSize());
            long t2 = options.clock().getAsLong();

            double auc = valMetrics.auc();
            // the first epoch is always the best so far; later ones must beat it by more than minDelta
            boolean improved = bestParams == null || (!Double.isNaN(auc) && auc > bestAuc + options.minDelta());
            if (improved) {
                bestAuc = Double.isNaN(auc) ? Double.NEGATIVE_INFINITY : auc;
                bestEpoch = epoch;
                bestParams = net.params().dup();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            EpochResult r = new EpochResult(epoch, loss, valLoss, trainMetrics, valMetrics,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, improved);
            history.add(r);
            options.progress().accept(progressLine(r));
            for (EpochListener l : listeners) {
                l.onEpoch(r);
            }
            epochNanos.add(t2 - t0);
            long pace = expectedEpochNanos(epochNanos);
            if (sinceBest >= loop.patience() && epoch < loop.epochs()) {
                stopReason = TrainingResult.StopReason.EARLY_STOPPING;
                options.progress().accept(String.format(Locale.ROOT,
                        "early stopping after epoch %d: validation AUC did not improve for %d epochs (best %.4f at epoch %d)",
                        epoch, sinceBest, bestAuc, bestEpoch));
                break;
            }
            if (loop.timeLimit() != null && epoch < loop.epochs()
                    && t2 - start + pace > loop.timeLimit().toNanos()) {
                stopReason = TrainingResult.StopReason.TIME_LIMIT;
                options.progress().accept(String.format(Locale.ROOT,
                        "time limit: stopping after epoch %d (%.0f s so far, an epoch takes up to %.0f s, limit %d s)",
                        epoch, (t2 - start) / 1e9, pace / 1e9, loop.timeLimit().toSeconds()));
                break;
            }
        }
        if (options.restoreBest() && bestParams != null && bestEpoch != history.size()) {
            net.setParams(bestParams);
            options.progress().accept("restored the weights of epoch " + bestEpoch);
        }
        TrainingResult result = new TrainingResult(history, bestEpoch, bestAuc, stopReason,
                (options.clock().getAsLong() - start) / 1e9);
        for (EpochListener l : listeners) {
            l.onEnd(result);
        }
        return result;
    }

    /**
     * Computes the metrics of the network on a data set (inference mode).
     *
     * @param net the network, not modified
     * @param data images and masks
     * @return metrics at the options' threshold, without the Kaggle metric
     */
    public SegmentationMetrics evaluate(ComputationGraph net, SegmentationData data) {
        float[] p = predict(net, data.images(), data.count(), data.channels(), data.height(), data.width(),
                options.evalBatchSize());
        return SegmentationMetrics.compute(p, data.masks(), 0, options.threshold());
    }

    /**
     * The network's loss on a data set in inference mode, reduced as the training score is (the
     * output layer's loss summed over each image's pixels, averaged over the images; no
     * regularisation term), from the probabilities already predicted when the output layer is a
     * {@link CnnLossLayer} with the identity activation (its input is then the predicted map: no
     * second pass), else by {@code net.score} over batches of {@code batchSize}.
     *
     * @param net       the network, not modified
     * @param data      images and masks
     * @param predicted the network's output on {@code data} ({@link #predict}), not modified
     * @param batchSize most images per network call when the network must run again
     * @return the mean loss per image
     */
    static double loss(ComputationGraph net, SegmentationData data, float[] predicted, int batchSize) {
        if (net.getOutputLayer(0).conf().getLayer() instanceof CnnLossLayer out
                && out.getActivationFn() instanceof ActivationIdentity) {
            long rows = (long) data.count() * data.pixels();
            INDArray labels = Nd4j.create(data.masks(), new long[] {rows, 1}, 'c');
            INDArray input = Nd4j.create(predicted, new long[] {rows, 1}, 'c');
            return out.getLossFn().computeScore(labels, input, out.getActivationFn(), null, false) / data.count();
        }
        double sum = 0;
        int[] order = new int[data.count()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int from = 0; from < data.count(); from += batchSize) {
            int b = Math.min(batchSize, data.count() - from);
            int c = data.channels(), h = data.height(), w = data.width();
            float[] x = Arrays.copyOfRange(data.images(), from * data.imageSize(), (from + b) * data.imageSize());
            float[] y = Arrays.copyOfRange(data.masks(), from * data.pixels(), (from + b) * data.pixels());
            DataSet ds = new DataSet(Nd4j.create(x, new long[] {b, c, h, w}, 'c'),
                    Nd4j.create(y, new long[] {b, 1, h, w}, 'c'));
            sum += net.score(ds, false) * b;
        }
        return sum / data.count();
    }

    /**
     * Runs the network in inference mode and returns the flattened single-channel output, through
     * the model adapter explanations use ({@link Dl4jModel}).
     *
     * @param net the network (one input, one output with one channel of the input's height and width)
     * @param images NCHW values, not modified
     * @param n number of images
     * @param c channels
     * @param h height
     * @param w width
     * @param batchSize most images per model call
     * @return probabilities, {@code n x h x w}
     * @throws IllegalStateException if the output does not have shape {@code [1, h, w]} per image
     */
    public static float[] predict(ComputationGraph net, float[] images, int n, int c, int h, int w, int batchSize) {
        return predict(Dl4jModel.of(net), images, n, new ImageShape(c, h, w), batchSize);
    }

    /**
     * Runs a model on images given as NCHW floats, {@code batchSize} images per call, and returns
     * its single-channel map output flattened.
     *
     * @param model the model, its output one map of the input's height and width per image
     * @param images NCHW values, not modified
     * @param n number of images
     * @param shape shape of each image
     * @param batchSize most images per model call (the model may split a call further to fit its
     *                  memory budget)
     * @return probabilities, {@code n x h x w}
     * @throws IllegalStateException if the output does not have shape {@code [1, h, w]} per image
     */
    public static float[] predict(Dl4jModel model, float[] images, int n, ImageShape shape, int batchSize) {
        int imageSize = shape.size();
        if ((long) n * imageSize != images.length) {
            throw new IllegalArgumentException(images.length + " values are not " + n + " images of " + shape);
        }
        int pixels = shape.pixels();
        OutputShape out = model.outputShape(shape);
        if (out.rank() != 3 || out.dim(0) != 1 || out.dim(1) != shape.height() || out.dim(2) != shape.width()) {
            throw new IllegalStateException("the network output has shape " + out + " per image but [1, "
                    + shape.height() + ", " + shape.width() + "] was expected");
        }
        float[] result = new float[n * pixels];
        double[] x = new double[Math.min(batchSize, n) * imageSize];
        for (int from = 0; from < n; from += batchSize) {
            int b = Math.min(batchSize, n - from);
            for (int i = 0; i < b * imageSize; i++) {
                x[i] = images[from * imageSize + i];
            }
            double[] p = model.predict(new ImageBatch(shape, b, x));
            for (int i = 0; i < b * pixels; i++) {
                result[from * pixels + i] = (float) p[i];
            }
        }
        return result;
    }

    private DataSet batch(SegmentationData d, int[] order, int from, int b, Random rnd) {
        int c = d.channels(), h = d.height(), w = d.width();
        int imageSize = d.imageSize(), pixels = d.pixels();
        float[] x = new float[b * imageSize];
        float[] y = new float[b * pixels];
        for (int k = 0; k < b; k++) {
            int s = order[from + k];
            boolean flip = options.settings().flipAugmentation() && rnd.nextBoolean();
            copyImage(d.images(), s * imageSize, x, k * imageSize, c, h, w, flip);
            copyImage(d.masks(), s * pixels, y, k * pixels, 1, h, w, flip);
        }
        return new DataSet(Nd4j.create(x, new long[] {b, c, h, w}, 'c'), Nd4j.create(y, new long[] {b, 1, h, w}, 'c'));
    }

    /** Copies c planes of h x w, optionally mirrored left-right. */
    static void copyImage(float[] src, int srcOff, float[] dst, int dstOff, int c, int h, int w, boolean flip) {
        if (!flip) {
            System.arraycopy(src, srcOff, dst, dstOff, c * h * w);
            return;
        }
        for (int row = 0; row < c * h; row++) {
            int base = row * w;
            for (int col = 0; col < w; col++) {
                dst[dstOff + base + col] = src[srcOff + base + (w - 1 - col)];
            }
        }
    }

    /** The training data itself, or a seeded subset of {@link TrainingOptions#trainMetricsSamples()} samples. */
    private SegmentationData metricsSubset(SegmentationData train) {
        int n = options.trainMetricsSamples();
        if (n >= train.count()) {
            return train;
        }
        int[] all = new int[train.count()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        shuffle(all, new Random(options.seed() * 31 + 7));
        int[] picked = Arrays.copyOf(all, n);
        Arrays.sort(picked);
        int imageSize = train.imageSize(), pixels = train.pixels();
        float[] x = new float[n * imageSize];
        float[] y = new float[n * pixels];
        for (int k = 0; k < n; k++) {
            System.arraycopy(train.images(), picked[k] * imageSize, x, k * imageSize, imageSize);
            System.arraycopy(train.masks(), picked[k] * pixels, y, k * pixels, pixels);
        }
        return new SegmentationData(x, y, n, train.channels(), train.height(), train.width());
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void checkCompatible(SegmentationData train, SegmentationData validation) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (train.channels() != validation.channels() || train.height() != validation.height()
                || train.width() != validation.width()) {
            throw new IllegalArgumentException("training data is " + train + " but validation data is " + validation);
        }
    }

    private String progressLine(EpochResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %3d/%d  %6.1fs (+%.1fs eval)  loss %.5f (validation %.5f)",
                r.epoch(), options.settings().epochs(), r.trainSeconds(), r.evalSeconds(), r.loss(), r.validationLoss()));
        if (r.train() != null) {
            sb.append("  train ").append(r.train());
        }
        sb.append("  | val ").append(r.validation());
        if (r.best()) {
            sb.append("  *");
        }
        return sb.toString();
    }

    /** The time the next epoch is expected to take: the slowest of the last {@value #PACE_EPOCHS}. */
    static long expectedEpochNanos(List<Long> epochNanos) {
        long pace = 0;
        for (int i = Math.max(0, epochNanos.size() - PACE_EPOCHS); i < epochNanos.size(); i++) {
            pace = Math.max(pace, epochNanos.get(i));
        }
        return pace;
    }
}
