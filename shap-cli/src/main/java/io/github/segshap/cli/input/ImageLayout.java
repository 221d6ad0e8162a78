package io.github.segshap.cli.input;

/** Where the channel axis sits in an image array given on the command line. */
public enum ImageLayout {
    /** {@code [N, C, H, W]}: channels first (PyTorch's default). */
    NCHW,
    /** {@code [N, H, W, C]}: channels last (TensorFlow's and Keras' default). */
    NHWC;

    /** The axes as the messages spell them, e.g. {@code [N, C, H, W]}. */
    public String axes() {
        return this == NCHW ? "[N, C, H, W]" : "[N, H, W, C]";
    }
}
