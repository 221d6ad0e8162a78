package io.github.segshap.dl4j.model;

import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.InputSizes;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What input a network takes, found by probe forward passes of one zero image (cached per input
 * shape): the output shape, the memory one image costs, and, for sizes the network cannot take,
 * an {@link IncompatibleInputException} naming the size to pad to. A size the configuration already
 * rules out (an encoder-decoder's multiple, {@link Networks#requiredMultiple}) is refused without a
 * forward pass, so no native error is logged for it. Thread-safe.
 */
final class InputProbe {
    /** Largest power of two tried as the multiple a network's height and width may need. */
    static final int MAX_MULTIPLE = 64;

    /**
     * What a probe pass found for one input shape.
     *
     * @param outputShape   the shape of one image's output, channels first
     * @param bytesPerImage memory one image takes in a call (see {@link #bytesPerImage})
     */
    record Result(OutputShape outputShape, long bytesPerImage) {
    }

    private final ReplicaPool pool;
    private final LayoutConverter converter;
    private final int outputIndex;
    private final int expectedChannels;
    /** The multiple heights and widths must be, from the configuration (1: found by trial). */
    private final int requiredMultiple;
    private final Map<ImageShape, Result> cache = new ConcurrentHashMap<>();

    /**
     * @param pool             where probe passes take a network from
     * @param converter        makes the zero inputs in the network's layout and reads its outputs
     * @param outputIndex      the graph output probed
     * @param expectedChannels the channel count the network takes, or -1 when unknown
     * @param requiredMultiple the multiple heights and widths must be as the configuration says
     *                         ({@link Networks#requiredMultiple}), 1 when it says none
     */
    InputProbe(ReplicaPool pool, LayoutConverter converter, int outputIndex, int expectedChannels,
               int requiredMultiple) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.outputIndex = outputIndex;
        this.expectedChannels = expectedChannels;
        this.requiredMultiple = requiredMultiple;
    }

    /** The input channels of the first convolution reading the input, or -1 when there is none. */
    static int expectedChannels(NeuralNetwork network) {
        for (Layer l : Networks.firstLayers(network)) {
            if (l instanceof ConvolutionLayer && l instanceof FeedForwardLayer f && f.getNIn() > 0) {
                return Math.toIntExact(f.getNIn());
            }
        }
        return -1;
    }

    /** The channel count the network takes, or -1 when it cannot be read from the configuration. */
    int expectedChannels() {
        return expectedChannels;
    }

    /**
     * The probe result for images of {@code shape} (computed once per shape).
     *
     * @throws IncompatibleInputException when the network cannot take such images
     */
    Result probe(ImageShape shape) {
        Result r = cache.get(shape);
        if (r == null) {
            r = compute(shape);
            cache.putIfAbsent(shape, r);
        }
        return r;
    }

    /**
     * {@code shape} when the network takes it, else the padded size its error suggests.
     *
     * @throws IncompatibleInputException when no padded size works either (e.g. a wrong channel count)
     */
    ImageShape paddedShape(ImageShape shape) {
        return InputSizes.paddedShape(shape, this::probe);
    }

    /** Forgets the cached results. */
    void clear() {
        cache.clear();
    }

    /**
     * Memory one image takes in a call: the network's input, output and twice its activations in
     * the network's data type, plus the input and output as doubles on the Java side.
     */
    static long bytesPerImage(ImageShape input, OutputShape output, long activations, int valueBytes) {
        return (2 * activations + input.size() + output.size()) * (long) valueBytes
                + 8L * (input.size() + output.size());
    }

    private Result compute(ImageShape shape) {
        if (expectedChannels > 0 && shape.channels() != expectedChannels) {
            throw new IncompatibleInputException("the network takes " + expectedChannels + " input channels but the "
                    + "images have " + shape.channels() + " (image shape " + shape + ", layout " + converter.layout()
                    + ")", null, null, null);
        }
        if (shape.height() % requiredMultiple != 0 || shape.width() % requiredMultiple != 0) {
            // said from the configuration: a forward pass at this size would fail in native code
            throw InputSizes.multipleError("the network", shape, "its configuration shrinks the input by "
                    + requiredMultiple + " and grows it back to merge the maps", requiredMultiple,
                    "must be multiples of " + requiredMultiple, null);
        }
        return pool.apply(net -> {
            long[] out;
            long activations;
            try {
                out = outputDims(net, shape);
                activations = activations(net, shape);
            } catch (RuntimeException e) {
                throw sizeError(net, shape, e);
            }
            OutputShape os = converter.outputShape(out);
            return new Result(os, bytesPerImage(shape, os, activations, converter.valueBytes()));
        });
    }

    private long[] outputDims(NeuralNetwork net, ImageShape shape) {
        INDArray input = converter.zeros(shape);
        try {
            INDArray out = Networks.forward(net, input, outputIndex);
            try {
                return out.shape();
            } finally {
                out.close();
            }
        } finally {
            input.close();
        }
    }

    private long activations(NeuralNetwork net, ImageShape shape) {
        INDArray input = converter.zeros(shape);
        try {
            return Networks.activationElements(net, input);
        } finally {
            input.close();
        }
    }

    /**
     * The error for a shape the network failed on: when padding height and width up to a multiple
     * of 2, 4, ... {@value #MAX_MULTIPLE} makes a forward pass work, it names that size.
     */
    private IncompatibleInputException sizeError(NeuralNetwork net, ImageShape shape, RuntimeException cause) {
        return InputSizes.sizeError("the network", shape, cause, MAX_MULTIPLE, padded -> outputDims(net, padded),
                "the network cannot take images of shape " + shape + " (layout " + converter.layout() + ")");
    }
}
