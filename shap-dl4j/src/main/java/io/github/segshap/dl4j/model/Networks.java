package io.github.segshap.dl4j.model;

import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that tells a {@link ComputationGraph} from a {@link MultiLayerNetwork}: checking a
 * network can be explained, inference passes, copies and their release, and the layers that read
 * the input. Stateless.
 */
final class Networks {
    private Networks() {
    }

    /**
     * Checks that {@code network} is a {@link ComputationGraph} or a {@link MultiLayerNetwork}.
     *
     * @return the network
     * @throws IllegalArgumentException naming the unsupported type
     */
    static NeuralNetwork requireSupported(NeuralNetwork network) {
        Objects.requireNonNull(network, "network");
        if (!(network instanceof ComputationGraph) && !(network instanceof MultiLayerNetwork)) {
            throw new IllegalArgumentException("only ComputationGraph and MultiLayerNetwork are supported, got "
                    + network.getClass().getName());
        }
        return network;
    }

    /**
     * Checks that {@code network} is a single-input graph with output {@code outputIndex}, or a
     * multi-layer network and {@code outputIndex == 0}.
     *
     * @throws IllegalArgumentException naming the network type, its inputs or outputs
     */
    static void requireExplainable(NeuralNetwork network, int outputIndex) {
        if (requireSupported(network) instanceof ComputationGraph cg) {
            ComputationGraphConfiguration conf = cg.getConfiguration();
            int outputs = conf.getNetworkOutputs().size();
            if (outputIndex >= outputs) {
                throw new IllegalArgumentException("output " + outputIndex + " does not exist: the graph has "
                        + outputs + " outputs " + conf.getNetworkOutputs());
            }
            if (conf.getNetworkInputs().size() != 1) {
                throw new IllegalArgumentException("the graph has " + conf.getNetworkInputs().size() + " inputs "
                        + conf.getNetworkInputs() + ": only single-input graphs can be explained as images");
            }
        } else if (outputIndex != 0) {
            throw new IllegalArgumentException("a MultiLayerNetwork has one output, not output " + outputIndex);
        }
    }

    /**
     * An inference pass ({@code train = false}): the output {@code outputIndex}; the graph's other
     * outputs are closed.
     */
    static INDArray forward(NeuralNetwork net, INDArray input, int outputIndex) {
        if (net instanceof ComputationGraph cg) {
            INDArray[] outs = cg.output(false, input);
            for (int i = 0; i < outs.length; i++) {
                if (i != outputIndex) {
                    outs[i].close();
                }
            }
            return outs[outputIndex];
        }
        return ((MultiLayerNetwork) net).output(input, false);
    }

    /** Number of activation values an inference pass of {@code input} keeps (input included). */
    static long activationElements(NeuralNetwork net, INDArray input) {
        long total = 0;
        if (net instanceof ComputationGraph cg) {
            for (INDArray a : cg.feedForward(input, false).values()) {
                total += a.length();
            }
        } else {
            for (INDArray a : ((MultiLayerNetwork) net).feedForward(input, false)) {
                total += a.length();
            }
        }
        return total;
    }

    /** A copy with its own parameters ({@code clone()}). */
    static NeuralNetwork copy(NeuralNetwork net) {
        if (net instanceof ComputationGraph cg) {
            return cg.clone();
        }
        return ((MultiLayerNetwork) net).clone();
    }

    /**
     * Frees the native memory of a copy made by {@link #copy}: its parameters and updater state.
     * Unlike DL4J's {@code close()} it leaves the calling thread's workspaces alone. The copy must
     * not be used afterwards.
     */
    static void free(NeuralNetwork copy) {
        closeIfOwned(copy.params());
        Updater updater = copy instanceof ComputationGraph cg ? cg.getUpdater(false)
                : ((MultiLayerNetwork) copy).getUpdater(false);
        if (updater != null) {
            closeIfOwned(updater.getStateViewArray());
        }
    }

    private static void closeIfOwned(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    /**
     * The multiple an encoder-decoder graph's height and width must be, read from its configuration
     * without a forward pass: the largest factor by which strided poolings and convolutions shrink the
     * input before upsamplings (transposed convolutions, {@code Upsampling2D}) grow it back to be
     * merged with earlier maps (a U-Net of depth d: 2^d). 1 for a graph without both upsampling and
     * merging (it runs on any size, or its size is found by trial) and for a {@link MultiLayerNetwork}.
     */
    static int requiredMultiple(NeuralNetwork net) {
        if (!(net instanceof ComputationGraph cg)) {
            return 1;
        }
        ComputationGraphConfiguration conf = cg.getConfiguration();
        boolean upsamples = false;
        boolean merges = false;
        Map<String, Double> factor = new HashMap<>();
        conf.getNetworkInputs().forEach(in -> factor.put(in, 1.0));
        double largest = 1;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) {
                continue;
            }
            double f = 1;
            for (String in : conf.getVertexInputs().getOrDefault(name, List.of())) {
                f = Math.max(f, factor.getOrDefault(in, 1.0));
            }
            merges |= v instanceof MergeVertex || v instanceof ElementWiseVertex;
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                if (l instanceof Deconvolution2D d) {
                    f /= largestOf(d.getStride());
                    upsamples = true;
                } else if (l instanceof Upsampling2D u) {
                    f /= largestOf(u.getSize());
                    upsamples = true;
                } else if (l instanceof ConvolutionLayer c) {
                    f *= largestOf(c.getStride());
                } else if (l instanceof SubsamplingLayer p) {
                    f *= largestOf(p.getStride());
                }
            }
            factor.put(name, f);
            largest = Math.max(largest, f);
        }
        return upsamples && merges ? (int) Math.round(largest) : 1;
    }

    private static int largestOf(int[] v) {
        int m = 1;
        for (int x : v == null ? new int[0] : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The configurations of the layers that read the network's (first) input. */
    static List<Layer> firstLayers(NeuralNetwork net) {
        List<Layer> out = new ArrayList<>();
        if (net instanceof ComputationGraph cg) {
            ComputationGraphConfiguration conf = cg.getConfiguration();
            String input = conf.getNetworkInputs().get(0);
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (e.getValue().contains(input)) {
                    GraphVertex v = conf.getVertices().get(e.getKey());
                    if (v instanceof LayerVertex lv) {
                        out.add(lv.getLayerConf().getLayer());
                    }
                }
            }
        } else {
            MultiLayerNetwork mln = (MultiLayerNetwork) net;
            if (!mln.getLayerWiseConfigurations().getConfs().isEmpty()) {
                out.add(mln.getLayerWiseConfigurations().getConf(0).getLayer());
            }
        }
        return out;
    }
}
