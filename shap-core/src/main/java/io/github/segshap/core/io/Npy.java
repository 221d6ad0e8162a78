package io.github.segshap.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files, so arrays saved by Java open with
 * {@code numpy.load(path)} and arrays saved by NumPy open here.
 *
 * <p>Writing uses format version 1.0 (2.0 only when a header would exceed 65535 bytes), C order,
 * little-endian, with the header padded so that the data starts at a multiple of 64 bytes, as
 * NumPy does. Every write is atomic: the array goes to a temporary file in the target's folder
 * which is then moved over the target, so a reader never sees a half-written file; {@link NpyAppender}
 * writes an array a part at a time, in bounded memory.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, C order, and the types of
 * {@link NpyDType}. A Fortran-ordered, big-endian or truncated file is rejected with an
 * {@link NpyFormatException} naming the file.
 *
 * <pre>{@code
 * Npy.write(path, values, 2, 3, 48, 48);      // float64 NCHW
 * NpyArray a = Npy.read(path);                 // a.shape() == {2, 3, 48, 48}
 * double[] back = a.toDoubles();
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Writes {@code float64} values.
     *
     * @param path  target file (parent folders are created)
     * @param data  values in C order, {@code product(shape)} of them; not modified
     * @param shape the array's shape; none for a 1-D array of {@code data.length}
     * @throws IllegalArgumentException if the shape does not match the data length
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static void write(Path path, double[] data, int... shape) {
        try (NpyAppender a = NpyAppender.open(path, NpyDType.FLOAT64, shapeFor(data.length, shape))) {
            a.append(data);
            a.finish();
        }
    }

    /** Writes {@code float32} values; see {@link #write(Path, double[], int...)}. */
    public static void write(Path path, float[] data, int... shape) {
        try (NpyAppender a = NpyAppender.open(path, NpyDType.FLOAT32, shapeFor(data.length, shape))) {
            a.append(data);
            a.finish();
        }
    }

    /** Writes {@code int32} values; see {@link #write(Path, double[], int...)}. */
    public static void write(Path path, int[] data, int... shape) {
        try (NpyAppender a = NpyAppender.open(path, NpyDType.INT32, shapeFor(data.length, shape))) {
            a.append(data);
            a.finish();
        }
    }

    /**
     * Writes {@code uint8} values (each byte read as unsigned 0..255 by NumPy); see
     * {@link #write(Path, double[], int...)}.
     */
    public static void writeUint8(Path path, byte[] data, int... shape) {
        try (NpyAppender a = NpyAppender.open(path, NpyDType.UINT8, shapeFor(data.length, shape))) {
            a.appendUint8(data);
            a.finish();
        }
    }

    /** Writes {@code bool} values; see {@link #write(Path, double[], int...)}. */
    public static void write(Path path, boolean[] data, int... shape) {
        try (NpyAppender a = NpyAppender.open(path, NpyDType.BOOL, shapeFor(data.length, shape))) {
            a.append(data);
            a.finish();
        }
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws NpyFormatException   if the file is not a supported {@code .npy} array, naming it
     * @throws UncheckedIOException if it cannot be read
     */
    public static NpyArray read(Path path) {
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        Header h;
        try {
            h = header(path, all, all.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return new NpyArray(h.dtype(), h.shape(), Arrays.copyOfRange(all, (int) h.dataStart(), all.length));
    }

    /**
     * Reads {@code count} elements of a {@code .npy} file from element {@code first} on (in C order),
     * without reading the rest: e.g. the rows of images {@code first / rowSize ..} of an array
     * {@code [N, ...]}. The file's header is checked as {@link #read} checks it.
     *
     * @return the elements as a 1-D array of the file's type
     * @throws NpyFormatException   if the file is not a supported {@code .npy} array, or holds fewer elements
     * @throws UncheckedIOException if it cannot be read
     */
    public static NpyArray readElements(Path path, long first, int count) {
        Header h = header(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = NpyArray.size(h.shape());
            if (first < 0 || count < 0 || first + count > size) {
                throw new NpyFormatException(path, "elements " + first + ".." + (first + count) + " requested but"
                        + " the array " + Arrays.toString(h.shape()) + " has " + size);
            }
            int bytes = h.dtype().bytes();
            byte[] data = readFully(path, ch, h.dataStart() + first * bytes, count * bytes);
            return new NpyArray(h.dtype(), new int[] {count}, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The type and shape of a {@code .npy} file, from its header alone (checked as {@link #read} does). */
    static Header header(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return header(path, readFully(path, ch, 0, (int) Math.min(ch.size(), 12)), ch.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A {@code .npy} header: element type, shape and the offset of the first data byte. */
    record Header(NpyDType dtype, int[] shape, long dataStart) {
    }

    private static byte[] readFully(Path path, FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new NpyFormatException(path, "truncated: " + length + " bytes wanted at offset " + at);
            }
        }
        return b.array();
    }

    /**
     * Parses the header at the start of {@code start} (a prefix of the file, or all of it), reading
     * the rest of a longer header from the file when {@code start} ends before it.
     */
    private static Header header(Path path, byte[] start, long fileLength) throws IOException {
        byte[] all = start;
        if (all.length < 10 || !Arrays.equals(Arrays.copyOf(all, 6), MAGIC)) {
            throw new NpyFormatException(path, "not a .npy file (bad magic string)");
        }
        int major = all[6] & 0xFF;
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (all.length < 12) {
                throw new NpyFormatException(path, "truncated header");
            }
            headerLength = b.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new NpyFormatException(path, "unsupported format version " + major + "." + (all[7] & 0xFF));
        }
        if (headerStart + headerLength > fileLength) {
            throw new NpyFormatException(path, "truncated header (" + headerLength + " bytes declared, "
                    + (fileLength - headerStart) + " present)");
        }
        if (headerStart + headerLength > all.length) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                all = readFully(path, ch, 0, (int) (headerStart + headerLength));
            }
        }
        String header = new String(all, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyDType dtype;
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(path, "header has no 'descr': " + header.trim());
        }
        try {
            dtype = NpyDType.fromDescriptor(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(path, e.getMessage());
        }
        Matcher f = FORTRAN.matcher(header);
        if (!f.find()) {
            throw new NpyFormatException(path, "header has no 'fortran_order': " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw new NpyFormatException(path, "Fortran-ordered arrays are not supported (save with C order)");
        }
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) {
            throw new NpyFormatException(path, "header has no 'shape': " + header.trim());
        }
        int[] shape = parseShape(path, s.group(1));
        long dataStart = headerStart + headerLength;
        long expected;
        try {
            expected = (long) NpyArray.size(shape) * dtype.bytes();
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(path, e.getMessage());
        }
        long present = fileLength - dataStart;
        if (present != expected) {
            throw new NpyFormatException(path, "shape " + Arrays.toString(shape) + " of " + dtype.descriptor()
                    + " needs " + expected + " data bytes but the file has " + present
                    + (present < expected ? " (truncated)" : " (trailing bytes)"));
        }
        return new Header(dtype, shape, dataStart);
    }

    private static int[] parseShape(Path path, String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String q = p.trim();
            if (q.endsWith("L")) {
                q = q.substring(0, q.length() - 1);
            }
            if (q.isEmpty()) {
                continue;
            }
            try {
                shape[count++] = Integer.parseInt(q);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(path, "bad shape (" + text + ")");
            }
        }
        return Arrays.copyOf(shape, count);
    }

    private static int[] shapeFor(int length, int[] shape) {
        if (shape == null || shape.length == 0) {
            return new int[] {length};
        }
        int n = NpyArray.size(shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements but the data has " + length);
        }
        return shape.clone();
    }

    static byte[] header(NpyDType dtype, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.descriptor())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sb.append(shape.length == 1 ? "," : ", ");
            }
        }
        sb.append("), }");
        int prefix = 10;
        int total = prefix + sb.length() + 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        int major = 1;
        if (padded - prefix > 0xFFFF) {
            major = 2;
            prefix = 12;
            total = prefix + sb.length() + 1;
            padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        }
        while (prefix + sb.length() + 1 < padded) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) text.length);
        } else {
            out.putInt(text.length);
        }
        out.put(text);
        return out.array();
    }
}
