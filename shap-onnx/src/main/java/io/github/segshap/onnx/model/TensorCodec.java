package io.github.segshap.onnx.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.OutputShape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Converts between shap-core's double images and outputs and a model's ONNX tensors: the input
 * (given in the signature's layout, so copied in order) in its element type (float32 or float64),
 * the constant inputs, and the output map back to channel-first doubles ({@link Layout#copy} for a
 * channels-last map). Each call owns the tensors it creates.
 */
final class TensorCodec {
    private final OrtEnvironment env;
    private final Signature signature;

    TensorCodec(OrtEnvironment env, Signature signature) {
        this.env = env;
        this.signature = signature;
    }

    /**
     * The input tensor of {@code rows} images from {@code count} images starting at {@code first} in
     * {@code values}, which are in the signature's input layout; rows beyond {@code count} repeat the
     * last image (fixed batches).
     */
    OnnxTensor input(double[] values, int first, int count, int rows, ImageShape shape)
            throws OrtException {
        int size = shape.size();
        long[] dims = signature.inputLayout == Layout.NHWC
                ? new long[] {rows, shape.height(), shape.width(), shape.channels()}
                : new long[] {rows, shape.channels(), shape.height(), shape.width()};
        int bytes = signature.inputType == OnnxJavaType.DOUBLE ? 8 : 4;
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(rows, size), bytes))
                .order(ByteOrder.nativeOrder());
        if (signature.inputType == OnnxJavaType.DOUBLE) {
            DoubleBuffer d = buffer.asDoubleBuffer();
            for (int r = 0; r < rows; r++) {
                int base = (first + Math.min(r, count - 1)) * size;
                d.put(values, base, size);
            }
            return OnnxTensor.createTensor(env, d.rewind(), dims);
        }
        FloatBuffer f = buffer.asFloatBuffer();
        for (int r = 0; r < rows; r++) {
            int base = (first + Math.min(r, count - 1)) * size; // padding rows repeat the last image
            for (int i = 0; i < size; i++) {
                f.put((float) values[base + i]);
            }
        }
        return OnnxTensor.createTensor(env, f.rewind(), dims);
    }

    /** Adds a tensor for every constant input to {@code inputs} (the caller closes them). */
    void addConstants(Map<String, OnnxTensor> inputs) throws OrtException {
        for (Map.Entry<String, ConstantInput> e : signature.constants.entrySet()) {
            ConstantInput c = e.getValue();
            OnnxTensor t = c.type() == OnnxJavaType.DOUBLE
                    ? OnnxTensor.createTensor(env, DoubleBuffer.wrap(c.values()), c.dims())
                    : OnnxTensor.createTensor(env, FloatBuffer.wrap(toFloats(c.values())), c.dims());
            inputs.put(e.getKey(), t);
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /**
     * Copies the first {@code count} of {@code rows} images' outputs into {@code dest} from {@code offset},
     * channel-first, checking that the tensor holds {@code outputShape} per image.
     */
    void copyOutput(OrtSession.Result result, int count, int rows, OutputShape outputShape, Layout outputLayout,
                    double[] dest, int offset)
            throws OrtException {
        OnnxTensor t = outputTensor(result);
        long[] shape = t.getInfo().getShape();
        int k = outputShape.size();
        if (shape.length == 0 || shape[0] != rows || t.getInfo().getNumElements() != (long) rows * k) {
            throw new IllegalStateException("output '" + signature.outputName + "' of " + signature.source + " has shape "
                    + Arrays.toString(shape) + " for a run of " + rows + " images, but the probe run gave "
                    + outputShape + " per image");
        }
        int planes = outputShape.dim(0);
        int values = count * k;
        boolean nhwc = outputLayout == Layout.NHWC;
        double[] read = nhwc ? new double[values] : dest;
        int at = nhwc ? 0 : offset;
        if (t.getInfo().type == OnnxJavaType.DOUBLE) {
            t.getDoubleBuffer().get(read, at, values);
        } else {
            FloatBuffer b = t.getFloatBuffer();
            for (int i = 0; i < values; i++) {
                read[at + i] = b.get(i);
            }
        }
        if (nhwc) {
            Layout.copy(Layout.NHWC, read, 0, Layout.NCHW, dest, offset, count, planes, k / planes);
        }
    }

    /** The explained output of a run, which must be a tensor. */
    OnnxTensor outputTensor(OrtSession.Result result) {
        OnnxValue v = result.get(signature.outputName).orElseThrow(() -> new IllegalStateException(
                "ONNX Runtime returned no output '" + signature.outputName + "' from " + signature.source));
        if (!(v instanceof OnnxTensor t)) {
            throw new IllegalArgumentException("output '" + signature.outputName + "' of " + signature.source + " is a "
                    + v.getType() + ", not a tensor map");
        }
        return t;
    }
}
