package io.github.segshap.dl4j;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.model.Dl4jModels;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's ten-line example, verbatim between the markers. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        ModelSerializer.writeModel(TestNets.convNet(3, 6, 5, 31), dir.resolve("unet.zip").toFile(), false);
        float[][][][] myImages = Images.toArray(TestNets.images(5, new ImageShape(3, 6, 5), 31));
        Path modelFile = dir.resolve("unet.zip");
        Path outDir = dir.resolve("explanations");
        // README begin
        NeuralNetwork net = Dl4jModels.load(modelFile);                      // ComputationGraph or MultiLayerNetwork
        float[][][][] images = myImages;                                     // [image][channel][row][column]
        Explanations maps = SegmentationExplainer.explain(net, images);
        double[][] base = maps.get(0).baseValueMap(0);                       // expected mask over the background
        double[][] channel0 = maps.contributionMap(0, 0, 0);                 // image 0: channel 0's share of every pixel
        double[][] mask = maps.get(0).outputMap(0);                          // = base + all contributions
        System.out.println(maps.playerNames() + " max |residual| " + maps.maxAbsResidual());
        System.out.println(maps.provenance().orElseThrow());                 // explainer, background, seed, versions
        ExplanationFolder.write(maps, outDir);                               // numpy.load(".../contributions.npy")
        // README end
        assertTrue(Files.exists(outDir.resolve("contributions.npy")));
        assertTrue(Files.exists(outDir.resolve("explanation.json")));
        assertTrue(Math.abs(mask[2][3] - base[2][3] - channel0[2][3] - maps.contributionMap(0, 1, 0)[2][3]
                - maps.contributionMap(0, 2, 0)[2][3]) < 1e-9);
        assertTrue(ExplanationFolder.readProvenance(outDir).orElseThrow().sameRecipe(maps.provenance().orElseThrow()));
    }
}
