package io.github.segshap.dl4j;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small DL4J networks and random images for the tests. */
public final class TestNets {
    private TestNets() {
    }

    /** conv 3x3 (c -> 4, tanh) -> conv 1x1 (4 -> out, sigmoid or softmax) -> CnnLossLayer. */
    public static MultiLayerNetwork convNet(int channels, int height, int width, int outputs, long seed,
                                            CNN2DFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(outputs).dataFormat(format)
                        .activation(outputs == 1 ? Activation.SIGMOID : Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(outputs == 1 ? LossFunctions.LossFunction.XENT
                        : LossFunctions.LossFunction.MCXENT).format(format)
                        .activation(outputs == 1 ? Activation.IDENTITY : Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(height, width, channels, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A sigmoid conv net, NCHW. */
    public static MultiLayerNetwork convNet(int channels, int height, int width, long seed) {
        return convNet(channels, height, width, 1, seed, CNN2DFormat.NCHW);
    }

    /** The same architecture as a ComputationGraph with two branches merged. */
    public static ComputationGraph convGraph(int channels, int height, int width, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.RELU).build(), "in")
                .addVertex("merge", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "a", "b")
                .addLayer("mask", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(),
                        "merge")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.IDENTITY).build(), "mask")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(height, width, channels))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Zeroes the first layer's weights of one input channel (the network then ignores it). */
    public static void ignoreChannel(MultiLayerNetwork net, int channel) {
        INDArray w = net.getLayer(0).getParam("W");
        w.get(NDArrayIndex.all(), NDArrayIndex.point(channel), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
    }

    /** Copies the first layer's weights of channel {@code from} to channel {@code to}. */
    public static void copyChannelWeights(MultiLayerNetwork net, int from, int to) {
        INDArray w = net.getLayer(0).getParam("W");
        w.get(NDArrayIndex.all(), NDArrayIndex.point(to), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(w.get(NDArrayIndex.all(), NDArrayIndex.point(from), NDArrayIndex.all(), NDArrayIndex.all()));
    }

    /** Random images with values in [-1, 1). */
    public static List<Image> images(int count, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Image> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-1, 1);
            }
            out.add(Image.of(shape, v));
        }
        return out;
    }

    /** The network's own output for one image, flat, computed directly by DL4J in float. */
    public static double[] dl4jOutput(org.deeplearning4j.nn.api.NeuralNetwork net, Image image) {
        ImageShape s = image.shape();
        float[] f = new float[s.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) image.valueAt(i);
        }
        INDArray in = Nd4j.create(f, new long[] {1, s.channels(), s.height(), s.width()}, 'c');
        INDArray out = net instanceof ComputationGraph cg ? cg.output(false, in)[0]
                : ((MultiLayerNetwork) net).output(in, false);
        return out.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
