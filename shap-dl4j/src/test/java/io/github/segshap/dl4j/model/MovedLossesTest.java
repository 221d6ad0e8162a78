package io.github.segshap.dl4j.model;

import io.github.segshap.dl4j.zoo.UNet;
import io.github.segshap.dl4j.zoo.loss.FocalLoss;
import io.github.segshap.dl4j.zoo.loss.LossSum;
import io.github.segshap.dl4j.zoo.loss.LovaszLoss;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * A network trained with the segmentation losses loads with shap-dl4j alone, also when it was saved
 * before the losses moved here from the salt example (its configuration names the old classes).
 */
class MovedLossesTest {
    @TempDir
    Path tmp;

    @Test
    void aModelSavedWithTheOldLossClassNamesLoadsAndPredictsTheSame() throws IOException {
        ComputationGraph net = UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8).seed(3)
                .loss(new LossSum(new FocalLoss(), 1, new LovaszLoss(64), 64)).build();
        Path current = tmp.resolve("current.zip");
        ModelSerializer.writeModel(net, current.toFile(), false);
        Path old = tmp.resolve("old.zip");
        rewriteConfiguration(current, old, json -> json
                .replace("\"" + FocalLoss.class.getName() + "\"", "\"io.github.segshap.salt.train.FocalLoss\"")
                .replace("\"" + LovaszLoss.class.getName() + "\"", "\"io.github.segshap.salt.train.LovaszLoss\"")
                .replace("\"" + LossSum.class.getName() + "\"", "\"io.github.segshap.salt.train.LossSum\""));
        String oldJson = configuration(old);
        assertTrue(oldJson.contains("io.github.segshap.salt.train.LossSum"), "the fixture names the old class");
        assertFalse(configuration(current).contains("io.github.segshap.salt"), "new models name no salt class");

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
