package io.github.segshap.dl4j.model;

import io.github.segshap.zoo.UNet;
import io.github.segshap.zoo.loss.FocalLoss;
import io.github.segshap.zoo.loss.LossSum;
import io.github.segshap.zoo.loss.LovaszLoss;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network trained with the segmentation losses loads with shap-dl4j and shap-zoo, also when it was
 * saved before the losses moved to shap-zoo, first from the salt example ({@code salt.train}), then
 * from shap-dl4j ({@code dl4j.zoo.loss}): its configuration names the old classes, and shap-zoo's
 * {@code META-INF/segshap/dl4j-class-aliases.properties} names the new ones.
 */
class MovedLossesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"io.github.segshap.salt.train.", "io.github.segshap.dl4j.zoo.loss."})
    void aModelSavedWithTheOldLossClassNamesLoadsAndPredictsTheSame(String oldPackage) throws IOException {
        ComputationGraph net = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).seed(3)
                .loss(new LossSum(new FocalLoss(), 1, new LovaszLoss(64), 64)).build();
        Path current = tmp.resolve("current.zip");
        ModelSerializer.writeModel(net, current.toFile(), false);
        Path old = tmp.resolve("old.zip");
        rewriteConfiguration(current, old, json -> json
                .replace("\"" + FocalLoss.class.getName() + "\"", "\"" + oldPackage + "FocalLoss\"")
                .replace("\"" + LovaszLoss.class.getName() + "\"", "\"" + oldPackage + "LovaszLoss\"")
                .replace("\"" + LossSum.class.getName() + "\"", "\"" + oldPackage + "LossSum\""));
        String oldJson = configuration(old);
        assertTrue(oldJson.contains(oldPackage + "LossSum") && oldJson.contains(oldPackage + "FocalLoss")
                && oldJson.contains(oldPackage + "LovaszLoss"), "the fixture names the old classes");
        assertFalse(configuration(current).contains(oldPackage), "new models name no old class");

        NeuralNetwork back = Dl4jModels.load(old);
        INDArray x = Nd4j.rand(new long[] {2, 2, 8, 8});
        float[] expected = net.outputSingle(false, x).ravel().toFloatVector();
        float[] actual = ((ComputationGraph) back).outputSingle(false, x).ravel().toFloatVector();
        assertArrayEquals(expected, actual, 0f);
        assertTrue(((ComputationGraph) back).getConfiguration().toJson().contains(LossSum.class.getName()));
    }

    private static String configuration(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("configuration.json"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void rewriteConfiguration(Path from, Path to, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        try (ZipFile z = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = z.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getName().equals("configuration.json")) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
