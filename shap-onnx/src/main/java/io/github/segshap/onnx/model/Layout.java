package io.github.segshap.onnx.model;

/**
 * Where the channel axis of an ONNX model's image input or map output sits.
 */
public enum Layout {
    /** Found from the tensor's declared shape, the channel count and a probe run (see {@link OnnxModel}). */
    AUTO,
    /** Channels first: {@code [N, C, H, W]} (PyTorch's and DL4J's default). */
    NCHW,
    /** Channels last: {@code [N, H, W, C]} (TensorFlow's and Keras' default). */
    NHWC
}
