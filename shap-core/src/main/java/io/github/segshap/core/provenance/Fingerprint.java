package io.github.segshap.core.provenance;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 fingerprints, written {@code sha256:<64 hex digits>}, of the things a result is made
 * from: images (shape and every value's IEEE bits, in order), raw arrays and files. Two images
 * have the same fingerprint exactly when they have the same shape and the same values bit for bit.
 */
public final class Fingerprint {
    /** The prefix of every fingerprint. */
    public static final String PREFIX = "sha256:";

    private Fingerprint() {
    }

    /** The fingerprint of images, in order (their shapes and values). */
    public static String ofImages(List<Image> images) {
        OfImages f = new OfImages(images.size());
        images.forEach(f::add);
        return f.value();
    }

    /**
     * {@link #ofImages} computed one image at a time, in bounded memory, for a count known in
     * advance: {@code new OfImages(n)}, {@code add} each image in order, then {@code value()}.
     */
    public static final class OfImages {
        private final MessageDigest md = sha256();
        private final int count;
        private int added;

        /** @param count how many images will be added */
        public OfImages(int count) {
            this.count = count;
            ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(count);
            md.update(header.array());
        }

        /** Adds the next image. */
        public void add(Image image) {
            ImageShape s = image.shape();
            ByteBuffer b = ByteBuffer.allocate(3 * Integer.BYTES + s.size() * Double.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(s.channels()).putInt(s.height()).putInt(s.width());
            for (int i = 0; i < s.size(); i++) {
                b.putDouble(image.valueAt(i));
            }
            md.update(b.array());
            added++;
        }

        /**
         * The fingerprint of the images added.
         *
         * @throws IllegalStateException when not exactly the announced count was added
         */
        public String value() {
            if (added != count) {
                throw new IllegalStateException(added + " images were fingerprinted, " + count + " announced");
            }
            return PREFIX + HexFormat.of().formatHex(md.digest());
        }
    }

    /** The fingerprint of bytes. */
    public static String ofBytes(byte[] bytes) {
        return PREFIX + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * The fingerprint of a file's bytes, read in a stream (any size).
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static String ofFile(Path file) {
        MessageDigest md = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to fingerprint it: " + e.getMessage(), e);
        }
        return PREFIX + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
