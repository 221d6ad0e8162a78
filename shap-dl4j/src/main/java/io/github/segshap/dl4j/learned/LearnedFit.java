package io.github.segshap.dl4j.learned;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.learned.LearnedError;
import io.github.segshap.core.learned.LearnedExplainer;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fits a learned explainer: explains every fitting image exactly with the core engine (the options
 * given, the explainer set to {@code exact}), holds out a seeded share of the images, trains an
 * {@link ExplainerNetwork} on the others (input: the image's channels and the model's prediction;
 * target: the exact maps; loss: mean squared error on the raw maps, the projection onto
 * {@code base + sum = prediction} applied after, which never increases the error since the exact maps
 * satisfy it), and measures the error of the projected maps on the held-out images. The result is
 * the same for a seed and a native thread count (weights, image order and held-out draw all come from
 * the seed; the exact maps do not depend on threads; pin nd4j's threads with
 * {@link io.github.segshap.dl4j.runtime.NativeThreads#pin} for a count that does not follow the
 * environment).
 * <pre>{@code
 * LearnedFit.Fitted fitted = LearnedFit.builder().epochs(200).holdout(0.2).seed(7).build()
 *         .fit(model, ExplanationOptions.builder().model("unet.zip", fingerprint).build(), ids, images);
 * fitted.write(Path.of("learned"));     // explainer.zip, base.npy, learned.json
 * }</pre>
 */
public final class LearnedFit {
    /** The training loss, as the record says it. */
    public static final String LOSS = "mse on the raw maps, projected after";

    private final int layers;
    private final int filters;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final double holdout;
    private final long seed;

    private LearnedFit(Builder b) {
        this.layers = b.layers;
        this.filters = b.filters;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.holdout = b.holdout;
        this.seed = b.seed;
    }

    /** A builder with the defaults: 3 layers of 16 filters, 100 epochs, batches of 8, Adam 1e-3, 20% held out, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** The training options that change the network, by name, as the record keeps them. */
    public Map<String, String> training() {
        Map<String, String> t = new TreeMap<>();
        t.put("layers", Integer.toString(layers));
        t.put("filters", Integer.toString(filters));
        t.put("epochs", Integer.toString(epochs));
        t.put("batch_size", Integer.toString(batchSize));
        t.put("learning_rate", Double.toString(learningRate));
        t.put("holdout", Double.toString(holdout));
        t.put("loss", LOSS);
        return t;
    }

    /**
     * Fits a learned explainer of {@code model}.
     *
     * @param model   the model to explain
     * @param options the exact explanations' options (players, background, model description and
     *                fingerprint, threads); the explainer is set to exact
     * @param ids     one unique id per image
     * @param images  the fitting images, at least 2 (one is held out), one shape
     * @throws IllegalArgumentException naming the problem (too few images, outputs not maps of the
     *                                  image's size, no model fingerprint, bad ids)
     */
    public Fitted fit(Model model, ExplanationOptions options, List<String> ids, List<Image> images) {
        if (images.size() < 2 || ids.size() != images.size() || new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("fitting a learned explainer needs at least 2 images (one held out) "
                    + "with one unique id each, got " + images.size() + " images and " + ids.size() + " ids ("
                    + new HashSet<>(ids).size() + " distinct)");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int held = (int) Math.min(images.size() - 1, Math.max(1, Math.round(holdout * images.size())));
        List<Integer> heldOut = order.subList(0, held).stream().sorted().toList();
        List<Integer> fitted = order.subList(held, order.size()).stream().sorted().toList();

        ExplanationOptions exactOptions = options.toBuilder().explainer(ExplainerKind.EXACT).build();
        Explanations exact = ImageExplainer.of(model, exactOptions).explain(ids, images);
        Provenance provenance = exact.provenance().orElseThrow();
        ImageShape shape = exact.imageShape();
        OutputShape out = exact.outputShape();
        if (out.height() != shape.height() || out.width() != shape.width()) {
            throw new IllegalArgumentException("a learned explainer explains prediction maps of the image's size, "
                    + "but the model maps " + shape + " images to outputs " + out);
        }
        double[] base = exact.get(0).baseValues();
        int m = exact.players();
        Dl4jRuntime.init(); // the oneDNN choice is made before the network is built, so every fit builds the same
        ExplainerNetwork spec = new ExplainerNetwork(shape.channels() + out.planes(), m * out.planes(),
                shape.height(), shape.width(), layers, filters, learningRate, seed);
        ComputationGraph net = spec.build();
        train(net, exact, fitted);

        Dl4jModel network = Dl4jModel.of(net);
        LearnedExplainer unmeasured = LearnedExplainer.unmeasured(network, base, provenance);
        List<String> heldIds = heldOut.stream().map(ids::get).toList();
        Explanations learned = unmeasured.explain(model, provenance.modelFingerprint(),
                provenance.backgroundFingerprint(), heldIds, heldOut.stream().map(images::get).toList());
        LearnedError error = LearnedError.of(heldIds, learned.all(), heldOut.stream().map(exact::get).toList());
        LearnedRecord record = LearnedRecord.now(provenance, fitted.stream().map(ids::get).toList(), heldIds,
                training(), seed, error);
        return new Fitted(net, spec, LearnedExplainer.measured(network, base, record), out);
    }

    /** Trains on the exact explanations of the images {@code fitted}, in seeded mini-batches. */
    private void train(ComputationGraph net, Explanations exact, List<Integer> fitted) {
        ImageShape shape = exact.imageShape();
        int k = exact.outputShape().size();
        int inSize = shape.size() + k;
        int m = exact.players();
        int outSize = m * k;
        float[][] inputs = new float[fitted.size()][inSize];
        float[][] targets = new float[fitted.size()][outSize];
        for (int i = 0; i < fitted.size(); i++) {
            Explanation e = exact.get(fitted.get(i));
            double[] x = exact.input(fitted.get(i)).toArray();
            double[] y = e.outputs();
            for (int j = 0; j < x.length; j++) {
                inputs[i][j] = (float) x[j];
            }
            for (int j = 0; j < k; j++) {
                inputs[i][x.length + j] = (float) y[j];
            }
            for (int p = 0; p < m; p++) {
                double[] v = e.values(p);
                for (int j = 0; j < k; j++) {
                    targets[i][p * k + j] = (float) v[j];
                }
            }
        }
        long[] inShape = {0, shape.channels() + exact.outputShape().planes(), shape.height(), shape.width()};
        long[] outShape = {0, m * exact.outputShape().planes(), shape.height(), shape.width()};
        Random order = new Random(seed);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < fitted.size(); i++) {
            indices.add(i);
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(indices, order);
            for (int from = 0; from < indices.size(); from += batchSize) {
                List<Integer> batch = indices.subList(from, Math.min(indices.size(), from + batchSize));
                net.fit(new INDArray[] {stack(inputs, batch, inShape)}, new INDArray[] {stack(targets, batch, outShape)});
            }
        }
    }

    private static INDArray stack(float[][] rows, List<Integer> batch, long[] shape) {
        int size = rows[0].length;
        float[] flat = new float[batch.size() * size];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(rows[batch.get(i)], 0, flat, i * size, size);
        }
        long[] s = shape.clone();
        s[0] = batch.size();
        return Nd4j.create(flat, s, 'c');
    }

    /** A fitted explainer: the trained network and the measured {@link LearnedExplainer} around it. */
    public record Fitted(ComputationGraph graph, ExplainerNetwork spec, LearnedExplainer explainer,
                         OutputShape outputShape) {
        /** Rejects missing parts. */
        public Fitted {
            Objects.requireNonNull(graph, "graph");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(explainer, "explainer");
            Objects.requireNonNull(outputShape, "outputShape");
        }

        /** The record, with the held-out error. */
        public LearnedRecord record() {
            return explainer.record().orElseThrow();
        }

        /** The shape of the network's input: the image's channels and the prediction planes. */
        public ImageShape networkInput() {
            return new ImageShape(spec.inputChannels(), spec.height(), spec.width());
        }

        /**
         * Writes the folder: {@code explainer.zip} (DL4J), then the base map and {@code learned.json}
         * (core's {@link io.github.segshap.core.learned.LearnedFolder}); a caller adding
         * {@code explainer.onnx} writes it before.
         */
        public void write(java.nio.file.Path dir) {
            ExplainerFiles.writeZip(graph, dir);
            io.github.segshap.core.learned.LearnedFolder.write(dir, explainer.baseValues(),
                    new int[] {outputShape.planes(), outputShape.height(), outputShape.width()}, record());
        }
    }

    /** Builder of {@link LearnedFit}; values are checked when set and copied at {@link #build()}. */
    public static final class Builder {
        private int layers = 3;
        private int filters = 16;
        private int epochs = 100;
        private int batchSize = 8;
        private double learningRate = 1e-3;
        private double holdout = 0.2;
        private long seed = 42;

        private Builder() {
        }

        /** Hidden 3 x 3 convolutions (default 3). */
        public Builder layers(int n) {
            this.layers = positive(n, "layers");
            return this;
        }

        /** Channels of each hidden convolution (default 16). */
        public Builder filters(int n) {
            this.filters = positive(n, "filters");
            return this;
        }

        /** Passes over the fitted images (default 100). */
        public Builder epochs(int n) {
            this.epochs = positive(n, "epochs");
            return this;
        }

        /** Images per training step (default 8). */
        public Builder batchSize(int n) {
            this.batchSize = positive(n, "batch size");
            return this;
        }

        /** Adam's learning rate (default 1e-3). */
        public Builder learningRate(double rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("the learning rate must be positive, got " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        /** The share of the images held out to measure the error, in (0, 1) (default 0.2; at least one image). */
        public Builder holdout(double share) {
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("the held-out share must be in (0, 1), got " + share);
            }
            this.holdout = share;
            return this;
        }

        /** The seed of the weights, the image order and the held-out draw (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        private static int positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
            return v;
        }

        /** The fitter. */
        public LearnedFit build() {
            return new LearnedFit(this);
        }
    }
}
