package io.github.segshap.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A {@code .npy} file of known element type and shape written by appending its values in C order,
 * a part at a time, so an array larger than memory is written in bounded memory (the merge of a
 * Spark run's per-image folders). The header ({@link Npy}'s, byte for byte) goes first; the values
 * go to a temporary file beside the target, which {@link #finish} renames into place once exactly
 * {@code product(shape)} values were appended; {@link #close} without {@link #finish} deletes it,
 * so a reader never sees a half-written file. Every {@link Npy} write goes through this class.
 *
 * <pre>{@code
 * try (NpyAppender a = NpyAppender.open(path, NpyDType.FLOAT64, n, 3, 48, 48)) {
 *     for (double[] image : images) {
 *         a.append(image);
 *     }
 *     a.finish();
 * }
 * }</pre>
 *
 * Not thread-safe.
 */
public final class NpyAppender implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    private final Path target;
    private final Path tmp;
    private final NpyDType dtype;
    private final int[] shape;
    private final long expected;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long written;
    private boolean finished;

    private NpyAppender(Path target, Path tmp, NpyDType dtype, int[] shape, FileChannel channel) {
        this.target = target;
        this.tmp = tmp;
        this.dtype = dtype;
        this.shape = shape;
        this.expected = NpyArray.size(shape);
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(Math.max(1, CHUNK / dtype.bytes()) * dtype.bytes())
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens a temporary file beside {@code path} (its folder is created) and writes the header of an
     * array of {@code dtype} and {@code shape}.
     *
     * @throws IllegalArgumentException when the shape is negative or too large
     * @throws UncheckedIOException     naming the file when it cannot be written
     */
    public static NpyAppender open(Path path, NpyDType dtype, int... shape) {
        Path target = path.toAbsolutePath();
        int[] s = shape.clone();
        NpyArray.size(s);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            NpyAppender a = new NpyAppender(target, tmp, dtype, s, ch);
            a.writeFully(ByteBuffer.wrap(Npy.header(dtype, s)));
            return a;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The file this appender writes. */
    public Path target() {
        return target;
    }

    /** Appends float64 values (a float64 file only). */
    public void append(double[] values) {
        require(NpyDType.FLOAT64, values.length);
        for (double v : values) {
            room().putDouble(v);
        }
        written += values.length;
    }

    /** Appends float32 values (a float32 file only). */
    public void append(float[] values) {
        require(NpyDType.FLOAT32, values.length);
        for (float v : values) {
            room().putFloat(v);
        }
        written += values.length;
    }

    /** Appends int32 values (an int32 file only). */
    public void append(int[] values) {
        require(NpyDType.INT32, values.length);
        for (int v : values) {
            room().putInt(v);
        }
        written += values.length;
    }

    /** Appends uint8 values (a uint8 file only). */
    public void appendUint8(byte[] values) {
        require(NpyDType.UINT8, values.length);
        for (byte v : values) {
            room().put(v);
        }
        written += values.length;
    }

    /** Appends bool values as bytes 0 and 1 (a bool file only). */
    public void append(boolean[] values) {
        require(NpyDType.BOOL, values.length);
        for (boolean v : values) {
            room().put(v ? (byte) 1 : (byte) 0);
        }
        written += values.length;
    }

    /**
     * Writes what is buffered, forces it to the disk and renames the file into place.
     *
     * @throws IllegalStateException when fewer values than the shape holds were appended
     * @throws UncheckedIOException  naming the file when it cannot be written
     */
    public void finish() {
        if (written != expected) {
            throw new IllegalStateException(target + ": " + written + " of the " + expected + " values of shape "
                    + Arrays.toString(shape) + " were appended");
        }
        try {
            flush();
            channel.force(false);
            channel.close();
            AtomicFiles.move(tmp, target);
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file; without {@link #finish} the temporary file is deleted and the target left as it was. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the temporary file is deleted next
        }
        deleteQuietly(tmp);
        finished = true;
    }

    private void require(NpyDType type, int count) {
        if (finished) {
            throw new IllegalStateException(target + " is finished or closed");
        }
        if (type != dtype) {
            throw new IllegalStateException(target + " holds " + dtype.descriptor() + ", not " + type.descriptor());
        }
        if (written + count > expected) {
            throw new IllegalStateException(target + ": " + (written + count) + " values appended, but shape "
                    + Arrays.toString(shape) + " holds " + expected);
        }
    }

    private ByteBuffer room() {
        if (!buffer.hasRemaining()) {
            try {
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
        return buffer;
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and named after the target
        }
    }
}
