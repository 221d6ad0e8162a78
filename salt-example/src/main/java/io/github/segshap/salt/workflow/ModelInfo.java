package io.github.segshap.salt.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.segshap.zoo.UNet;
import io.github.segshap.salt.prepare.ResolutionMode;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.train.SegmentationLoss;
import java.util.List;

/**
 * {@code model.json}: what the latest trained model was trained on and how it was built. The same
 * record, without {@link #modelFingerprint()}, is stored inside the model file ({@link ModelFile}), so
 * a model says what it takes even without {@code model.json}. Files of earlier versions read too
 * (those without {@code data_shape} trained on unpadded inputs, so their input shape is the data
 * shape; those without fingerprints have null ones).
 *
 * <p>What later stages key their results by: {@link #modelFingerprint()} (the model file) and
 * {@link #dataFingerprint()} (the prepared data it was trained on, {@link
 * io.github.segshap.salt.prepare.PreparedData#fingerprint()}).
 *
 * @param inputShape         the padded input the network takes: channels, height, width
 * @param dataShape          the data's shape: channels, height, width
 * @param resolution         resolution mode of the data
 * @param axis               attribute axis of the data
 * @param filters            U-Net filters of the first level
 * @param kernel             U-Net kernel size
 * @param depth              U-Net depth
 * @param dropout            dropout rate in training
 * @param loss               training loss
 * @param upsampling         decoder up-sampling
 * @param batchNormalization whether the U-Net normalises batches
 * @param padding            how the data is padded to the input shape, for people
 * @param mlflowExperiment   MLflow experiment id
 * @param mlflowRun          MLflow run id
 * @param mlflowModel        the model artifact, relative to the run folder
 * @param bestEpoch          the epoch whose weights the model holds
 * @param dataFingerprint    {@code sha256:...} of the prepared data it was trained on (its input files
 *                           and options), null in files that predate it
 * @param modelFingerprint   {@code sha256:...} of {@code model.zip}, null inside the model file itself
 *                           and in files that predate it
 * @param nd4jThreads        nd4j's thread count during training (training is bit-reproducible for the
 *                           same count only), null in files that predate it
 * @param version            the segshap version that trained it, null in files that predate it
 */
public record ModelInfo(List<Integer> inputShape, List<Integer> dataShape, ResolutionMode resolution,
                        AttributeAxis axis, int filters, int kernel, int depth, double dropout, SegmentationLoss loss,
                        UNet.Upsampling upsampling, boolean batchNormalization, String padding,
                        String mlflowExperiment, String mlflowRun, String mlflowModel, int bestEpoch,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String dataFingerprint,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String modelFingerprint,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer nd4jThreads,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String version) {

    /** This record naming the model file's fingerprint. */
    ModelInfo withModelFingerprint(String fingerprint) {
        return new ModelInfo(inputShape, dataShape, resolution, axis, filters, kernel, depth, dropout, loss, upsampling,
                batchNormalization, padding, mlflowExperiment, mlflowRun, mlflowModel, bestEpoch, dataFingerprint,
                fingerprint, nd4jThreads, version);
    }

    /** The data shape, or the input shape for files that predate {@code data_shape}. */
    List<Integer> dataShapeOrInput() {
        return dataShape != null ? dataShape : inputShape;
    }
}
