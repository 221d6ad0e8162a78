package io.github.segshap.cli.input;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.io.Npy;
import io.github.segshap.core.io.NpyArray;
import io.github.segshap.core.io.NpyDType;
import io.github.segshap.core.io.NpyFormatException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the command line's image inputs into an {@link ImageStack}:
 * <ul>
 *   <li>a {@code .npy} array of rank 4, float32 or float64, {@code [N, C, H, W]} or
 *       {@code [N, H, W, C]} per the {@link Layout}; ids {@code "0" .. "N-1"};</li>
 *   <li>a folder of PNG files, one image each: grey gives 1 channel, RGB 3 (an alpha channel is
 *       dropped); values are the samples divided by the largest sample value (255 for 8 bits), so
 *       in {@code [0, 1]}; ids are the file names without extension, sorted; all of one size.</li>
 * </ul>
 * Errors are {@link CommandException}s naming the file: missing or unreadable ({@link ExitCode#NO_INPUT}),
 * wrong rank, type or size and NaN or infinite pixels with their position ({@link ExitCode#BAD_INPUT}).
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Reads {@code path}, a {@code .npy} file or a folder of PNG files.
     *
     * @param path   the file or folder
     * @param layout the layout of a {@code .npy} array (PNG folders have none)
     * @param option the option that named it, for messages (e.g. {@code --images})
     */
    public static ImageStack read(Path path, Layout layout, String option) {
        if (Files.isDirectory(path)) {
            return readPngFolder(path, option);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + path + ": " + (Files.exists(path)
                    ? "not a readable file" : "no such file or folder"));
        }
        return readNpy(path, layout, option, false);
    }

    /**
     * Reads a section: a {@code .npy} array {@code [C, H, W]} or {@code [1, C, H, W]} (or
     * {@code [H, W, C]}, {@code [1, H, W, C]} for {@link Layout#NHWC}), with the errors of
     * {@link #read}; a stack of more than one image is {@link ExitCode#BAD_INPUT}.
     *
     * @param path   the {@code .npy} file
     * @param layout where its channel axis is
     * @param option the option that named it, for messages (e.g. {@code --section})
     * @return the section, with the id {@code "section"}
     */
    public static ImageStack readSection(Path path, Layout layout, String option) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + path + ": " + (Files.exists(path)
                    ? "not a readable .npy file" : "no such file"));
        }
        ImageStack stack = readNpy(path, layout, option, true);
        if (stack.size() != 1) {
            throw new CommandException(ExitCode.BAD_INPUT, option + " " + path + " holds " + stack.size() + " images; a "
                    + "section is one array [" + layout.axes().substring(4));
        }
        return new ImageStack(stack.source(), List.of("section"), stack.images());
    }

    private static ImageStack readNpy(Path path, Layout layout, String option, boolean single) {
        NpyArray a;
        try {
            a = Npy.read(path);
        } catch (NpyFormatException | UncheckedIOException e) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + path + " is not a readable .npy array: "
                    + e.getMessage(), e);
        }
        int[] s = a.shape();
        if (single && s.length == 3) {
            s = new int[] {1, s[0], s[1], s[2]};
        }
        if (s.length != 4) {
            throw new CommandException(ExitCode.BAD_INPUT, option + " " + path + " has shape " + Arrays.toString(s)
                    + " (rank " + s.length + "); expected a rank-4 stack " + layout.axes()
                    + " (layout " + layout.label() + ")");
        }
        if (a.dtype() != NpyDType.FLOAT32 && a.dtype() != NpyDType.FLOAT64) {
            throw new CommandException(ExitCode.BAD_INPUT, option + " " + path + " holds " + a.dtype()
                    + " values; expected float32 or float64 (convert with a.astype(np.float32))");
        }
        int n = s[0];
        int c = layout == Layout.NCHW ? s[1] : s[3];
        int h = layout == Layout.NCHW ? s[2] : s[1];
        int w = layout == Layout.NCHW ? s[3] : s[2];
        if (n < 1 || c < 1 || h < 1 || w < 1) {
            throw new CommandException(ExitCode.BAD_INPUT, option + " " + path + " has shape " + Arrays.toString(s)
                    + ": no images (read as " + layout.axes() + ")");
        }
        ImageShape shape = new ImageShape(c, h, w);
        double[] all = a.toDoubles();
        int size = shape.size();
        List<Image> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[size];
            Layout.copy(layout, all, i * size, Layout.NCHW, v, 0, 1, c, h * w);
            images.add(finite(shape, v, option + " " + path + ": image " + i));
            requireFloat32(shape, v, option + " " + path + ": image " + i);
        }
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        return new ImageStack(path.toString(), ids, images);
    }

    private static Image finite(ImageShape shape, double[] v, String what) {
        try {
            Image.requireFinite(shape, v, what);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        return Image.of(shape, v);
    }

    /**
     * Refuses a value a float32 model input cannot hold (a float64 array's 1e308 would become infinite,
     * and then NaN in the model): names the value and where it is.
     */
    private static void requireFloat32(ImageShape shape, double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) > Float.MAX_VALUE) {
                int c = i / shape.pixels();
                int r = (i % shape.pixels()) / shape.width();
                throw new CommandException(ExitCode.BAD_INPUT, what + " has value " + v[i] + " at channel " + c
                        + ", row " + r + ", column " + (i % shape.width()) + ": too large for float32 (largest "
                        + Float.MAX_VALUE + "), the number type the model computes in; scale the data first");
            }
        }
    }

    /** The eight bytes every PNG file starts with. */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static ImageStack readPngFolder(Path dir, String option) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .filter(p -> followable(p, option)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + dir + ": cannot list the folder: "
                    + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new CommandException(ExitCode.NO_INPUT, option + " " + dir + " holds no .png files");
        }
        List<String> ids = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        ImageShape first = null;
        Path firstFile = null;
        for (Path f : files) {
            Image image = readPng(f, option);
            if (first == null) {
                first = image.shape();
                firstFile = f;
            } else if (!image.shape().equals(first)) {
                throw new CommandException(ExitCode.BAD_INPUT, option + ": " + f + " is " + describe(image.shape())
                        + " but " + firstFile.getFileName() + " is " + describe(first)
                        + ": all PNG files must have one size and colour type");
            }
            String name = f.getFileName().toString();
            ids.add(name.substring(0, name.length() - 4));
            images.add(image);
        }
        return new ImageStack(dir.toString(), ids, images);
    }

    /**
     * Whether a {@code *.png} entry can be followed: a symbolic link that loops or points nowhere is
     * {@link ExitCode#BAD_INPUT} naming it (the image it stands for cannot be read), not skipped.
     */
    private static boolean followable(Path p, String option) {
        if (!Files.isSymbolicLink(p)) {
            return true;
        }
        try {
            p.toRealPath();
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CommandException(ExitCode.BAD_INPUT, option + ": " + p + " is a symbolic link to nothing ("
                    + e.getFile() + " does not exist): restore the file or remove the link", e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, option + ": " + p + " is a symbolic link that cannot be"
                    + " followed (" + e.getMessage() + "; a loop of links?): remove the link or point it at the file", e);
        }
    }

    private static String describe(ImageShape s) {
        return s.width() + "x" + s.height() + " with " + s.channels() + (s.channels() == 1 ? " channel" : " channels");
    }

    /**
     * Reads one PNG file as {@link #read} reads the files of a folder (grey: 1 channel, RGB: 3,
     * values divided by the largest sample value).
     *
     * @param option the option that named it, for messages
     */
    public static Image readPng(Path file, String option) {
        BufferedImage img;
        try {
            byte[] head = new byte[PNG_SIGNATURE.length];
            int got;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                got = in.readNBytes(head, 0, head.length);
            }
            if (got < head.length || !Arrays.equals(head, PNG_SIGNATURE)) {
                throw new CommandException(ExitCode.BAD_INPUT, option + ": " + file + " is named .png but is not a PNG"
                        + " file (no PNG signature" + (got >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8
                        ? "; it is a JPEG" : "") + "): convert it to PNG or remove it");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, option + ": cannot read the PNG file " + file + ": "
                    + e.getMessage(), e);
        }
        if (img == null) {
            throw new CommandException(ExitCode.NO_INPUT, option + ": " + file + " is not a PNG image");
        }
        if (img.getColorModel() instanceof IndexColorModel palette) {
            return paletteImage(img.getRaster(), palette);
        }
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        boolean alpha = img.getColorModel().hasAlpha();
        int colour = alpha ? bands - 1 : bands;
        if (colour != 1 && colour != 3) {
            throw new CommandException(ExitCode.BAD_INPUT, option + ": " + file + " has " + bands
                    + " bands; expected grey (1) or RGB (3), optionally with alpha");
        }
        int h = r.getHeight();
        int w = r.getWidth();
        ImageShape shape = new ImageShape(colour, h, w);
        double[] v = new double[shape.size()];
        for (int c = 0; c < colour; c++) {
            double max = (1L << r.getSampleModel().getSampleSize(c)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(c * h + y) * w + x] = r.getSample(x, y, c) / max;
                }
            }
        }
        return Image.of(shape, v);
    }

    /**
     * A palette (indexed-colour) PNG: each pixel's palette entry, grey (1 channel) when every entry
     * has equal red, green and blue, else RGB (3 channels); entries' 8-bit samples divided by 255.
     */
    private static Image paletteImage(Raster r, IndexColorModel palette) {
        boolean grey = true;
        for (int i = 0; i < palette.getMapSize() && grey; i++) {
            grey = palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i);
        }
        int h = r.getHeight();
        int w = r.getWidth();
        ImageShape shape = new ImageShape(grey ? 1 : 3, h, w);
        double[] v = new double[shape.size()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int entry = r.getSample(x, y, 0);
                v[y * w + x] = palette.getRed(entry) / 255.0;
                if (!grey) {
                    v[(h + y) * w + x] = palette.getGreen(entry) / 255.0;
                    v[(2 * h + y) * w + x] = palette.getBlue(entry) / 255.0;
                }
            }
        }
        return Image.of(shape, v);
    }
}
