package io.github.segshap.bench;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.explanation.InputContributions;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.report.ExplanationReport;
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
import io.github.segshap.report.viewer.InteractiveViewer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the report's time goes (not JMH: a cold JVM is what a command meets). {@code phases}: in one
 * fresh JVM, reads an explanation folder, then draws each figure kind alone and in page order (9
 * panels, 3 strips, the interaction grid, the global figures over the first 100 images) and encodes
 * it with {@link Png}, computes the statistics, writes the viewer, then the whole
 * {@link ExplanationReport#write} twice (JIT warm); prints seconds per phase. {@code threads}: the
 * whole write of the folder's explanations with 1 and with 2 drawing threads, interleaved, best of
 * ROUNDS after a warm-up. The recipe and the numbers are in docs/performance.md ("Report time").
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.ReportPhases phases FOLDER OUT
 * java -cp benchmarks/target/benchmarks.jar io.github.segshap.bench.ReportPhases threads FOLDER OUT ROUNDS
 * </pre>
 */
public final class ReportPhases {
    private final Map<String, double[]> seconds = new LinkedHashMap<>();

    private ReportPhases() {
    }

    /** Runs one mode; see the class comment. */
    public static void main(String[] args) {
        if (args.length < 3 || !(args[0].equals("phases") || args[0].equals("threads"))) {
            throw new IllegalArgumentException("usage: ReportPhases phases FOLDER OUT | threads FOLDER OUT ROUNDS");
        }
        Path folder = Path.of(args[1]);
        Path out = Path.of(args[2]);
        if (args[0].equals("phases")) {
            new ReportPhases().phases(folder, out);
        } else {
            threads(folder, out, args.length > 3 ? Integer.parseInt(args[3]) : 3);
        }
    }

    private void phases(Path folder, Path out) {
        Explanations ex = time("read the folder", () -> ExplanationFolder.read(folder));
        LabelledExplanations d = LabelledExplanations.of(ex);
        FigureOptions o = FigureOptions.defaults();
        figure("expected values", () -> new ExpectedValuesFigure(o).draw(d));
        for (int i = 0; i < Math.min(ExplanationReport.DEFAULT_PANELS, ex.size()); i++) {
            int image = i;
            figure("sample panels", () -> new SamplePanelFigure(o).draw(d, image));
        }
        for (int i = 0; i < Math.min(3, ex.size()); i++) {
            int image = i;
            figure("additive strips", () -> new AdditiveStripFigure(o).draw(d, image));
        }
        if (ex.players() > 1 && ex.get(0).interactions().isPresent()) {
            figure("interaction grid", () -> new InteractionGridFigure(o).draw(d, 0));
        }
        figure("mean |contribution|", () -> new MeanAbsContributionFigure(o).draw(d));
        if (d.playersAreChannels()) {
            LabelledExplanations g = d.first(100);
            figure("global_by_channel", () -> new GlobalByChannelFigure(o).draw(g));
            figure("global_combined", () -> new GlobalCombinedFigure(o).draw(g, d.hasTruth()
                    ? GlobalCombinedFigure.Grouping.TRUE_MASK : GlobalCombinedFigure.Grouping.PREDICTED_MASK));
            time("statistics", () -> InputContributions.withEdges(ex, null, true, 0));
        }
        time("viewer", () -> InteractiveViewer.builder().build().write(d, out));
        time("whole write, first", () -> ExplanationReport.builder().build().write(ex, out));
        time("whole write, again", () -> ExplanationReport.builder().build().write(ex, out));
        seconds.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-28s %8.3f s (%d)%n", k, v[0], (long) v[1]));
    }

    private static void threads(Path folder, Path out, int rounds) {
        Explanations ex = ExplanationFolder.read(folder);
        ExplanationReport.builder().drawingThreads(2).build().write(ex, out.resolve("warm-up"));
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int r = 0; r < rounds; r++) {
            for (int t = 1; t <= 2; t++) {
                long t0 = System.nanoTime();
                ExplanationReport.builder().drawingThreads(t).build().write(ex, out.resolve("threads-" + t));
                double s = (System.nanoTime() - t0) / 1e9;
                best[t - 1] = Math.min(best[t - 1], s);
                System.out.printf(Locale.ROOT, "round %d, %d drawing thread(s): %.2f s%n", r, t, s);
            }
        }
        System.out.printf(Locale.ROOT, "best: 1 thread %.2f s, 2 threads %.2f s, speed-up %.2fx%n", best[0], best[1],
                best[0] / best[1]);
    }

    private void figure(String kind, Supplier<BufferedImage> draw) {
        BufferedImage image = time(kind + ": draw", draw);
        time(kind + ": PNG", () -> Png.encode(image));
    }

    private <T> T time(String phase, Supplier<T> body) {
        long t0 = System.nanoTime();
        T out = body.get();
        double[] s = seconds.computeIfAbsent(phase, k -> new double[2]);
        s[0] += (System.nanoTime() - t0) / 1e9;
        s[1]++;
        return out;
    }
}
