package io.github.segshap.report;

import io.github.segshap.core.explanation.ExplanationChunks;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.TrainingCurvesFigure;
import io.github.segshap.report.html.HtmlReport;
import io.github.segshap.report.viewer.InteractiveViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of a batch of explanations: every figure as {@code OUT/figures/*.png} and one
 * self-contained {@code OUT/report.html} that embeds them (and links each to its file), drawn from
 * an explanation folder ({@link ExplanationFolder}) or from {@link Explanations}, plus optional
 * extras: the true mask of every image, training curves, metrics tables, more tables, parameters,
 * timings, notes and the title.
 *
 * <pre>{@code
 * DrawnReport r = ExplanationReport.builder()
 *     .title("TGS salt: U-Net segmentation and channel contributions")
 *     .paragraph("U-Net trained for 40 epochs ...")
 *     .truthMasks(masksById)                           // id -> boolean[outputs]
 *     .maskLabels("salt", "not salt")
 *     .metrics("Metrics of the best epoch's weights", rows, "Pixel metrics at threshold 0.5 ...")
 *     .trainingCurve(new TrainingCurve("training_loss", "Training loss per epoch", "loss", loss))
 *     .parameters(params)
 *     .timings(seconds)
 *     .build()
 *     .write(runFolder.resolve("explanations"), runFolder);
 * }</pre>
 *
 * <p>The page, in order: title and paragraphs; metrics tables; training curves
 * ({@code figures/<file>.png}) and the extra tables; the expected values
 * ({@code expected_values.png}); a panel per selected image ({@code sample_<id>.png}); additive
 * strips of the first selected images ({@code additive_<id>.png}); when the explanations carry
 * interaction maps, the grid of the first selected image's pairwise interactions
 * ({@code interactions_<id>.png}); mean |contribution| per player
 * over all images, inside and outside the true masks ({@code mean_abs_contribution.png}); when the
 * players are the input channels, input value against contribution per player
 * ({@code global_by_channel.png}) and for all players split by the mask
 * ({@code global_combined.png}), over the first {@link Builder#globalImages(int)} images, and the
 * tables of contributions and of the mean contribution by input value over all images; the
 * parameters (and the explanation's provenance); timings; notes on reading the figures. Every
 * statistic comes from the accumulators of {@link Explanations#cohort} and
 * {@link InputContributions}, fed a range of images at a time ({@link CohortSummary}): the report
 * holds a bounded set of images however many there are.
 *
 * <p>Immutable; the builder's values are copied at {@link Builder#build()}.
 */
public final class ExplanationReport {
    /** The report page's file name. */
    public static final String HTML = "report.html";
    /** The figures' folder beside it. */
    public static final String FIGURES = "figures";
    /** Images that get a panel by default ({@link Builder#panelCount(int)}): a bounded subset, the first nine. */
    public static final int DEFAULT_PANELS = 9;
    /** Most drawing threads by default ({@link Builder#drawingThreads(int)}): each holds one figure's pixels. */
    public static final int MAX_DEFAULT_DRAWING_THREADS = 8;
    /** Default inner edges of the input-value bins: -3 to 3 in steps of 0.5 (for standardised inputs). */
    private static final double[] STANDARDISED_EDGES = {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3};

    /** Notes on how to read the figures, the default of {@link Builder#readingNotes(List)}. */
    public static final List<String> READING_NOTES = List.of(
            "Expected values: the model's average output over the background images, output by output. "
                    + "Every explanation starts from this map.",
            "Contributions: how much each player (here one per input channel) moved each output away from "
                    + "the expected value, as Shapley values. Red pushes the output up (e.g. towards the mask), blue "
                    + "down, white means no effect. By default the contribution maps of an image share one colour "
                    + "scale, so a pale map is a weak player. Inputs are drawn in grey over their own range: they "
                    + "are values, not effects.",
            "Additivity: expected values + the contributions = the prediction, exactly up to the printed "
                    + "residual. The additive strip shows the sum built up player by player, on one colour scale.",
            "Input value vs. contribution: every dot is one output of one explained image; x is the player's "
                    + "input value there, y its contribution; colours split the outputs by the true mask. Separated "
                    + "colours mean the player's contribution tells the classes apart; lines are the mean "
                    + "contribution in bins of the input value.");

    /** {@link #READING_NOTES} for explanations without true masks: the last says what the colours are. */
    static final List<String> READING_NOTES_WITHOUT_TRUTH = List.of(READING_NOTES.get(0),
            READING_NOTES.get(1).replace(" (e.g. towards the mask)", ""), READING_NOTES.get(2),
            READING_NOTES.get(3).replace("colours split the outputs by the true mask. Separated colours mean the"
                    + " player's contribution tells the classes apart; lines", "lines"));

    private final String title;
    private final List<String> paragraphs;
    private final Map<String, boolean[]> truth;
    private final List<String> panelIds;
    private final int panelCount;
    private final int strips;
    private final int globalImages;
    private final FigureOptions figureOptions;
    private final double[] binEdges;
    private final String inputNote;
    private final List<Metrics> metrics;
    private final List<TrainingCurve> curves;
    private final List<Table> tables;
    private final Map<String, Object> parameters;
    private final Map<String, Double> timings;
    private final List<String> readingNotes;
    private final int viewerImages;
    private final int drawingThreads;
    private final String reportStep;
    private final double reportSecondsBefore;

    private record Metrics(String heading, Map<String, Map<String, Double>> rows, String note) {
    }

    private record Table(String heading, List<String> header, List<List<?>> rows) {
    }

    private ExplanationReport(Builder b) {
        this.title = b.title;
        this.paragraphs = List.copyOf(b.paragraphs);
        Map<String, boolean[]> t = new LinkedHashMap<>();
        if (b.truth != null) {
            b.truth.forEach((k, v) -> t.put(k, v.clone()));
        }
        this.truth = t;
        this.panelIds = b.panelIds == null ? null : List.copyOf(b.panelIds);
        this.panelCount = b.panelCount;
        this.strips = b.strips;
        this.globalImages = b.globalImages;
        this.figureOptions = b.figureOptions;
        this.binEdges = b.binEdges == null ? null : b.binEdges.clone();
        this.inputNote = b.inputNote;
        this.metrics = List.copyOf(b.metrics);
        this.curves = List.copyOf(b.curves);
        this.tables = List.copyOf(b.tables);
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.timings));
        this.readingNotes = List.copyOf(b.readingNotes);
        this.viewerImages = b.viewerImages;
        this.drawingThreads = b.drawingThreads;
        this.reportStep = b.reportStep;
        this.reportSecondsBefore = b.reportSecondsBefore;
    }

    /** A builder with the defaults (see each option). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the explanation folder {@code explanationFolder} and writes the report into {@code out},
     * reading a range of images at a time ({@link #write(ExplanationChunks, Path)}).
     *
     * @throws io.github.segshap.core.io.CorruptFolderException when the folder cannot be read
     */
    public DrawnReport write(Path explanationFolder, Path out) {
        return write(ExplanationFolder.open(explanationFolder), out);
    }

    /**
     * Draws the figures of explanations in memory into {@code out/figures/} and writes
     * {@code out/report.html}; the same files as {@link #write(ExplanationChunks, Path)}.
     *
     * @throws IllegalArgumentException when a true mask is missing or of the wrong size, or a panel id
     *                                  is not among the explanations
     * @throws java.io.UncheckedIOException naming the file that cannot be written
     */
    public DrawnReport write(Explanations explanations, Path out) {
        return write(ExplanationChunks.of(explanations), out);
    }

    /**
     * Draws the figures into {@code out/figures/} and writes {@code out/report.html}, holding a
     * bounded set of images: the first {@code max(panel count, global images, viewer images)} and
     * the chosen panels' images are read for the panels, scatter figures and viewer, and every
     * statistic over all images is summed {@value CohortSummary#CHUNK} images at a time, in id order
     * (the numbers of the whole batch at once, to the bit).
     *
     * @throws IllegalArgumentException when a true mask is missing or of the wrong size, or a panel id
     *                                  is not among the explanations
     * @throws java.io.UncheckedIOException naming the file that cannot be written
     */
    public DrawnReport write(ExplanationChunks chunks, Path out) {
        long started = System.nanoTime();
        BoundedImages held = new BoundedImages(panelIds, panelCount, globalImages, viewerImages);
        List<String> panels = held.panels(chunks);
        Explanations explanations = held.read(chunks, panels);
        LabelledExplanations data = LabelledExplanations.of(truth.isEmpty() ? explanations
                : explanations.withLabels(truth));
        CohortSummary summary = CohortSummary.of(chunks, truth, data.plane(), binEdges);
        try (FigureWriter w = new FigureWriter(out, drawingThreads)) {
            HtmlReport.Builder page = HtmlReport.builder(title);
            paragraphs.forEach(page::paragraph);
            explanations.provenance().flatMap(PrecisionRecord::of)
                    .ifPresent(r -> page.paragraph(r.summary() + "."));
            if (viewerImages > 0) {
                page.paragraph("Interactive viewer: open ", InteractiveViewer.HTML, InteractiveViewer.HTML,
                        " beside this page to point at any pixel of the first "
                        + Math.min(viewerImages, chunks.size())
                        + " images and read its breakdown (base value, each player, prediction).");
            } else if (Files.isRegularFile(out.resolve(InteractiveViewer.HTML))) {
                page.paragraph("Interactive viewer: ", InteractiveViewer.HTML, InteractiveViewer.HTML,
                        " beside this page points at any pixel of the explained images and reads its breakdown.");
            }
            for (Metrics m : metrics) {
                page.metrics(m.heading(), m.rows());
                if (m.note() != null) {
                    page.paragraph(m.note());
                }
            }
            TrainingCurvesFigure curveFigure = new TrainingCurvesFigure(figureOptions);
            for (int i = 0; i < curves.size(); i++) {
                TrainingCurve c = curves.get(i);
                w.figure(page, i == 0 ? "Training curves" : null, c.file(),
                        () -> curveFigure.draw(c.title(), c.yLabel(), c.series()), c.captionOrDefault(),
                        "Line chart of " + c.yLabel() + " per epoch: " + String.join(", ", c.series().keySet()));
            }
            for (Table t : tables) {
                page.table(t.heading(), t.header(), t.rows());
            }
            for (ReportSection section : explanationSections(panels, summary)) {
                section.addTo(page, w, data);
            }
            if (viewerImages > 0) { // on this thread while the pool draws the figures
                InteractiveViewer.builder().maxImages(viewerImages).title(title)
                        .maskLabels(figureOptions.insideLabel(), figureOptions.outsideLabel()).build()
                        .write(data, chunks.size(), out);
            }
            Map<String, Object> p = new LinkedHashMap<>(parameters);
            explanations.provenance().ifPresent(pr -> p.putAll(ProvenanceRows.of(pr)));
            if (!p.isEmpty()) {
                page.parameters("Parameters", p);
            }
            if (!timings.isEmpty() || reportStep != null) {
                w.await(); // the row below counts the drawing
                Map<String, Double> t = new LinkedHashMap<>(timings);
                if (reportStep != null) {
                    t.put(reportStep, reportSecondsBefore + (System.nanoTime() - started) / 1e9);
                }
                page.timings("Timings (wall clock)", t);
            }
            if (!readingNotes.isEmpty()) {
                page.notes("How to read the figures", readingNotes.equals(READING_NOTES) && !data.hasTruth()
                        ? READING_NOTES_WITHOUT_TRUTH : readingNotes);
            }
            Path html = page.build().write(out.resolve(HTML));
            return new DrawnReport(html, w.files());
        }
    }

    /** The sections drawn from the explanations, in page order. */
    private List<ReportSection> explanationSections(List<String> panels, CohortSummary summary) {
        FigureOptions o = figureOptions;
        return List.of(new ExpectedValuesSection(o), new SamplePanelsSection(o, panels, inputNote, summary.images()),
                new AdditiveStripsSection(o, panels.subList(0, Math.min(strips, panels.size()))),
                new InteractionsSection(o, panels), new GlobalSection(o, globalImages, summary),
                new ContributionTablesSection(o, binEdges, inputNote, summary));
    }

    /** Builder of an {@link ExplanationReport}; every option has a default. */
    public static final class Builder {
        private String title = "Explanations";
        private final List<String> paragraphs = new ArrayList<>();
        private Map<String, boolean[]> truth;
        private List<String> panelIds;
        private int panelCount = DEFAULT_PANELS;
        private int strips = 3;
        private int globalImages = 100;
        private FigureOptions figureOptions = FigureOptions.defaults();
        private double[] binEdges = STANDARDISED_EDGES;
        private String inputNote;
        private final List<Metrics> metrics = new ArrayList<>();
        private final List<TrainingCurve> curves = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private final Map<String, Double> timings = new LinkedHashMap<>();
        private List<String> readingNotes = READING_NOTES;
        private int viewerImages = InteractiveViewer.DEFAULT_IMAGES;
        private int drawingThreads = Math.min(MAX_DEFAULT_DRAWING_THREADS,
                Runtime.getRuntime().availableProcessors());
        private String reportStep;
        private double reportSecondsBefore;

        private Builder() {
        }

        /** The page title (default "Explanations"). */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** A paragraph of plain text under the title (e.g. what was trained and explained); in order. */
        public Builder paragraph(String text) {
            paragraphs.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * The true mask of every explained image, by id, one entry per output (like the masks of
         * {@link Explanations#cohort}); without them (the default) nothing is split by the mask.
         */
        public Builder truthMasks(Map<String, boolean[]> masksById) {
            Map<String, boolean[]> copy = new LinkedHashMap<>();
            masksById.forEach((k, v) -> copy.put(k, v.clone()));
            this.truth = copy;
            return this;
        }

        /** What the outputs inside and outside the true mask are called, e.g. "salt", "not salt". */
        public Builder maskLabels(String inside, String outside) {
            figureOptions = figureOptions.toBuilder().maskLabels(inside, outside).build();
            return this;
        }

        /** The images that get a panel, in order (default: the first {@link #panelCount(int)}). */
        public Builder panels(List<String> ids) {
            this.panelIds = List.copyOf(ids);
            return this;
        }

        /**
         * How many images (the first) get a panel when {@link #panels(List)} is not given (default
         * {@value ExplanationReport#DEFAULT_PANELS}), &gt;= 0; the page says which images have one.
         */
        public Builder panelCount(int n) {
            this.panelCount = nonNegative(n, "panel count");
            return this;
        }

        /** How many of the panel images also get an additive strip (default 3), &gt;= 0. */
        public Builder strips(int n) {
            this.strips = nonNegative(n, "strip count");
            return this;
        }

        /** Most images whose outputs are drawn in the scatter figures (default 100), &gt; 0. */
        public Builder globalImages(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("global figure images must be > 0, got " + n);
            }
            this.globalImages = n;
            return this;
        }

        /** The drawing options (default {@link FigureOptions#defaults()}); replaces earlier {@link #maskLabels}. */
        public Builder figureOptions(FigureOptions options) {
            this.figureOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Inner edges of the input-value bins of the "mean contribution by input value" table (default
         * -3 to 3 in steps of 0.5, for standardised inputs); none to leave the table out.
         */
        public Builder inputBinEdges(double... edges) {
            this.binEdges = edges.length == 0 ? null : edges.clone();
            return this;
        }

        /** What the inputs are, said in captions, e.g. "power-transformed" (default nothing). */
        public Builder inputNote(String note) {
            this.inputNote = note;
            return this;
        }

        /**
         * A metrics table: one row per set (e.g. train, validation, test), one column per metric.
         *
         * @param heading its heading
         * @param rows    set name to (metric name to value), in order; copied
         * @param note    a paragraph under it saying what the metrics are, or null
         */
        public Builder metrics(String heading, Map<String, ? extends Map<String, ? extends Number>> rows, String note) {
            Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
            rows.forEach((set, m) -> {
                Map<String, Double> r = new LinkedHashMap<>();
                m.forEach((k, v) -> r.put(k, v == null ? Double.NaN : v.doubleValue()));
                copy.put(set, java.util.Collections.unmodifiableMap(r));
            });
            metrics.add(new Metrics(Objects.requireNonNull(heading, "heading"),
                    java.util.Collections.unmodifiableMap(copy), note));
            return this;
        }

        /** A training-curve figure, drawn after the metrics in the order added. */
        public Builder trainingCurve(TrainingCurve curve) {
            curves.add(Objects.requireNonNull(curve, "curve"));
            return this;
        }

        /** A table of cells (e.g. metrics per epoch), after the training curves. */
        public Builder table(String heading, List<String> header, List<List<?>> rows) {
            List<List<?>> copy = new ArrayList<>();
            for (List<?> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("table '" + heading + "' has " + header.size()
                            + " columns but a row has " + r.size() + " cells: " + r);
                }
                copy.add(List.copyOf(r));
            }
            tables.add(new Table(heading, List.copyOf(header), List.copyOf(copy)));
            return this;
        }

        /** Parameters shown as a name-value table (added to the ones given before), before the provenance. */
        public Builder parameters(Map<String, ?> params) {
            params.forEach((k, v) -> parameters.put(k, v));
            return this;
        }

        /** Wall times in seconds by step (added to the ones given before). */
        public Builder timings(Map<String, Double> seconds) {
            timings.putAll(seconds);
            return this;
        }

        /**
         * Adds this report to the timings table as the step {@code step}: {@code secondsBefore} (e.g.
         * reading and checking the inputs before {@link ExplanationReport#write}) plus the time
         * {@code write} takes to draw every figure; default no such row.
         */
        public Builder timeThisReport(String step, double secondsBefore) {
            if (!(secondsBefore >= 0)) {
                throw new IllegalArgumentException("seconds before the report must be >= 0, got " + secondsBefore);
            }
            this.reportStep = Objects.requireNonNull(step, "step");
            this.reportSecondsBefore = secondsBefore;
            return this;
        }

        /** The notes on reading the figures (default {@link #READING_NOTES}); empty to leave them out. */
        public Builder readingNotes(List<String> notes) {
            this.readingNotes = List.copyOf(notes);
            return this;
        }

        /**
         * How many images (the first ones) the interactive viewer {@value InteractiveViewer#HTML}
         * beside the page carries (default {@value InteractiveViewer#DEFAULT_IMAGES}); 0 writes no viewer.
         */
        public Builder viewerImages(int n) {
            this.viewerImages = nonNegative(n, "viewer image count");
            return this;
        }

        /**
         * How many threads draw and encode the figures at once (default: the available processors, at
         * most {@value ExplanationReport#MAX_DEFAULT_DRAWING_THREADS}), &gt;= 1; the files are the same,
         * byte for byte, whatever the number.
         */
        public Builder drawingThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("drawing threads must be >= 1, got " + n);
            }
            this.drawingThreads = n;
            return this;
        }

        /** The report. */
        public ExplanationReport build() {
            return new ExplanationReport(this);
        }

        private static int nonNegative(int n, String what) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + n);
            }
            return n;
        }
    }
}
