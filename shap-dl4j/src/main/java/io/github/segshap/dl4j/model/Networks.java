package io.github.segshap.dl4j.model;

import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
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
