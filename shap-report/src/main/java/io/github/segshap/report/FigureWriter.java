package io.github.segshap.report;

import io.github.segshap.report.chart.Png;
import io.github.segshap.report.html.HtmlReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the report's figures as {@code OUT/figures/<name>.png} and adds each to the page (linked
 * to its file), remembering the files in page order.
 */
final class FigureWriter {
    private final Path out;
    private final List<Path> files = new ArrayList<>();

    /** Figures under {@code out/}{@value ExplanationReport#FIGURES}. */
    FigureWriter(Path out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes {@code image} as {@code figures/<name>.png} and adds it to the page.
     *
     * @param heading a heading before it, or null
     * @param caption the caption under it
     * @param alt     the text that stands for it
     */
    void figure(HtmlReport.Builder page, String heading, String name, BufferedImage image, String caption,
                String alt) {
        String link = ExplanationReport.FIGURES + "/" + name + ".png";
        Path file = Png.write(image, out.resolve(ExplanationReport.FIGURES).resolve(name + ".png"));
        files.add(file);
        page.figure(heading, file, link, caption, alt);
    }

    /** The files written so far, in page order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** An image id as part of a file name: characters other than letters, digits, '.', '_', '-' become '_'. */
    static String fileSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
