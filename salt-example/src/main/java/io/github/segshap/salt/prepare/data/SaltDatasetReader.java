package io.github.segshap.salt.prepare.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads the Kaggle TGS layout: {@code images/<id>.png} and {@code masks/<id>.png} under the given
 * folder or under its {@code train/} sub-folder (the files {@link DataFiles} lists, the same ones
 * the data fingerprint covers), and, only when asked ({@link Builder#depths}), {@code depths.csv}
 * ({@code id,z}) from the folder or its parent.
 *
 * <p>Checks, for every file:
 * <ul>
 *   <li>images: 8-bit grey, or RGB(A) / palette whose colour channels are equal (the first is
 *       used), of the expected size (101 x 101 unless set);</li>
 *   <li>masks: 8- or 16-bit grey with at most two distinct values, one of them 0 (TGS: 0 / 65535
 *       or all 0; 0 / 255 and 0 / 1 are accepted too), binarised as value &gt; 0;</li>
 *   <li>pairing: every image has a mask and every mask an image.</li>
 * </ul>
 * A missing folder or a folder without any usable pair always fails with a
 * {@link DataFormatException}; a single bad sample fails or is skipped and reported according to
 * the {@link BadSamplePolicy} (default {@link BadSamplePolicy#FAIL}). Files are decoded in parallel;
 * the result is sorted by id and independent of the directory order. Files whose names do not end
 * in {@code .png}, hidden files and entries named {@code *.png} that are not regular files (a
 * folder) are ignored; a symbolic link that loops is an error naming it.
 *
 * <pre>{@code
 * SaltDataset ds = SaltDatasetReader.builder().policy(BadSamplePolicy.SKIP).build().read(dir);
 * }</pre>
 */
public final class SaltDatasetReader {
    private static final ThreadLocal<ImageReader> PNG = ThreadLocal.withInitial(() -> {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("png");
        if (!it.hasNext()) {
            throw new IllegalStateException("no PNG reader in javax.imageio");
        }
        return it.next();
    });

    private final int height;
    private final int width;
    private final BadSamplePolicy policy;
    private final IntConsumer progress;
    private final boolean depths;

    private SaltDatasetReader(Builder b) {
        this.height = b.height;
        this.width = b.width;
        this.policy = b.policy;
        this.progress = b.progress;
        this.depths = b.depths;
    }

    /**
     * A builder with the TGS defaults: 101 x 101, {@link BadSamplePolicy#FAIL}, no progress callback,
     * {@code depths.csv} not read.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link SaltDatasetReader}. */
    public static final class Builder {
        private int height = 101;
        private int width = 101;
        private BadSamplePolicy policy = BadSamplePolicy.FAIL;
        private IntConsumer progress = n -> { };
        private boolean depths;

        private Builder() {
        }

        /**
         * Whether to read {@code depths.csv} into {@link SaltSample#depth()}; default false (the
         * pipeline uses no depths, so it never parses the file). When true, a file that is not
         * {@code id,z} text fails with a {@link DataFormatException} naming it and the line.
         */
        public Builder depths(boolean read) {
            this.depths = read;
            return this;
        }

        /** The size every image and mask must have; default 101 x 101. */
        public Builder size(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("size must be positive, got " + height + " x " + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** What to do with a single bad sample; default {@link BadSamplePolicy#FAIL}. */
        public Builder policy(BadSamplePolicy policy) {
            this.policy = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Called with 1 after each pair is decoded, from any thread (for progress bars). */
        public Builder progress(IntConsumer progress) {
            this.progress = java.util.Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The reader. */
        public SaltDatasetReader build() {
            return new SaltDatasetReader(this);
        }
    }

    /**
     * The folder that holds {@code images/} and {@code masks/}: {@code dir} itself or
     * {@code dir/train}.
     *
     * @throws DataFormatException naming the missing folder
     */
    public static Path resolveLayout(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "data folder does not exist");
        }
        for (Path root : List.of(dir, dir.resolve("train"))) {
            boolean images = Files.isDirectory(root.resolve("images"));
            boolean masks = Files.isDirectory(root.resolve("masks"));
            if (images && masks) {
                return root;
            }
            if (images) {
                throw new DataFormatException(root.resolve("masks"), "masks folder is missing (next to "
                        + root.resolve("images") + ")");
            }
            if (masks) {
                throw new DataFormatException(root.resolve("images"), "images folder is missing (next to "
                        + root.resolve("masks") + ")");
            }
        }
        throw new DataFormatException(dir, "no images/ and masks/ folders here or under train/ (expected the"
                + " Kaggle layout train/images/<id>.png and train/masks/<id>.png)");
    }

    /**
     * Reads every pair.
     *
     * @param dir the folder with {@code images/} and {@code masks/}, or its parent with {@code train/}
     * @throws DataFormatException for a missing folder, an empty data set, or (under
     *                             {@link BadSamplePolicy#FAIL}) the first bad sample in id order
     */
    public SaltDataset read(Path dir) {
        Path root = resolveLayout(dir);
        DataFiles files = DataFiles.list(root);
        Map<String, Double> depths = this.depths ? files.depthsFile().map(SaltDatasetReader::readDepths)
                .orElse(Map.of()) : Map.of();
        List<String> ids = new ArrayList<>(files.ids());
        Object[] results = new Object[ids.size()];
        IntStream.range(0, ids.size()).parallel().forEach(i -> {
            String id = ids.get(i);
            Path imageFile = files.images().getOrDefault(id, root.resolve("images").resolve(id + ".png"));
            Path maskFile = files.masks().getOrDefault(id, root.resolve("masks").resolve(id + ".png"));
            try {
                if (!files.images().containsKey(id)) {
                    throw new DataFormatException(maskFile, "mask without an image (expected " + imageFile + ")");
                }
                if (!files.masks().containsKey(id)) {
                    throw new DataFormatException(imageFile, "image without a mask (expected " + maskFile + ")");
                }
                byte[] image = readImage(imageFile);
                boolean[] mask = readMask(maskFile);
                results[i] = new SaltSample(id, height, width, image, mask, depths.getOrDefault(id, Double.NaN));
            } catch (DataFormatException e) {
                results[i] = e;
            }
            progress.accept(1);
        });
        List<SaltSample> samples = new ArrayList<>();
        List<SkippedSample> skipped = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof DataFormatException) {
                DataFormatException e = (DataFormatException) results[i];
                if (policy == BadSamplePolicy.FAIL) {
                    throw e;
                }
                skipped.add(new SkippedSample(ids.get(i), e.file(), e.problem()));
            } else {
                samples.add((SaltSample) results[i]);
            }
        }
        if (samples.isEmpty()) {
            throw new DataFormatException(root, "empty data set: no readable image/mask pair in images/ and masks/"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped, first: " + skipped.get(0) + ")"));
        }
        return new SaltDataset(root, samples, skipped);
    }

    /**
     * {@code depths.csv} ({@code id,z}, an optional header line starting with {@code id}) as a map.
     *
     * @throws DataFormatException naming the file (and the line) when it is not such text
     */
    static Map<String, Double> readDepths(Path p) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(p)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(p, "not a text file (not UTF-8): expected lines 'id,z'", e);
        } catch (IOException e) {
            throw new DataFormatException(p, "cannot read file: " + e.getMessage(), e);
        }
        Map<String, Double> map = new HashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || (i == 0 && line.startsWith("id"))) {
                continue;
            }
            String[] parts = line.split(",", -1);
            if (parts.length != 2 || parts[0].isBlank() || line.chars().anyMatch(Character::isISOControl)) {
                throw new DataFormatException(p, "line " + (i + 1) + " is not 'id,z': " + shorten(line));
            }
            try {
                map.put(parts[0].trim(), Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new DataFormatException(p, "line " + (i + 1) + ": depth is not a number: " + shorten(line));
            }
        }
        return map;
    }

    private static String shorten(String line) {
        String printable = line.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }

    /** Decodes with {@link PngDecoder}, falling back to {@code javax.imageio} for other PNG flavours. */
    private static PngDecoder.Image decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read file: " + e.getMessage(), e);
        }
        try {
            return PngDecoder.decode(bytes);
        } catch (PngDecoder.Corrupt e) {
            throw new DataFormatException(file, "corrupt or truncated PNG (" + e.getMessage() + ")", e);
        } catch (PngDecoder.Unsupported e) {
            return decodeWithImageIo(file, bytes);
        }
    }

    private static PngDecoder.Image decodeWithImageIo(Path file, byte[] bytes) {
        ImageReader reader = PNG.get();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage img = reader.read(0);
            if (img.getColorModel() instanceof IndexColorModel) {
                BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                rgb.getGraphics().drawImage(img, 0, 0, null);
                img = rgb;
            }
            Raster r = img.getRaster();
            int bands = r.getNumBands();
            int bits = r.getSampleModel().getSampleSize(0);
            int[] samples = r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
            return new PngDecoder.Image(r.getWidth(), r.getHeight(), bands, bits, samples);
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "corrupt or truncated PNG (" + e + ")", e);
        } finally {
            reader.reset();
        }
    }

    private void checkSize(Path file, PngDecoder.Image r) {
        if (r.height() != height || r.width() != width) {
            throw new DataFormatException(file, "wrong size " + r.height() + " x " + r.width() + " (rows x "
                    + "columns), expected " + height + " x " + width);
        }
    }

    private byte[] readImage(Path file) {
        PngDecoder.Image r = decode(file);
        checkSize(file, r);
        if (r.bitDepth() != 8) {
            throw new DataFormatException(file, "image must be 8-bit, got " + r.bitDepth() + "-bit samples");
        }
        int ch = r.channels();
        int colours = ch >= 3 ? 3 : 1;
        int[] s = r.samples();
        byte[] out = new byte[height * width];
        for (int i = 0; i < out.length; i++) {
            int v = s[i * ch];
            for (int b = 1; b < colours; b++) {
                if (s[i * ch + b] != v) {
                    throw new DataFormatException(file, "not a grey image: colour channels differ at row " + i / width
                            + ", column " + i % width + " (" + v + ", " + s[i * ch + 1] + ", " + s[i * ch + 2] + ")");
                }
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private boolean[] readMask(Path file) {
        PngDecoder.Image r = decode(file);
        checkSize(file, r);
        if (r.bitDepth() != 8 && r.bitDepth() != 16) {
            throw new DataFormatException(file, "mask must be 8- or 16-bit, got " + r.bitDepth() + "-bit samples");
        }
        int ch = r.channels();
        int[] s = r.samples();
        boolean[] out = new boolean[height * width];
        int nonZero = -1;
        for (int i = 0; i < out.length; i++) {
            int v = s[i * ch];
            if (v != 0) {
                if (nonZero < 0) {
                    nonZero = v;
                } else if (v != nonZero) {
                    throw new DataFormatException(file, "non-binary mask: values 0, " + nonZero + " and " + v
                            + " (at row " + i / width + ", column " + i % width + "); a mask may hold 0 and one other"
                            + " value");
                }
                out[i] = true;
            }
        }
        return out;
    }
}
