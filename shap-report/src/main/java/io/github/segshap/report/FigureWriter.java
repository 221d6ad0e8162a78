package io.github.segshap.report;

import io.github.segshap.report.chart.Png;
import io.github.segshap.report.html.HtmlReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Draws the report's figures on a bounded pool of threads, writes each as
 * {@code OUT/figures/<name>.png} and adds it to the page in the order asked (linked to its file),
 * remembering the files in page order. Each figure is drawn and encoded on one thread from immutable
 * data, so the files' bytes do not depend on the number of threads. Close it to stop the threads.
 */
final class FigureWriter implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final Path out;
    private final ExecutorService pool;
    private final List<Path> files = new ArrayList<>();
    private final List<CompletableFuture<byte[]>> drawn = new ArrayList<>();

    /**
     * Figures under {@code out/}{@value ExplanationReport#FIGURES}, drawn on {@code threads} threads
     * (1: on the caller's thread, in order).
     */
    FigureWriter(Path out, int threads) {
        this.out = Objects.requireNonNull(out, "out");
        if (threads < 1) {
            throw new IllegalArgumentException("drawing threads must be >= 1, got " + threads);
        }
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemons());
    }

    /**
     * Draws {@code drawing} as {@code figures/<name>.png} (on a pool thread) and adds it to the page
     * now, in order; the page waits for its bytes when it is built.
     *
     * @param heading a heading before it, or null
     * @param drawing draws the figure; called once, on any thread
     * @param caption the caption under it
     * @param alt     the text that stands for it
     */
    void figure(HtmlReport.Builder page, String heading, String name, Supplier<BufferedImage> drawing, String caption,
                String alt) {
        String link = ExplanationReport.FIGURES + "/" + name + ".png";
        Path file = out.resolve(ExplanationReport.FIGURES).resolve(name + ".png");
        Supplier<byte[]> task = () -> {
            byte[] png = Png.encode(drawing.get());
            Png.write(png, file);
            return png;
        };
        CompletableFuture<byte[]> f = pool == null ? CompletableFuture.completedFuture(task.get())
                : CompletableFuture.supplyAsync(task, pool);
        drawn.add(f);
        files.add(file);
        page.figure(heading, () -> bytes(f), link, caption, alt);
    }

    /**
     * Waits until every figure asked for so far is drawn and written.
     *
     * @throws RuntimeException the first failure of a figure, as thrown while drawing or writing it
     */
    void await() {
        drawn.forEach(FigureWriter::bytes);
    }

    /** The files written so far, in page order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** Stops the pool's threads (figures not yet drawn are abandoned). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** An image id as part of a file name: characters other than letters, digits, '.', '_', '-' become '_'. */
    static String fileSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] bytes(CompletableFuture<byte[]> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static ThreadFactory daemons() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "segshap-figures-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
