package io.github.segshap.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable n-dimensional array read from a {@code .npy} file: its element type, its shape and
 * its values in C (row-major) order. Conversions return fresh copies.
 */
public final class NpyArray {
    private final NpyDType dtype;
    private final int[] shape;
    private final byte[] littleEndianData;

    NpyArray(NpyDType dtype, int[] shape, byte[] littleEndianData) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.littleEndianData = littleEndianData;
        long expected = (long) size(shape) * dtype.bytes();
        if (expected != littleEndianData.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.descriptor()
                    + " needs " + expected + " bytes, got " + littleEndianData.length);
        }
    }

    /** The element type stored in the file. */
    public NpyDType dtype() {
        return dtype;
    }

    /** The shape (a copy); empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements (the product of the shape; 1 for a scalar). */
    public int size() {
        return size(shape);
    }

    /** The values as doubles in C order; every supported type converts exactly. */
    public double[] toDoubles() {
        int n = size();
        double[] out = new double[n];
        ByteBuffer b = buffer();
        switch (dtype) {
            case FLOAT64: b.asDoubleBuffer().get(out); break;
            case FLOAT32: for (int i = 0; i < n; i++) { out[i] = b.getFloat(4 * i); } break;
            case INT64: for (int i = 0; i < n; i++) { out[i] = b.getLong(8 * i); } break;
            case INT32: for (int i = 0; i < n; i++) { out[i] = b.getInt(4 * i); } break;
            case UINT8: case BOOL: for (int i = 0; i < n; i++) { out[i] = littleEndianData[i] & 0xFF; } break;
            default: throw new IllegalStateException(dtype.toString());
        }
        return out;
    }

    /**
     * The values as floats in C order.
     *
     * @throws IllegalStateException for {@code <f8} and {@code <i8} data, which would lose
     *                               precision (use {@link #toDoubles()})
     */
    public float[] toFloats() {
        int n = size();
        float[] out = new float[n];
        ByteBuffer b = buffer();
        switch (dtype) {
            case FLOAT32: b.asFloatBuffer().get(out); break;
            case INT32: for (int i = 0; i < n; i++) { out[i] = b.getInt(4 * i); } break;
            case UINT8: case BOOL: for (int i = 0; i < n; i++) { out[i] = littleEndianData[i] & 0xFF; } break;
            default:
                throw new IllegalStateException("cannot read " + dtype.descriptor() + " data as float without loss;"
                        + " use toDoubles()");
        }
        return out;
    }

    /**
     * The values as ints in C order.
     *
     * @throws IllegalStateException unless the data is {@code <i4}, {@code |u1} or {@code |b1}
     */
    public int[] toInts() {
        int n = size();
        int[] out = new int[n];
        ByteBuffer b = buffer();
        switch (dtype) {
            case INT32: b.asIntBuffer().get(out); break;
            case UINT8: case BOOL: for (int i = 0; i < n; i++) { out[i] = littleEndianData[i] & 0xFF; } break;
            default: throw new IllegalStateException("cannot read " + dtype.descriptor() + " data as int");
        }
        return out;
    }

    /**
     * The raw bytes of {@code |u1} or {@code |b1} data (unsigned values: use {@code b & 0xFF}).
     *
     * @throws IllegalStateException for other types
     */
    public byte[] toBytes() {
        if (dtype != NpyDType.UINT8 && dtype != NpyDType.BOOL) {
            throw new IllegalStateException("cannot read " + dtype.descriptor() + " data as bytes");
        }
        return littleEndianData.clone();
    }

    /** The values as booleans (non-zero is true) in C order. */
    public boolean[] toBooleans() {
        double[] d = toDoubles();
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] != 0;
        }
        return out;
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(littleEndianData).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descriptor() + " " + Arrays.toString(shape) + "]";
    }
}
