package io.github.segshap.salt.workflow;

import io.github.segshap.dl4j.zoo.UNet;
import io.github.segshap.salt.pipeline.ResolutionMode;
import io.github.segshap.salt.preprocess.AttributeAxis;
import io.github.segshap.salt.train.SegmentationLoss;
import java.util.List;

/**
 * {@code model.json}: what the latest trained model was trained on and how it was built. Files of
 * earlier versions read too (those without {@code data_shape} trained on unpadded inputs, so their
 * input shape is the data shape).
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
 */
record ModelInfo(List<Integer> inputShape, List<Integer> dataShape, ResolutionMode resolution, AttributeAxis axis,
                 int filters, int kernel, int depth, double dropout, SegmentationLoss loss,
                 UNet.Upsampling upsampling, boolean batchNormalization, String padding, String mlflowExperiment,
                 String mlflowRun, String mlflowModel, int bestEpoch) {

    /** The data shape, or the input shape for files that predate {@code data_shape}. */
    List<Integer> dataShapeOrInput() {
        return dataShape != null ? dataShape : inputShape;
    }
}
