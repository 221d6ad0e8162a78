package io.github.segshap.dl4j.model;

import io.github.segshap.core.model.IncompatibleInputException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.io.DataInputStream;
import io.github.segshap.core.image.ImageShape;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loading DL4J networks saved with {@link ModelSerializer}: {@link #load(Path)} tells a
 * {@code ComputationGraph} from a {@code MultiLayerNetwork} by the saved configuration and fails
 * with a clear message when the file is not a DL4J model. A configuration that names a class which
 * has since moved loads under the new name: every {@code META-INF/segshap/dl4j-class-aliases.properties}
 * on the class path maps old class names to new ones (shap-zoo ships the aliases of its losses).
 */
public final class Dl4jModels {
    private static final String CONFIGURATION = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";

    private Dl4jModels() {
    }

    /**
     * Loads a ModelSerializer zip (without its updater state).
     *
     * @return a {@code ComputationGraph} or a {@code MultiLayerNetwork}
     * @throws IllegalArgumentException when the file is missing or is not a DL4J model zip
     * @throws UncheckedIOException     when reading fails
     */
    public static NeuralNetwork load(Path file) {
        io.github.segshap.dl4j.runtime.Dl4jRuntime.init(); // oneDNN helpers are chosen when layers are built
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model file at " + file);
        }
        String configuration;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry(CONFIGURATION);
            if (conf == null || zip.getEntry(COEFFICIENTS) == null) {
                throw new IllegalArgumentException(file + " is not a DL4J model: the zip has no " + CONFIGURATION
                        + " and " + COEFFICIENTS + " (save models with ModelSerializer.writeModel)");
            }
            try (InputStream in = zip.getInputStream(conf)) {
                configuration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a DL4J model: it is not a zip file (" + e.getMessage()
                    + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean graph = configuration.contains("\"vertices\"") && configuration.contains("\"networkInputs\"");
        String renamed = ClassAliases.fromClassPath().apply(configuration);
        try {
            if (!renamed.equals(configuration)) {
                return restoreRenamed(file, renamed, graph);
            }
            return graph ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DL4J model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a readable DL4J " + (graph ? "ComputationGraph"
                    : "MultiLayerNetwork") + ": " + e.getMessage(), e);
        }
    }

    private static NeuralNetwork restoreRenamed(Path file, String configuration, boolean graph) throws IOException {
        INDArray params;
        try (ZipFile zip = new ZipFile(file.toFile());
             DataInputStream in = new DataInputStream(zip.getInputStream(zip.getEntry(COEFFICIENTS)))) {
            params = Nd4j.read(in);
        }
        if (graph) {
            ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(configuration));
            net.init(params, false);
            return net;
        }
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration));
        net.init(params, false);
        return net;
    }

    /** Loads a model and wraps it with {@link Dl4jModel}'s defaults. */
    public static Dl4jModel loadModel(Path file) {
        return Dl4jModel.of(load(file));
    }

    /**
     * Loads a model and checks that it takes images of {@code shape}.
     *
     * @throws IncompatibleInputException naming the file, when the network cannot take such images
     */
    public static Dl4jModel loadModel(Path file, ImageShape shape) {
        Dl4jModel model = loadModel(file);
        try {
            model.requireCompatible(shape);
        } catch (IncompatibleInputException e) {
            throw new IncompatibleInputException("the model in " + file + " does not fit the images: " + e.getMessage(),
                    e.suggestedHeight().orElse(null), e.suggestedWidth().orElse(null), e);
        }
        return model;
    }
}
