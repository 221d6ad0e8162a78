package io.github.segshap.salt.explain;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.BackgroundDraw;
import io.github.segshap.core.segmentation.BackgroundOptions;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.SegmentationExplainer;
import io.github.segshap.dl4j.model.Dl4jModel;
import io.github.segshap.export.OnnxExport;
import io.github.segshap.onnx.model.OnnxModel;
import io.github.segshap.onnx.quantize.ReducedPrecision;
import io.github.segshap.salt.prepare.SplitData;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one run of the {@link ExplanationStage} fixes once: the model (DL4J, or ONNX Runtime on the
 * exported network, padded to the size the U-Net takes), the background rows
 * ({@link TrainingBackground}), the facade's explainer and the provenance every sample records.
 * Closes the ONNX runtime.
 */
final class ExplanationSetup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplanationSetup.class);

    final SplitData test;
    final ImageShape shape;
    final SegmentationExplainer explainer;
    final Provenance recipe;
    final String description;
    final int backgroundSize;
    final ModelRuntime runtime;
    private final OnnxModel onnx;
    private final ReducedPrecision int8;

    ExplanationSetup(NeuralNetwork network, SplitData train, SplitData test, ExplanationStage.Builder b) {
        this.test = test;
        this.runtime = b.runtime;
        shape = new ImageShape(test.channels(), test.height(), test.width());
        Dl4jModel adapter = Dl4jModel.of(network);
        ImageShape input = PaddedNetwork.inputFor(adapter, b.networkInput, shape);
        byte[] exported = b.runtime == ModelRuntime.ONNX ? exported(network, input, b.onnxFile) : null;
        onnx = exported != null ? OnnxModel.builder(exported).build() : null;
        PaddedNetwork fitted = PaddedNetwork.of(onnx != null ? onnx : adapter, shape, input);
        BackgroundOptions bgOptions = b.options.background();
        BackgroundDraw.Drawn bg = TrainingBackground.of(train.ids(), train::image, b.background, bgOptions.seed(), shape);
        backgroundSize = bg.rows().size();
        if (b.background.file().isEmpty() && backgroundSize < b.background.count()) {
            LOG.info("explain: a background of {} images was asked for, the training set has {}: all {} used",
                    b.background.count(), train.count(), backgroundSize);
        }
        ExplanationOptions options = b.options.toBuilder().background(bg.ids(), bg.rows()).keepInputs(false)
                .model("salt U-Net taking " + input, b.modelKey).build();
        int8 = b.precision == Precision.INT8 ? int8(exported, bg, input, fitted, options, b.precisionCheck) : null;
        if (int8 != null) {
            b.progressLines.accept(int8.record().summary());
            if (int8.record().aboveAdvice()) {
                b.progressLines.accept(int8.record().warning());
            }
        }
        Model model = int8 != null ? int8.model() : fitted.model();
        explainer = SegmentationExplainer.of(model, options);
        recipe = recorded(ImageExplainer.of(model, options).provenanceFor(List.of(test.ids().get(0)), List.of(image(0)))
                .toBuilder());
        boolean padded = !input.equals(shape);
        description = shape.channels() + " x " + shape.height() + " x " + shape.width()
                + (padded ? " padded to " + input.height() + " x " + input.width() : "") + " with "
                + options.explainer().kind().label() + " (" + backgroundSize + " background images "
                + (b.background.file().isPresent() ? "from " + b.background.file().get()
                : "from the training set, seed " + bgOptions.seed())
                + (bgOptions.summary() > 0 ? ", summarised by k-means to " + bgOptions.summary() + " rows" : "")
                + ", " + options.evaluation().threads() + " threads, " + (onnx != null ? "ONNX Runtime" : "DL4J")
                + (int8 != null ? " in int8" : "") + ")";
    }

    /**
     * The exported network in int8, calibrated on the background rows, its error measured on the
     * first {@code heldOut} test images (never background rows: those are training images).
     */
    private ReducedPrecision int8(byte[] exported, BackgroundDraw.Drawn bg, ImageShape input, PaddedNetwork fitted,
                                  ExplanationOptions options, int heldOut) {
        int n = Math.min(heldOut, test.count());
        List<String> ids = test.ids().subList(0, n);
        List<Image> images = java.util.stream.IntStream.range(0, n).mapToObj(this::image).toList();
        return ReducedPrecision.int8(exported, bg.rows(), input, BoundaryMode.MIRROR,
                bytes -> PaddedNetwork.of(OnnxModel.builder(bytes).build(), shape, input).model(),
                fitted.model(), options, ids, images);
    }

    /** {@code p} with what the stage adds to every sample's provenance: the runtime and, in int8, the precision record. */
    Provenance recorded(Provenance.Builder p) {
        Provenance made = p.extra(SampleFiles.ENGINE, runtime.label()).build();
        return int8 != null ? int8.recorded(made) : made;
    }

    /** The network exported to ONNX at {@code input} (serialised), written to {@code onnxFile} when one is asked for. */
    private static byte[] exported(NeuralNetwork network, ImageShape input, Path onnxFile) {
        if (!(network instanceof ComputationGraph graph)) {
            throw new IllegalArgumentException("only a ComputationGraph can be exported to ONNX, the model is a "
                    + network.getClass().getSimpleName() + "; explain it with the dl4j runtime");
        }
        byte[] bytes = OnnxExport.toBytes(graph, input, OnnxExport.Size.FIXED);
        if (onnxFile != null) {
            writeIfChanged(onnxFile, bytes);
        }
        return bytes;
    }

    /**
     * Writes {@code bytes} to {@code file} atomically unless the file already holds them (same
     * fingerprint), so an unchanged model leaves its export untouched.
     */
    static void writeIfChanged(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Fingerprint.ofFile(file).equals(Fingerprint.ofBytes(bytes))) {
                return;
            }
            AtomicFiles.write(file, bytes);
            LOG.info("explain: the network exported to ONNX in {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX export " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (int8 != null) {
            int8.close();
        }
        if (onnx != null) {
            onnx.close();
        }
    }

    /** Test image {@code index}. */
    Image image(int index) {
        return Image.of(shape, test.image(index));
    }

    /** The provenance explaining test sample {@code id} records (its image's fingerprint added). */
    Provenance provenance(String id) {
        return recipe.withExtra(SampleFiles.IMAGE_FINGERPRINT, Fingerprint.ofImages(List.of(image(test.indexOf(id)))));
    }
}
