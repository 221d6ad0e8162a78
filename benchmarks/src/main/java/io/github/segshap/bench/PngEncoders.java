package io.github.segshap.bench;

import com.pngencoder.PngEncoder;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.GlobalByChannelFigure;
import io.github.segshap.report.figures.InteractionGridFigure;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.SamplePanelFigure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.encoders.EncoderUtil;
import org.jfree.chart.encoders.ImageFormat;

/**
 * PNG encoders at the same pixels: the report's own figures (four sample panels, the
 * input-vs-contribution scatter grid and, when there are interactions, the interaction grid) of an
 * explanation folder, each encoder run over all of them, interleaved round by round, best round kept
 * (not JMH: a quick comparison for a shared machine). Prints one Markdown row per encoder: ms for the
 * set, KiB written, megapixels per second, speed relative to ImageIO. Candidates: ImageIO (the JDK
 * encoder, which JFreeChart's {@code EncoderUtil} also calls), ImageIO at deflate level 1, and
 * pngencoder on one thread at its default level and at levels 4 and 1, and multi-threaded. The report
 * uses pngencoder at level 1 on one thread ({@code report.chart.Png}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.PngEncoders FOLDER [ROUNDS]
 * </pre>
 */
public final class PngEncoders {
    private PngEncoders() {
    }

    @FunctionalInterface
    private interface Encoder {
        byte[] encode(BufferedImage image) throws IOException;
    }

    /** Runs the comparison; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PngEncoders FOLDER [ROUNDS]");
        }
        Explanations ex = ExplanationFolder.read(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LabelledExplanations data = LabelledExplanations.of(ex);
        FigureOptions o = FigureOptions.defaults();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < Math.min(4, ex.size()); i++) {
            images.add(new SamplePanelFigure(o).draw(data, i));
        }
        if (data.playersAreChannels()) {
            images.add(new GlobalByChannelFigure(o).draw(data.first(100)));
        }
        if (ex.players() > 1 && ex.get(0).interactions().isPresent()) {
            images.add(new InteractionGridFigure(o).draw(data, 0));
        }
        long pixels = images.stream().mapToLong(im -> (long) im.getWidth() * im.getHeight()).sum();
        Map<String, Encoder> encoders = new LinkedHashMap<>();
        encoders.put("ImageIO (JDK; JFreeChart's EncoderUtil calls it)", PngEncoders::imageIo);
        encoders.put("JFreeChart EncoderUtil", im -> EncoderUtil.encode(im, ImageFormat.PNG));
        encoders.put("ImageIO, deflate level 1", im -> imageIo(im, 0.85f));
        encoders.put("pngencoder, 1 thread, default level", im -> new PngEncoder().withBufferedImage(im)
                .withMultiThreadedCompressionEnabled(false).toBytes());
        encoders.put("pngencoder, multi-threaded, default level", im -> new PngEncoder().withBufferedImage(im)
                .toBytes());
        encoders.put("pngencoder, 1 thread, level 4", im -> new PngEncoder().withBufferedImage(im)
                .withMultiThreadedCompressionEnabled(false).withCompressionLevel(4).toBytes());
        encoders.put("pngencoder, 1 thread, level 1 (the report's)", im -> new PngEncoder().withBufferedImage(im)
                .withMultiThreadedCompressionEnabled(false).withCompressionLevel(1).toBytes());
        Map<String, double[]> best = new LinkedHashMap<>();
        for (int r = 0; r < rounds + 1; r++) { // round 0 warms up
            for (Map.Entry<String, Encoder> e : encoders.entrySet()) {
                long t0 = System.nanoTime();
                long bytes = 0;
                for (BufferedImage im : images) {
                    bytes += e.getValue().encode(im).length;
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double[] b = best.computeIfAbsent(e.getKey(), k -> new double[] {Double.MAX_VALUE, 0});
                if (r > 0 && s < b[0]) {
                    b[0] = s;
                }
                b[1] = bytes;
            }
        }
        System.out.printf(Locale.ROOT, "%d figures, %.2f megapixels, best of %d interleaved rounds%n", images.size(),
                pixels / 1e6, rounds);
        System.out.println("| encoder | ms | KiB | megapixels / s | speed vs ImageIO |");
        System.out.println("| --- | --- | --- | --- | --- |");
        double base = best.values().iterator().next()[0];
        best.forEach((name, b) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.2fx |%n", name,
                b[0] * 1e3, b[1] / 1024, pixels / 1e6 / b[0], base / b[0]));
    }

    private static byte[] imageIo(BufferedImage im) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(im, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    /** ImageIO with an explicit compression quality (deflate level = 9 x (1 - quality), rounded down). */
    private static byte[] imageIo(BufferedImage im, float quality) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream s = ImageIO.createImageOutputStream(out)) {
            w.setOutput(s);
            w.write(null, new IIOImage(im, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
