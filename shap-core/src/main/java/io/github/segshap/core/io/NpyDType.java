package io.github.segshap.core.io;

/**
 * The element types of a {@code .npy} file that {@link Npy} reads and writes, with their NumPy
 * type descriptors. Multi-byte types are little-endian.
 */
public enum NpyDType {
    /** 64-bit IEEE float, NumPy {@code <f8} ({@code float64}). */
    FLOAT64("<f8", 8),
    /** 32-bit IEEE float, NumPy {@code <f4} ({@code float32}). */
    FLOAT32("<f4", 4),
    /** 64-bit signed integer, NumPy {@code <i8} ({@code int64}); read only as doubles or longs. */
    INT64("<i8", 8),
    /** 32-bit signed integer, NumPy {@code <i4} ({@code int32}). */
    INT32("<i4", 4),
    /** Unsigned byte, NumPy {@code |u1} ({@code uint8}). */
    UINT8("|u1", 1),
    /** Boolean stored as one byte 0 or 1, NumPy {@code |b1} ({@code bool}). */
    BOOL("|b1", 1);

    private final String descriptor;
    private final int bytes;

    NpyDType(String descriptor, int bytes) {
        this.descriptor = descriptor;
        this.bytes = bytes;
    }

    /** The NumPy type descriptor written in the header, for example {@code <f8}. */
    public String descriptor() {
        return descriptor;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * The type for a NumPy descriptor. Accepts the equivalent spellings NumPy writes on a
     * little-endian machine ({@code <u1}, {@code |i1} is not supported, {@code <b1}).
     *
     * @throws IllegalArgumentException for a big-endian or unsupported descriptor, naming it
     */
    public static NpyDType fromDescriptor(String descriptor) {
        switch (descriptor) {
            case "<f8": return FLOAT64;
            case "<f4": return FLOAT32;
            case "<i8": return INT64;
            case "<i4": return INT32;
            case "|u1": case "<u1": case "u1": return UINT8;
            case "|b1": case "<b1": case "b1": return BOOL;
            default:
                throw new IllegalArgumentException("unsupported .npy dtype '" + descriptor
                        + "' (supported: <f8, <f4, <i8, <i4, |u1, |b1; little-endian only)");
        }
    }
}
