package io.github.segshap.onnx.model;

import ai.onnxruntime.OnnxJavaType;

/** The value of an input that does not take the images (values and dims owned, never exposed). */
record ConstantInput(double[] values, long[] dims, OnnxJavaType type) {
}
