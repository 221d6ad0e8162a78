package io.github.segshap.report.html;

import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.report.chart.Png;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One self-contained HTML page: figures embedded as base64 PNG data URIs, tables of metrics,
 * parameters and timings, free text and notes. Nothing is loaded from elsewhere, so the file can be
 * mailed or archived alone. Sections appear in the order they are added.
 *
 * <pre>{@code
 * HtmlReport.builder("TGS salt: U-Net and channel contributions")
 *     .paragraph("Trained on 2560 images at 24 x 24 ...")
 *     .parameters("Parameters", params)
 *     .metrics("Metrics", Map.of("train", trainMap, "validation", valMap, "test", testMap))
 *     .timings("Timings", Map.of("training", 412.0, "explanation", 95.2))
 *     .figure("Sample 127", panelImage, "Top: ...")
 *     .figure(null, out.resolve("figures/sample_127.png"), "figures/sample_127.png", "Top: ...", "alt text")
 *     .notes("How to read the figures", notes)
 *     .build()
 *     .write(out.resolve("report.html"));
 * }</pre>
 * A figure given as a file is embedded and also linked to that file, so the PNG beside the page
 * can be opened at full size. Wide tables scroll inside the page instead of overflowing it.
 * Immutable once built (the builder's sections are copied).
 */
public final class HtmlReport {

    private final String title;
    private final List<String> sections;

    private HtmlReport(String title, List<String> sections) {
        this.title = title;
        this.sections = List.copyOf(sections);
    }

    /**
     * @param title page title and heading
     * @return a builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** @return the page as HTML text */
    public String html() {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n<h1>").append(esc(title)).append("</h1>\n")
                .append("<p class=\"meta\">Generated ")
                .append(esc(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))))
                .append(" by segshap.</p>\n");
        for (String s : sections) {
            sb.append(s);
        }
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * Writes the page (UTF-8) through a temporary file and a rename.
     *
     * @param file target, e.g. {@code out/report.html}
     * @return the file
     * @throws UncheckedIOException if it cannot be written
     */
    public Path write(Path file) {
        try {
            Objects.requireNonNull(file, "file");
            AtomicFiles.write(file, html());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) return "&ndash;";
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,d", (long) d);
            return String.format(Locale.ROOT, Math.abs(d) >= 1e-3 || d == 0 ? "%.4f" : "%.3e", d);
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        return esc(String.valueOf(v));
    }

    private static final String CSS = """
            body { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
                   background: #fafafa; margin: 0; }
            main { max-width: 1700px; margin: 0 auto; padding: 1.5em 2em 4em; background: #fff; }
            h1 { font-size: 1.8em; margin-bottom: 0.2em; }
            h2 { font-size: 1.35em; margin-top: 1.8em; border-bottom: 2px solid #e3e3e3; padding-bottom: 0.2em; }
            p.meta { color: #777; margin-top: 0; }
            div.table { max-width: 100%; overflow-x: auto; }
            table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92em; }
            table.metrics { font-size: 0.85em; }
            table.params td:last-child { text-align: left; overflow-wrap: anywhere; max-width: 60em; }
            table.metrics th { white-space: normal; overflow-wrap: break-word; max-width: 7em; }
            th, td { border: 1px solid #ddd; padding: 0.3em 0.7em; text-align: right; }
            th { background: #f0f3f7; }
            td:first-child, th:first-child { text-align: left; }
            tr:nth-child(even) td { background: #fbfbfb; }
            figure { margin: 1em 0 2em; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.92em; margin-top: 0.4em; max-width: 1100px; }
            ul.notes li { margin-bottom: 0.45em; max-width: 1100px; }
            """;

    /** Mutable builder of an {@link HtmlReport}; {@link #build()} copies the sections. */
    public static final class Builder {
        private final String title;
        private final List<String> sections = new ArrayList<>();
        /** Figures whose PNG is still being made, by their place in {@link #sections} (null there until built). */
        private final Map<Integer, Supplier<String>> pending = new LinkedHashMap<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /**
         * @param heading a section heading
         * @return this
         */
        public Builder heading(String heading) {
            sections.add("<h2>" + esc(heading) + "</h2>\n");
            return this;
        }

        /**
         * @param text a paragraph of plain text (escaped)
         * @return this
         */
        public Builder paragraph(String text) {
            sections.add("<p>" + esc(text) + "</p>\n");
            return this;
        }

        /**
         * A paragraph of plain text with a link in it: {@code before}, the link {@code label} to
         * {@code href} (a relative path such as {@code viewer.html}), {@code after}; all escaped.
         *
         * @return this
         */
        public Builder paragraph(String before, String label, String href, String after) {
            sections.add("<p>" + esc(before) + "<a href=\"" + esc(href) + "\">" + esc(label) + "</a>" + esc(after)
                    + "</p>\n");
            return this;
        }

        /**
         * A two-column table of names and values.
         *
         * @param heading section heading
         * @param params name to value, in iteration order
         * @return this
         */
        public Builder parameters(String heading, Map<String, ?> params) {
            StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2>\n<table class=\"params\">\n")
                    .append("<tr><th>parameter</th><th>value</th></tr>\n");
            params.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(format(v))
                    .append("</td></tr>\n"));
            sections.add(sb.append("</table>\n").toString());
            return this;
        }

        /**
         * A metrics table: one row per set (e.g. train, validation, test), one column per metric name
         * (union of all rows' names, in first-seen order); missing values shown as a dash.
         *
         * @param heading section heading
         * @param rows set name to (metric name to value)
         * @return this
         */
        public Builder metrics(String heading, Map<String, ? extends Map<String, ? extends Number>> rows) {
            Set<String> cols = new LinkedHashSet<>();
            rows.values().forEach(m -> cols.addAll(m.keySet()));
            List<String> header = new ArrayList<>();
            header.add("set");
            header.addAll(cols);
            List<List<String>> body = new ArrayList<>();
            rows.forEach((name, m) -> {
                List<String> r = new ArrayList<>();
                r.add(esc(name));
                for (String c : cols) {
                    Number v = m.get(c);
                    r.add(v == null ? "&ndash;" : format(v.doubleValue()));
                }
                body.add(r);
            });
            sections.add(tableHtml(heading, "metrics", header, body));
            return this;
        }

        /**
         * A general table of text cells (escaped).
         *
         * @param heading section heading
         * @param header column names
         * @param rows rows of cells, each as long as the header
         * @return this
         */
        public Builder table(String heading, List<String> header, List<List<?>> rows) {
            List<List<String>> body = new ArrayList<>();
            for (List<?> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("table '" + heading + "' has " + header.size()
                            + " columns but a row has " + r.size() + " cells: " + r);
                }
                List<String> cells = new ArrayList<>();
                for (Object o : r) {
                    cells.add(format(o));
                }
                body.add(cells);
            }
            sections.add(tableHtml(heading, "table", header, body));
            return this;
        }

        /**
         * A table of wall times.
         *
         * @param heading section heading
         * @param seconds step name to seconds
         * @return this
         */
        public Builder timings(String heading, Map<String, Double> seconds) {
            List<List<String>> body = new ArrayList<>();
            seconds.forEach((k, v) -> body.add(List.of(esc(k), String.format(Locale.ROOT, "%.1f", v),
                    String.format(Locale.ROOT, "%d:%02d", (long) (v / 60), (long) (v % 60)))));
            sections.add(tableHtml(heading, "timings", List.of("step", "seconds", "m:ss"), body));
            return this;
        }

        /**
         * Embeds an image as a PNG data URI.
         *
         * @param heading figure heading, or null for none
         * @param image the image
         * @param caption caption (plain text), or null
         * @return this
         */
        public Builder figure(String heading, BufferedImage image, String caption) {
            return figurePng(heading, Png.encode(image), null, caption, null);
        }

        /**
         * Embeds a PNG file as a data URI.
         *
         * @param heading figure heading, or null
         * @param png the PNG file
         * @param caption caption, or null
         * @return this
         * @throws UncheckedIOException if the file cannot be read
         */
        public Builder figure(String heading, Path png, String caption) {
            return figure(heading, png, null, caption, null);
        }

        /**
         * Embeds a PNG file as a data URI and links the picture to it.
         *
         * @param heading figure heading, or null
         * @param png the PNG file
         * @param link the link to the file from the page, e.g. {@code figures/sample_7.png}, or null
         * @param caption caption, or null
         * @param alt the picture's text alternative, or null for the heading, caption or file name
         * @return this
         * @throws UncheckedIOException if the file cannot be read
         */
        public Builder figure(String heading, Path png, String link, String caption, String alt) {
            try {
                return figurePng(heading, Files.readAllBytes(png), link, caption, alt);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read figure " + png, e);
            }
        }

        /**
         * Embeds a PNG that is still being made (e.g. drawn on another thread) and links the picture
         * to its file: its place on the page is taken now, and {@code png} is asked for the bytes
         * when the page is built ({@link #build()}), in page order.
         *
         * @param heading figure heading, or null
         * @param png     gives the PNG bytes; may block until they are made; its unchecked exceptions
         *                pass through {@link #build()}
         * @param link    the link to the file from the page, or null
         * @param caption caption, or null
         * @param alt     the picture's text alternative, or null for the heading, caption or file name
         * @return this
         */
        public Builder figure(String heading, Supplier<byte[]> png, String link, String caption, String alt) {
            Objects.requireNonNull(png, "png");
            int at = sections.size();
            sections.add(null);
            pending.put(at, () -> figureHtml(heading, png.get(), link, caption, alt));
            return this;
        }

        private Builder figurePng(String heading, byte[] png, String link, String caption, String alt) {
            sections.add(figureHtml(heading, png, link, caption, alt));
            return this;
        }

        private static String figureHtml(String heading, byte[] png, String link, String caption, String alt) {
            StringBuilder sb = new StringBuilder();
            if (heading != null) {
                sb.append("<h2>").append(esc(heading)).append("</h2>\n");
            }
            String text = alt != null ? alt : heading != null ? heading : caption != null ? caption
                    : link != null ? link : "figure";
            sb.append("<figure>\n");
            if (link != null) {
                sb.append("<a href=\"").append(esc(link)).append("\">");
            }
            sb.append("<img alt=\"").append(esc(text)).append("\"");
            if (link != null) {
                sb.append(" data-file=\"").append(esc(link)).append("\"");
            }
            sb.append(" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">");
            if (link != null) {
                sb.append("</a>");
            }
            sb.append("\n");
            if (caption != null) {
                sb.append("<figcaption>").append(esc(caption)).append("</figcaption>\n");
            }
            return sb.append("</figure>\n").toString();
        }

        /**
         * A bulleted list.
         *
         * @param heading section heading
         * @param items plain-text items
         * @return this
         */
        public Builder notes(String heading, List<String> items) {
            StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2>\n<ul class=\"notes\">\n");
            for (String s : items) {
                sb.append("<li>").append(esc(s)).append("</li>\n");
            }
            sections.add(sb.append("</ul>\n").toString());
            return this;
        }

        private static String tableHtml(String heading, String cls, List<String> header, List<List<String>> body) {
            StringBuilder sb = new StringBuilder();
            if (heading != null) {
                sb.append("<h2>").append(esc(heading)).append("</h2>\n");
            }
            sb.append("<div class=\"table\"><table class=\"").append(cls).append("\">\n<tr>");
            for (String h : header) {
                // a long metric name wraps after its underscores, not in the middle of a word
                sb.append("<th>").append(esc(h).replace("_", "_<wbr>")).append("</th>");
            }
            sb.append("</tr>\n");
            for (List<String> r : body) {
                sb.append("<tr>");
                for (String c : r) {
                    sb.append("<td>").append(c).append("</td>");
                }
                sb.append("</tr>\n");
            }
            return sb.append("</table></div>\n").toString();
        }

        /** @return the report, with every pending figure's bytes asked for, in page order */
        public HtmlReport build() {
            List<String> all = new ArrayList<>(sections);
            pending.forEach((at, html) -> all.set(at, html.get()));
            return new HtmlReport(title, all);
        }
    }
}
