package io.github.segshap.dl4j;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.dl4j.images.Images;
import io.github.segshap.dl4j.model.Dl4jModel;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Explains a Deeplearning4j segmentation model's predicted maps in one line:
 * <pre>{@code
 * Explanations maps = SegmentationExplainer.explain(network, images);
 * double[][] channel2 = maps.contributionMap(0, 2, 0);   // image 0: channel 2's share of every pixel
 * ExplanationFolder.write(maps, outDir);                   // NumPy arrays + provenance
 * }</pre>
 * The DL4J convenience over shap-core's model-agnostic {@link ImageExplainer}: networks are wrapped
 * with {@link Dl4jModel#of}, {@code INDArray} and {@code float[][][][]} images are converted with
 * {@link Images} (NaN or infinite pixels are named with their image, channel, row and column), and
 * the images are checked against what the network takes before anything is explained. For every
 * image: a base-value map, one contribution map per player and the prediction map, which add up
 * ({@code base + sum of contributions = prediction}) at every pixel, and the
 * {@link io.github.segshap.core.provenance.Provenance} that made them.
 *
 * <p><b>Options</b> are shap-core's one immutable {@link ExplanationOptions} value; the one-liners
 * use its defaults (one player per channel; a background of up to 100 of the images, seed 42;
 * exact Shapley values up to 10 players and Kernel SHAP above; seed 42; additivity checked; one
 * thread per processor; batches within the model's memory budget,
 * {@link Model#memoryBudget()}). Anything else is set on {@link ExplanationOptions#builder()} and
 * handed over whole:
 * <pre>{@code
 * ExplanationOptions options = ExplanationOptions.builder()
 *         .channelNames("seismic", "energy", "semblance", "sobel")
 *         .explainer(ExplainerKind.KERNEL).budget(500)          // 500 coalitions per image
 *         .background(Images.fromNchw(trainingImages)).build();
 * Explanations maps = SegmentationExplainer.of(network, options).explain(images);
 * }</pre>
 * Pass a {@link Dl4jModel} built by hand for other model options (NHWC input, output index, its
 * memory budget, replicas).
 *
 * <p><b>Errors</b> (all {@link IllegalArgumentException}s naming the problem): an empty image list;
 * images of different shapes; NaN or infinite pixels; a background of another shape; a channel
 * count or image size the network cannot take
 * ({@link io.github.segshap.core.model.IncompatibleInputException}, suggesting a padded size);
 * a single image without a background (every contribution would be zero).
 */
public final class SegmentationExplainer {
    private final Model model;
    private final ImageExplainer explainer;

    private SegmentationExplainer(Model model, ExplanationOptions options) {
        this.model = model;
        this.explainer = ImageExplainer.of(model, options);
    }

    // ---------------------------------------------------------------- one-liners

    /** Explains every image with the defaults (see the class comment). */
    public static Explanations explain(NeuralNetwork network, List<Image> images) {
        return of(network, ExplanationOptions.defaults()).explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array with the defaults. */
    public static Explanations explain(NeuralNetwork network, INDArray images) {
        return of(network, ExplanationOptions.defaults()).explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array with the defaults. */
    public static Explanations explain(NeuralNetwork network, float[][][][] images) {
        return of(network, ExplanationOptions.defaults()).explain(images);
    }

    /** Explains every image for any shap-core model with the defaults. */
    public static Explanations explain(Model model, List<Image> images) {
        return of(model, ExplanationOptions.defaults()).explain(images);
    }

    /** Explains every image of an {@code [N, C, H, W]} array for any shap-core model. */
    public static Explanations explain(Model model, INDArray images) {
        return of(model, ExplanationOptions.defaults()).explain(images);
    }

    /** Explains every image of a {@code [image][channel][row][column]} array for any shap-core model. */
    public static Explanations explain(Model model, float[][][][] images) {
        return of(model, ExplanationOptions.defaults()).explain(images);
    }

    /**
     * An explainer of a {@code ComputationGraph} or {@code MultiLayerNetwork} with these options
     * (e.g. from {@link ExplanationOptions#builder()} or {@link ExplanationOptions#fromProvenance});
     * without a model description in the options the provenance describes the network (its class
     * and parameter count).
     */
    public static SegmentationExplainer of(NeuralNetwork network, ExplanationOptions options) {
        Objects.requireNonNull(options, "options");
        ExplanationOptions described = options.modelDescription().isPresent() ? options
                : options.toBuilder().model(describe(network), options.modelFingerprint()).build();
        return of(Dl4jModel.of(network), described);
    }

    /** An explainer of any shap-core model (e.g. a configured {@link Dl4jModel}) with these options. */
    public static SegmentationExplainer of(Model model, ExplanationOptions options) {
        return new SegmentationExplainer(Objects.requireNonNull(model, "model"), Objects.requireNonNull(options,
                "options"));
    }

    private static String describe(NeuralNetwork network) {
        INDArray params = network.params();
        return "DL4J " + network.getClass().getSimpleName() + ", " + (params == null ? 0 : params.length())
                + " parameters";
    }

    // ---------------------------------------------------------------- explaining

    /** The options. */
    public ExplanationOptions options() {
        return explainer.options();
    }

    /** Explains images given as an {@code [N, C, H, W]} array. */
    public Explanations explain(INDArray images) {
        return explain(Images.fromNchw(images));
    }

    /** Explains images given as {@code [image][channel][row][column]}. */
    public Explanations explain(float[][][][] images) {
        return explain(Images.of(images));
    }

    /** Explains one image; needs a background or masker in the options. */
    public Explanations explain(Image image) {
        return explain(List.of(image));
    }

    /**
     * Explains every image, in order, with ids {@code "0" .. "N-1"}.
     *
     * @throws IllegalArgumentException for the bad inputs listed in the class comment
     * @throws io.github.segshap.core.explanation.AdditivityException when the check is on and fails
     */
    public Explanations explain(List<Image> images) {
        requireCompatible(images);
        return explainer.explain(images);
    }

    /** Explains every image, in order, under the given ids (e.g. sample ids). */
    public Explanations explain(List<String> ids, List<Image> images) {
        requireCompatible(images);
        return explainer.explain(ids, images);
    }

    /**
     * Explains the images {@code batchSize} at a time and hands each batch's result to
     * {@code sink}; see {@link ImageExplainer#explain(List, List, int, Consumer)}. Only the first
     * image is checked against the network up front; the others must have its shape.
     */
    public void explain(List<String> ids, List<Image> images, int batchSize, Consumer<Explanations> sink) {
        if (images != null && !images.isEmpty() && model instanceof Dl4jModel dl4j) {
            dl4j.requireCompatible(images.get(0).shape());
        }
        explainer.explain(ids, images, batchSize, sink);
    }

    private void requireCompatible(List<Image> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images to explain: the list is empty");
        }
        ImageShape shape = Images.requireOneShape(images);
        if (model instanceof Dl4jModel dl4j) {
            dl4j.requireCompatible(shape);
        }
    }
}
