package io.github.segshap.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ExplanationReport#write} wrote.
 *
 * @param html    the page, {@code report.html}
 * @param figures the figure files, {@code figures/*.png}, in the order of the page
 */
public record DrawnReport(Path html, List<Path> figures) {
    /** Copies the list. */
    public DrawnReport {
        figures = List.copyOf(figures);
    }
}
