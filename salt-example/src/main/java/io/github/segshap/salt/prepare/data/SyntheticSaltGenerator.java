package io.github.segshap.salt.prepare.data;

import io.github.segshap.salt.SaltDefaults;
import io.github.segshap.salt.io.FileTrees;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * A deterministic generator of a small salt-like data set in the TGS layout, so the example runs on
 * a machine without the real data. Real results need the TGS data.
 *
 * <p>Each sample {@code i} depends only on {@code (seed, i)}:
 * <ul>
 *   <li>layered reflectors: three sinusoidal layers with random period, dip and gentle folding,
 *       plus Gaussian noise, mapped to 8-bit grey around 128;</li>
 *   <li>about 62% of the samples contain a salt body: an irregular star-shaped region
 *       ({@link SaltBody}: a radius {@code R (1 + sum a_k cos(k theta + phi_k))}, k = 2..4, around a
 *       centre that may lie partly outside the tile) where the layers fade to a weak chaotic texture,
 *       with a bright boundary reflection; its mask is exactly the pixels whose centres lie inside
 *       the body (so a body that falls outside the tile gives an empty mask);</li>
 *   <li>about 2% are constant images (like the 80 of the 4000 TGS tiles), which have undefined GST
 *       similarity and exercise the pipeline's NaN policy; the others without a body have empty masks.</li>
 * </ul>
 * Images are written as 8-bit grey PNGs, non-empty masks as 16-bit grey PNGs with values 0 / 65535
 * and empty masks as 8-bit all-zero PNGs, like TGS. Ids are 10 hex digits, distinct for distinct
 * {@code i}.
 */
public final class SyntheticSaltGenerator {
    /** Samples of the generated data set by default: 256 train, 64 validation, 80 test after the split. */
    public static final int DEFAULT_COUNT = 400;
    /** Version of the generating recipe; part of the marker of a written data set. */
    public static final int VERSION = 1;
    private static final long MASK40 = (1L << 40) - 1;
    private static final String MARKER = "synthetic.properties";

    private final int count;
    private final long seed;
    private final int size;

    private SyntheticSaltGenerator(Builder b) {
        this.count = b.count;
        this.seed = b.seed;
        this.size = b.size;
    }

    /**
     * A builder: {@value #DEFAULT_COUNT} samples of 101 x 101, seed {@value SaltDefaults#SEED}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link SyntheticSaltGenerator}. */
    public static final class Builder {
        private int count = DEFAULT_COUNT;
        private long seed = SaltDefaults.SEED;
        private int size = 101;

        private Builder() {
        }

        /** Number of samples; default {@value #DEFAULT_COUNT}. */
        public Builder count(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, got " + count);
            }
            this.count = count;
            return this;
        }

        /** Seed; default {@value SaltDefaults#SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Image side in pixels; default 101 (the TGS size). */
        public Builder size(int size) {
            if (size < 8) {
                throw new IllegalArgumentException("size must be at least 8, got " + size);
            }
            this.size = size;
            return this;
        }

        /** The generator. */
        public SyntheticSaltGenerator build() {
            return new SyntheticSaltGenerator(this);
        }
    }

    /** Number of samples. */
    public int count() {
        return count;
    }

    /** Seed. */
    public long seed() {
        return seed;
    }

    /** Image side. */
    public int size() {
        return size;
    }

    /**
     * An irregular salt body: the points {@code (row, column)} with
     * {@code d <= radius(theta)} where {@code d} and {@code theta} are the distance and angle from
     * the centre and {@code radius(theta) = r0 (1 + sum_k a[k] cos((k + 2) theta + phi[k]))}.
     *
     * @param centreRow    centre row (may lie outside the tile)
     * @param centreColumn centre column (may lie outside the tile)
     * @param r0           mean radius in pixels
     * @param a            harmonic amplitudes for k = 2, 3, 4 (sum of magnitudes below 0.6)
     * @param phi          harmonic phases
     */
    public record SaltBody(double centreRow, double centreColumn, double r0, double[] a, double[] phi) {
        /** Copies the arrays. */
        public SaltBody {
            a = a.clone();
            phi = phi.clone();
        }

        /** The boundary radius at angle {@code theta}. */
        public double radius(double theta) {
            double r = 1;
            for (int k = 0; k < a.length; k++) {
                r += a[k] * Math.cos((k + 2) * theta + phi[k]);
            }
            return r0 * r;
        }

        /** Signed distance-like value: negative inside, positive outside (radial, in pixels). */
        public double radialOffset(double row, double column) {
            double dr = row - centreRow;
            double dc = column - centreColumn;
            return Math.hypot(dr, dc) - radius(Math.atan2(dr, dc));
        }

        /** True when the pixel centre {@code (row, column)} lies inside the body. */
        public boolean contains(int row, int column) {
            return radialOffset(row, column) <= 0;
        }

        @Override
        public double[] a() {
            return a.clone();
        }

        @Override
        public double[] phi() {
            return phi.clone();
        }
    }

    /**
     * One generated sample.
     *
     * @param id    10 hex digits
     * @param image 8-bit grey values, row-major
     * @param mask  salt pixels, row-major
     * @param body  the salt body, if the sample has one
     */
    public record Sample(String id, byte[] image, boolean[] mask, Optional<SaltBody> body) {
        /** Copies the arrays. */
        public Sample {
            image = image.clone();
            mask = mask.clone();
        }

        @Override
        public byte[] image() {
            return image.clone();
        }

        @Override
        public boolean[] mask() {
            return mask.clone();
        }
    }

    /** The id of sample {@code index}: a bijection of the index in 40 bits, as 10 hex digits. */
    public String id(int index) {
        long x = (mix(seed) + index * 0x9E3779B97F4BL) & MASK40;
        x ^= x >>> 19;
        x = (x * 0xD6E8FEB86659FD93L) & MASK40;
        x ^= x >>> 21;
        x = (x * 0xA0761D6478BD642FL) & MASK40; // odd multipliers and right xor-shifts are bijective mod 2^40
        x ^= x >>> 17;
        return String.format("%010x", x);
    }

    /** Generates sample {@code index} (0-based) in memory. */
    public Sample sample(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + count);
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed * 0x100000001B3L + index));
        int n = size;
        byte[] image = new byte[n * n];
        boolean[] mask = new boolean[n * n];
        double kind = rnd.nextDouble();
        if (kind < 0.02) {
            java.util.Arrays.fill(image, (byte) (60 + rnd.nextInt(141)));
            return new Sample(id(index), image, mask, Optional.empty());
        }
        SeismicLayers layers = new SeismicLayers(rnd, 0.6, 6, 40, 120);
        double noise = 0.05 + rnd.nextDouble() * 0.25;
        double gain = 30 + rnd.nextDouble() * 35;
        double mean = 100 + rnd.nextDouble() * 50;
        SaltBody body = null;
        if (kind < 0.64) {
            double r0 = 12 + rnd.nextDouble() * 40;
            double[][] harmonics = SeismicLayers.bodyHarmonics(rnd);
            double cr = -0.3 * n + rnd.nextDouble() * 1.5 * n;
            double cc = -0.2 * n + rnd.nextDouble() * 1.4 * n;
            body = new SaltBody(cr, cc, r0, harmonics[0], harmonics[1]);
        }
        double saltLevel = (rnd.nextDouble() - 0.5) * 0.6;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = layers.at(r, c, n);
                double e = rnd.nextGaussian() * noise;
                if (body != null) {
                    double off = body.radialOffset(r, c);
                    boolean inside = off <= 0;
                    mask[r * n + c] = inside;
                    if (inside) {
                        v = saltLevel + 0.15 * v + 0.6 * e; // salt: reflection-free, chaotic texture
                    }
                    v += 1.4 * Math.exp(-off * off / 2.0); // bright top-of-salt reflection
                }
                v += e;
                long g = Math.round(mean + gain * v);
                image[r * n + c] = (byte) Math.max(0, Math.min(255, g));
            }
        }
        return new Sample(id(index), image, mask, Optional.ofNullable(body));
    }

    /**
     * Writes the data set under {@code dir/train/images} and {@code dir/train/masks}, unless
     * {@code dir} already holds the same data set (same count, seed, size and {@link #VERSION},
     * recorded in {@code dir/synthetic.properties}). Writing goes to a temporary sibling folder that
     * is renamed to {@code dir} when complete, so an interrupted run leaves no half-written data set.
     *
     * @return {@code dir}
     * @throws IllegalStateException if {@code dir} exists and holds something else
     */
    public Path writeTo(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        String marker = marker();
        try {
            if (Files.exists(target)) {
                Path m = target.resolve(MARKER);
                if (Files.isRegularFile(m) && Files.readString(m, StandardCharsets.UTF_8).equals(marker)) {
                    return target;
                }
                throw new IllegalStateException(target + " exists but is not this synthetic data set (" + marker.trim()
                        .replace('\n', ' ') + "); remove it or choose another folder");
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
            try {
                Path images = Files.createDirectories(tmp.resolve("train/images"));
                Path masks = Files.createDirectories(tmp.resolve("train/masks"));
                IntStream.range(0, count).parallel().forEach(i -> {
                    Sample s = sample(i);
                    writePng(images.resolve(s.id() + ".png"), s.image, false);
                    writePng(masks.resolve(s.id() + ".png"), toMaskBytes(s.mask), true);
                });
                Files.writeString(tmp.resolve(MARKER), marker, StandardCharsets.UTF_8);
                FileTrees.moveNew(tmp, target);
                tmp = null;
            } catch (FileAlreadyExistsException e) {
                // another process finished first: use its copy if it is the same data set
                return writeTo(dir);
            } finally {
                if (tmp != null) {
                    FileTrees.deleteQuietly(tmp);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic data set to " + target, e);
        }
    }

    /** All samples, in index order. */
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(i));
        }
        return out;
    }

    /** The text of the marker file: the parameters that define the data set. */
    public String marker() {
        return "generator=segshap-synthetic-salt\nversion=" + VERSION + "\ncount=" + count + "\nseed=" + seed
                + "\nsize=" + size + "\n";
    }

    private static byte[] toMaskBytes(boolean[] mask) {
        byte[] out = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = (byte) (mask[i] ? 1 : 0);
        }
        return out;
    }

    private void writePng(Path file, byte[] values, boolean isMask) {
        boolean any = false;
        for (byte b : values) {
            any |= b != 0;
        }
        BufferedImage img;
        if (isMask && any) {
            img = new BufferedImage(size, size, BufferedImage.TYPE_USHORT_GRAY);
            WritableRaster r = img.getRaster();
            for (int i = 0; i < values.length; i++) {
                r.setSample(i % size, i / size, 0, values[i] != 0 ? 65535 : 0);
            }
        } else {
            img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = img.getRaster();
            for (int i = 0; i < values.length; i++) {
                r.setSample(i % size, i / size, 0, values[i] & 0xFF);
            }
        }
        // encoded in memory, then written: ImageIO's own file stream prints a stack trace when it
        // cannot open the file (a full disk), before the exception the command names in one line
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", png)) {
                throw new IllegalStateException("no PNG writer in javax.imageio");
            }
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
