package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.dl4j.TestNets;
import org.deeplearning4j.nn.api.NeuralNetwork;

import java.util.List;

/** Batches and DL4J's own outputs for the model package's tests. */
final class ModelFixtures {
    /** The image shape most tests use. */
    static final ImageShape SHAPE = new ImageShape(3, 6, 5);

    private ModelFixtures() {
    }

    /** The images' values, image-major. */
    static double[] batchValues(List<Image> images) {
        int size = images.get(0).shape().size();
        double[] v = new double[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(v, i * size);
        }
        return v;
    }

    /** The images as one batch. */
    static ImageBatch batch(List<Image> images) {
        return new ImageBatch(images.get(0).shape(), images.size(), batchValues(images));
    }

    /** DL4J's own outputs for the images, one at a time, concatenated. */
    static double[] expected(NeuralNetwork net, List<Image> images) {
        int k = -1;
        double[] all = null;
        for (int i = 0; i < images.size(); i++) {
            double[] one = TestNets.dl4jOutput(net, images.get(i));
            if (all == null) {
                k = one.length;
                all = new double[images.size() * k];
            }
            System.arraycopy(one, 0, all, i * k, k);
        }
        return all;
    }
}
