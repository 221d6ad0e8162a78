package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reading float initializers and writing the quantizer's constants (little-endian raw data). */
final class Tensors {
    private Tensors() {
    }

    /** The values of a float32 initializer (raw data or {@code float_data}). */
    static float[] floats(OnnxMl.TensorProto t) {
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("initializer '" + t.getName() + "' is not float32 (ONNX type "
                    + t.getDataType() + ")");
        }
        if (!t.getRawData().isEmpty()) {
            float[] v = new float[t.getRawData().size() / 4];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    /** A float32 tensor. */
    static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT_VALUE, b.array(), dims);
    }

    /** An int8 or uint8 tensor of the bytes given. */
    static OnnxMl.TensorProto bytes(String name, boolean signed, byte[] values, long... dims) {
        return tensor(name, signed ? OnnxMl.TensorProto.DataType.INT8_VALUE : OnnxMl.TensorProto.DataType.UINT8_VALUE,
                values.clone(), dims);
    }

    /** An int32 tensor. */
    static OnnxMl.TensorProto ints(String name, int[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.INT32_VALUE, b.array(), dims);
    }

    private static OnnxMl.TensorProto tensor(String name, int type, byte[] raw, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
