package io.github.segshap.dl4j.learned;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The learned explainer's network: {@code layers} 3 x 3 convolutions of {@code filters} channels with
 * 'Same' padding and ReLU on the image's channels and the model's prediction planes; then a 1 x 1
 * output convolution (identity) over the last hidden channels concatenated with the input (a linear
 * path, so a model whose Shapley values are affine in the input is within reach), giving M maps per
 * prediction plane; an MSE loss. Adam; weights drawn from {@code seed}. Every part is one that
 * shap-export's {@code OnnxExport} writes.
 *
 * @param inputChannels C + P: the image's channels and the model's prediction planes
 * @param outputMaps    M x P
 * @param height        the images' height
 * @param width         the images' width
 * @param layers        hidden 3 x 3 convolutions, at least 1
 * @param filters       channels of each hidden convolution
 * @param learningRate  Adam's learning rate
 * @param seed          the seed of the initial weights
 */
public record ExplainerNetwork(int inputChannels, int outputMaps, int height, int width, int layers, int filters,
                               double learningRate, long seed) {
    /** The input's name. */
    public static final String INPUT = "input";
    /** The output's name. */
    public static final String OUTPUT = "output";

    /** Checks the sizes. */
    public ExplainerNetwork {
        if (inputChannels < 1 || outputMaps < 1 || height < 1 || width < 1 || layers < 1 || filters < 1) {
            throw new IllegalArgumentException("an explainer network needs positive sizes, got " + inputChannels
                    + " input channels, " + outputMaps + " output maps, " + height + "x" + width + ", " + layers
                    + " layers of " + filters + " filters");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
        }
    }

    /** The network's configuration. */
    public ComputationGraphConfiguration configuration() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(height, width, inputChannels));
        String previous = INPUT;
        for (int i = 1; i <= layers; i++) {
            String name = "conv" + i;
            g.addLayer(name, new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build(),
                    previous);
            previous = name;
        }
        g.addVertex("features", new MergeVertex(), previous, INPUT);
        g.addLayer("maps", new ConvolutionLayer.Builder(1, 1).nOut(outputMaps).activation(Activation.IDENTITY)
                .build(), "features");
        g.addLayer(OUTPUT, new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .build(), "maps");
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /** A new, initialised network. */
    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }
}
