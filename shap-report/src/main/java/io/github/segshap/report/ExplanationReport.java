package io.github.segshap.report;

import io.github.segshap.core.explanation.CohortStatistics;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.report.chart.Png;
import io.github.segshap.report.figures.AdditiveStripFigure;
import io.github.segshap.report.figures.ExpectedValuesFigure;
import io.github.segshap.report.figures.FigureOptions;
import io.github.segshap.report.figures.GlobalByChannelFigure;
import io.github.segshap.report.figures.GlobalCombinedFigure;
import io.github.segshap.report.figures.InteractionGridFigure;
import io.github.segshap.report.figures.LabelledExplanations;
import io.github.segshap.report.figures.MeanAbsContributionFigure;
import io.github.segshap.report.figures.SamplePanelFigure;
import io.github.segshap.report.figures.TrainingCurvesFigure;
import io.github.segshap.report.html.HtmlReport;
import io.github.segshap.report.viewer.InteractiveViewer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * statistic comes from {@link Explanations#cohort} and {@link InputContributions}.
 *
 * <p>Immutable; the builder's values are copied at {@link Builder#build()}.
 */
public final class ExplanationReport {
    /** The report page's file name. */
    public static final String HTML = "report.html";
    /** The figures' folder beside it. */
    public static final String FIGURES = "figures";
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
        this.reportStep = b.reportStep;
        this.reportSecondsBefore = b.reportSecondsBefore;
    }

    /** A builder with the defaults (see each option). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the explanation folder {@code explanationFolder} and writes the report into {@code out}.
     *
     * @throws io.github.segshap.core.io.CorruptFolderException when the folder cannot be read
     */
    public DrawnReport write(Path explanationFolder, Path out) {
        return write(ExplanationFolder.read(explanationFolder), out);
    }

    /**
     * Draws the figures into {@code out/figures/} and writes {@code out/report.html}.
     *
     * @throws IllegalArgumentException when a true mask is missing or of the wrong size, or a panel id
     *                                  is not among the explanations
     * @throws java.io.UncheckedIOException naming the file that cannot be written
     */
    public DrawnReport write(Explanations explanations, Path out) {
        long started = System.nanoTime();
        LabelledExplanations data = truth.isEmpty() ? LabelledExplanations.of(explanations)
                : LabelledExplanations.of(explanations, truth);
        Writer w = new Writer(out);
        HtmlReport.Builder page = HtmlReport.builder(title);
        paragraphs.forEach(page::paragraph);
        if (viewerImages > 0) {
            page.paragraph("Interactive viewer: open " + InteractiveViewer.HTML + " beside this page to point at any"
                    + " pixel of the first " + Math.min(viewerImages, explanations.size()) + " images and read its"
                    + " breakdown (base value, each player, prediction).");
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
                    curveFigure.draw(c.title(), c.yLabel(), c.series()), c.captionOrDefault(),
                    "Line chart of " + c.yLabel() + " per epoch: " + String.join(", ", c.series().keySet()));
        }
        for (Table t : tables) {
            page.table(t.heading(), t.header(), t.rows());
        }
        explanationSections(page, w, data);
        Map<String, Object> p = new LinkedHashMap<>(parameters);
        explanations.provenance().ifPresent(pr -> p.putAll(provenanceRows(pr)));
        if (!p.isEmpty()) {
            page.parameters("Parameters", p);
        }
        if (!timings.isEmpty() || reportStep != null) {
            Map<String, Double> t = new LinkedHashMap<>(timings);
            if (reportStep != null) {
                t.put(reportStep, reportSecondsBefore + (System.nanoTime() - started) / 1e9);
            }
            page.timings("Timings (wall clock)", t);
        }
        if (!readingNotes.isEmpty()) {
            page.notes("How to read the figures", readingNotes);
        }
        Path html = page.build().write(out.resolve(HTML));
        if (viewerImages > 0) {
            InteractiveViewer.builder().maxImages(viewerImages).title(title)
                    .maskLabels(figureOptions.insideLabel(), figureOptions.outsideLabel()).build().write(data, out);
        }
        return new DrawnReport(html, w.files);
    }

    private void explanationSections(HtmlReport.Builder page, Writer w, LabelledExplanations data) {
        Explanations ex = data.explanations();
        FigureOptions o = figureOptions;
        w.figure(page, "Expected values", "expected_values", new ExpectedValuesFigure(o).draw(data),
                "The model's mean output over the background: the map every explanation starts from (the same for"
                        + " every image).", "Map of the expected values (base values)");
        List<String> panels = panels(ex);
        page.heading("Images: inputs, prediction and contributions");
        String inputs = ex.hasInputs() ? "the inputs" + (inputNote == null ? "" : " (" + inputNote + ")")
                : "no inputs (not kept)";
        page.paragraph(panels.size() + " of the " + ex.size() + " explained images. Top row: "
                + (data.hasTruth() ? "the true mask and " : "") + inputs + ", each in grey over its own range; bottom"
                + " row: the prediction and each player's contribution"
                + (o.sharedContributionScale() ? " on one colour scale" : "") + ".");
        SamplePanelFigure panel = new SamplePanelFigure(o);
        for (String id : panels) {
            w.figure(page, null, "sample_" + fileSafe(id), panel.draw(data, ex.indexOf(id)),
                    "Image " + id + ": top, " + (data.hasTruth() ? "the true mask and " : "")
                            + (ex.hasInputs() ? "the inputs" : "no inputs") + "; bottom, the prediction and the"
                            + " contribution of " + String.join(", ", ex.playerNames()) + " (red up, blue down; mean"
                            + " |c| and mean c under each map).",
                    "Panel of image " + id + ": " + (data.hasTruth() ? "true mask, " : "")
                            + (ex.hasInputs() ? "input maps, " : "") + "predicted map and one contribution map per"
                            + " player");
        }
        int stripCount = Math.min(strips, panels.size());
        if (stripCount > 0) {
            List<String> stripIds = panels.subList(0, stripCount);
            String last = ex.playerNames().get(ex.players() - 1);
            page.heading("Additive strips");
            page.paragraph("Images " + String.join(", ", stripIds) + " (the first " + stripCount + " of the images"
                    + " above) have strips: the expected values, each player's contribution added in turn (the last,"
                    + " + " + last + ", is the prediction)" + (data.hasTruth() ? ", then the truth" : "")
                    + ", on one colour scale (widened beyond 0..1 when a partial sum leaves it, not clipped).");
            AdditiveStripFigure strip = new AdditiveStripFigure(o);
            for (String id : stripIds) {
                int i = ex.indexOf(id);
                w.figure(page, null, "additive_" + fileSafe(id), strip.draw(data, i), String.format(Locale.ROOT,
                        "Image %s: expected values + %s = the prediction, up to %.2g at any output.", id,
                        String.join(" + ", ex.playerNames()), ex.maxAbsResidual(i)),
                        "Additive strip of image " + id + ": the expected-value map, then the running sum after "
                                + "adding each player's contribution, the last being the prediction"
                                + (data.hasTruth() ? ", then the true mask" : ""));
            }
        }
        interactionSection(page, w, data, panels);
        w.figure(page, "Global analysis", "mean_abs_contribution", new MeanAbsContributionFigure(o).draw(data),
                "Mean |contribution| per player over every output of all " + ex.size() + " explained images"
                        + (data.hasTruth() ? ", " + o.outsideLabel() + " and " + o.insideLabel() + " (true mask)" : "")
                        + ".", "Bar chart of the mean absolute contribution per player");
        if (data.playersAreChannels()) {
            LabelledExplanations global = data.first(globalImages);
            String over = global.size() == ex.size() ? "all " + ex.size() + " explained images"
                    : "the first " + global.size() + " of the " + ex.size() + " explained images (the tables below use"
                    + " all)";
            w.figure(page, null, "global_by_channel", new GlobalByChannelFigure(o).draw(global),
                    "Input value vs. contribution at every output of " + over + " (points sampled for drawing; lines:"
                            + " mean contribution in bins of the input value).",
                    "Scatter plots of input value against contribution, one per player");
            GlobalCombinedFigure.Grouping grouping = data.hasTruth() ? GlobalCombinedFigure.Grouping.TRUE_MASK
                    : GlobalCombinedFigure.Grouping.PREDICTED_MASK;
            w.figure(page, null, "global_combined", new GlobalCombinedFigure(o).draw(global, grouping),
                    "All players on one axis, outputs split by the " + (data.hasTruth() ? "true" : "predicted")
                            + " mask; " + over + ".",
                    "Scatter plots of input value against contribution for all players, split by the mask");
        }
        contributionTables(page, data);
    }

    /**
     * The interaction grid of the first panel image (or image 0), when the explanations carry
     * interaction maps and have at least two players.
     */
    private void interactionSection(HtmlReport.Builder page, Writer w, LabelledExplanations data,
                                    List<String> panels) {
        Explanations ex = data.explanations();
        if (ex.players() < 2 || ex.get(0).interactions().isEmpty()) {
            return;
        }
        String id = panels.isEmpty() ? ex.id(0) : panels.get(0);
        int m = ex.players();
        page.heading("Interactions");
        page.paragraph("Which players matter only together: the SHAP interaction values of each pair of players (in"
                + " shap's convention, Phi_ij = SII_ij / 2, half the Shapley interaction index; interactions.npy holds"
                + " them for every image). Red: the pair together pushes the output up more than each alone, blue:"
                + " less. Each output's M x M matrix, main effects on its diagonal, adds up to the prediction minus"
                + " the expected value.");
        w.figure(page, null, "interactions_" + fileSafe(id), new InteractionGridFigure(figureOptions).draw(data,
                        ex.indexOf(id)),
                "Image " + id + ": the interaction map of each pair of players, row and column named, upper triangle"
                        + " only (the matrix is symmetric), on one colour scale symmetric about 0.",
                "Grid of " + (m - 1) + " x " + (m - 1) + " cells: the interaction maps of image " + id + " for each "
                        + "pair of the players " + String.join(", ", ex.playerNames()) + ", first player of the pair "
                        + "on the rows, second on the columns, in the upper triangle");
    }

    private void contributionTables(HtmlReport.Builder page, LabelledExplanations data) {
        Explanations ex = data.explanations();
        FigureOptions o = figureOptions;
        List<String> names = ex.playerNames();
        CohortStatistics all = ex.cohort(null, true);
        CohortStatistics in = data.hasTruth() ? ex.cohort(data.truth(), true) : null;
        CohortStatistics outside = data.hasTruth() ? ex.cohort(data.truth(), false) : null;
        InputContributions corr = data.playersAreChannels() ? InputContributions.withEdges(ex, null, true, 0) : null;
        List<String> header = new ArrayList<>(List.of("player", "mean |c|"));
        if (in != null) {
            header.addAll(List.of("mean |c| " + o.insideLabel(), "mean |c| " + o.outsideLabel(),
                    "mean c " + o.insideLabel(), "mean c " + o.outsideLabel()));
        }
        if (corr != null) {
            header.add("corr(input, c)");
        }
        List<List<?>> rows = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            List<Object> row = new ArrayList<>(List.of(names.get(p), all.meanAbs()[p]));
            if (in != null) {
                row.addAll(List.of(in.meanAbs()[p], outside.meanAbs()[p], in.mean()[p], outside.mean()[p]));
            }
            if (corr != null) {
                row.add(corr.correlation(p));
            }
            rows.add(row);
        }
        page.table("Contributions over all " + ex.size() + " explained images", header, rows);
        page.paragraph(String.format(Locale.ROOT, "Largest additivity residual %.2g over %,d outputs%s.",
                ex.maxAbsResidual(), all.outputs(), in == null ? ""
                        : String.format(Locale.ROOT, " (%,d %s, %,d %s)", in.outputs(), o.insideLabel(),
                        outside.outputs(), o.outsideLabel())));
        if (corr == null || binEdges == null) {
            return;
        }
        List<InputContributions> groups = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        if (data.hasTruth()) {
            groups.add(InputContributions.withEdges(ex, data.truth(), true, binEdges));
            groupNames.add(o.insideLabel());
            groups.add(InputContributions.withEdges(ex, data.truth(), false, binEdges));
            groupNames.add(o.outsideLabel());
        } else {
            groups.add(InputContributions.withEdges(ex, null, true, binEdges));
            groupNames.add("all outputs");
        }
        List<String> binHeader = new ArrayList<>();
        binHeader.add("player / outputs");
        for (InputContributions.Bin b : groups.get(0).bins(0)) {
            binHeader.add(binLabel(b));
        }
        List<List<?>> binRows = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            for (int g = 0; g < groups.size(); g++) {
                List<Object> row = new ArrayList<>();
                row.add(names.get(p) + ", " + groupNames.get(g));
                for (InputContributions.Bin b : groups.get(g).bins(p)) {
                    row.add(b.count() == 0 ? "-" : (Object) b.meanContribution());
                }
                binRows.add(row);
            }
        }
        page.table("Mean contribution by input value" + (inputNote == null ? "" : " (" + inputNote + ")"),
                binHeader, binRows);
    }

    private List<String> panels(Explanations ex) {
        if (panelIds != null) {
            for (String id : panelIds) {
                ex.indexOf(id); // names the unknown id
            }
            return panelIds;
        }
        return ex.ids().subList(0, Math.min(panelCount, ex.size()));
    }

    private static Map<String, Object> provenanceRows(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("explanation.explainer", p.explainer());
        p.explainerOptions().forEach((k, v) -> m.put("explanation.explainer." + k, v));
        m.put("explanation.budget", p.budget());
        m.put("explanation.seed", p.seed());
        m.put("explanation.masker", p.masker());
        m.put("explanation.background", p.backgroundSize() + " rows, " + p.backgroundFingerprint());
        m.put("explanation.players", p.playerDefinition() + " " + p.players());
        m.put("explanation.model", p.model());
        m.put("explanation.padding", p.padding());
        m.put("explanation.segshap", p.libraryVersion() + " on Java " + p.javaVersion());
        m.put("explanation.created", p.created());
        return m;
    }

    private static String binLabel(InputContributions.Bin b) {
        if (Double.isInfinite(b.lower())) {
            return "< " + fmt(b.upper());
        }
        if (Double.isInfinite(b.upper())) {
            return ">= " + fmt(b.lower());
        }
        return fmt(b.lower()) + ".." + fmt(b.upper());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** An image id as part of a file name: characters other than letters, digits, '.', '_', '-' become '_'. */
    static String fileSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Writes figures into {@code out/figures} and adds them to the page, remembering the files. */
    private static final class Writer {
        private final Path out;
        private final List<Path> files = new ArrayList<>();

        Writer(Path out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        void figure(HtmlReport.Builder page, String heading, String name, BufferedImage image, String caption,
                    String alt) {
            String link = FIGURES + "/" + name + ".png";
            Path file = Png.write(image, out.resolve(FIGURES).resolve(name + ".png"));
            files.add(file);
            page.figure(heading, file, link, caption, alt);
        }
    }

    /** Builder of an {@link ExplanationReport}; every option has a default. */
    public static final class Builder {
        private String title = "Explanations";
        private final List<String> paragraphs = new ArrayList<>();
        private Map<String, boolean[]> truth;
        private List<String> panelIds;
        private int panelCount = 9;
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

        /** How many images get a panel when {@link #panels(List)} is not given (default 9), &gt;= 0. */
        public Builder panelCount(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("panel count must be >= 0, got " + n);
            }
            this.panelCount = n;
            return this;
        }

        /** How many of the panel images also get an additive strip (default 3), &gt;= 0. */
        public Builder strips(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("strip count must be >= 0, got " + n);
            }
            this.strips = n;
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
            if (n < 0) {
                throw new IllegalArgumentException("viewer image count must be >= 0, got " + n);
            }
            this.viewerImages = n;
            return this;
        }

        /** The report. */
        public ExplanationReport build() {
            return new ExplanationReport(this);
        }
    }
}
