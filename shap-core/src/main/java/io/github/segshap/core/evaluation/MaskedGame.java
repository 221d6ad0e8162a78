package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The coalitional game of one explained image: the values {@code v(S)} of any coalitions, from
 * masked images the model predicts in batches (made by {@link CoalitionEvaluator#game}).
 *
 * <p><b>Writing only what changes.</b> The game keeps its batch buffers between calls, and each
 * slot of a buffer remembers the coalition and background row it holds. A call's coalitions are
 * evaluated in Gray order and laid out column by column (slot j of consecutive batches takes
 * consecutive coalitions, always with the same background row), so refilling a slot rewrites the
 * few players that differ from the previous batch: one for the consecutive coalitions of an exact
 * explanation. The order does not change any value: each coalition's rows are still added in row
 * order, whatever the batch size and thread count.
 *
 * <p><b>Batches are the image's own.</b> The model calls of one image are a function of that image's
 * coalitions alone: the shared empty coalition (the base value) is evaluated in calls of its own,
 * never with the image's other coalitions. So a model whose outputs depend in the last bits on the
 * batch they are computed in (DL4J's do) gives the same numbers for an image explained alone, after a
 * resume or among others.
 *
 * <p>Not thread-safe: one game per explained image and calling thread (the model calls of one
 * {@link #values} call may still run on several threads).
 */
public final class MaskedGame {
    private final CoalitionEvaluator evaluator;
    private final Image image;
    private final Replacements replacements;
    private final boolean shareEmpty;
    private final int outputs;
    /** One reusable buffer per model-calling thread. */
    private MaskedBatch[] buffers = new MaskedBatch[0];
    /** The explained image and the replacement rows in the model's layout, made once per game. */
    private MaskedBatch.Source imageSource;
    private MaskedBatch.Source[] rowSources;

    MaskedGame(CoalitionEvaluator evaluator, Image image, Replacements replacements, boolean shareEmpty) {
        this.evaluator = evaluator;
        this.image = image;
        this.replacements = replacements;
        this.shareEmpty = shareEmpty;
        this.outputs = evaluator.outputShape().size();
    }

    /**
     * The values of the given coalitions for every output, in new arrays (a repeated coalition's
     * rows are the same array).
     *
     * @param coalitions the coalitions (repeats allowed, evaluated once)
     * @param what       a label for progress, e.g. "image 2"
     * @throws IllegalArgumentException when a coalition is of another player count
     * @throws IllegalStateException    when the model returns the wrong number of values or a value that is not finite
     */
    public CoalitionValues values(List<Coalition> coalitions, String what) {
        int[] slot = new int[coalitions.size()];
        List<Coalition> todo = unique(coalitions, slot);
        double[][] rows = new double[todo.size()][];
        long evaluations = evaluate(todo, rows, true, what);
        double[][] out = new double[coalitions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[slot[i]];
        }
        return new CoalitionValues(out, evaluations);
    }

    /**
     * The values of the given coalitions written into the caller's rows, so that a caller streaming
     * many coalitions through the same rows allocates nothing per call.
     *
     * @param coalitions the coalitions (repeats allowed, evaluated once)
     * @param into       {@code into[i]} receives v of coalition i, K values; Modified. Distinct arrays.
     * @param what       a label for progress
     * @return masked images predicted
     * @throws IllegalArgumentException when a coalition is of another player count, or {@code into}
     *                                  has not one row of K values per coalition
     */
    public long valuesInto(List<Coalition> coalitions, double[][] into, String what) {
        if (into.length != coalitions.size()) {
            throw new IllegalArgumentException(into.length + " rows for the values of " + coalitions.size()
                    + " coalitions");
        }
        for (int i = 0; i < into.length; i++) {
            if (into[i] == null || into[i].length != outputs) {
                throw new IllegalArgumentException("row " + i + " for the values of coalition " + coalitions.get(i)
                        + " has " + (into[i] == null ? "no" : into[i].length) + " values, not the " + outputs
                        + " outputs");
            }
        }
        int[] slot = new int[coalitions.size()];
        List<Coalition> todo = unique(coalitions, slot);
        double[][] rows = new double[todo.size()][];
        for (int i = into.length - 1; i >= 0; i--) {
            rows[slot[i]] = into[i];
        }
        long evaluations = evaluate(todo, rows, false, what);
        for (int i = 0; i < into.length; i++) {
            if (into[i] != rows[slot[i]]) {
                System.arraycopy(rows[slot[i]], 0, into[i], 0, outputs);
            }
        }
        return evaluations;
    }

    /** The distinct coalitions in first-seen order; {@code slot[i]} = the index of coalition i among them. */
    private List<Coalition> unique(List<Coalition> coalitions, int[] slot) {
        int m = evaluator.players();
        Map<Coalition, Integer> unique = new LinkedHashMap<>();
        for (int i = 0; i < coalitions.size(); i++) {
            Coalition c = coalitions.get(i);
            if (c.players() != m) {
                throw new IllegalArgumentException("coalition of " + c.players() + " players for a game of " + m
                        + " players");
            }
            slot[i] = unique.computeIfAbsent(c, key -> unique.size());
        }
        return new ArrayList<>(unique.keySet());
    }

    /**
     * Evaluates distinct coalitions into {@code rows} (new arrays when {@code fresh}, else the given
     * ones, overwritten); returns the masked images predicted.
     */
    private long evaluate(List<Coalition> todo, double[][] rows, boolean fresh, String what) {
        List<Integer> allRows = new ArrayList<>();
        List<Integer> oneRow = new ArrayList<>();
        int count = replacements.count();
        int emptySlot = -1;
        long evaluations = 0;
        for (int u = 0; u < todo.size(); u++) {
            Coalition c = todo.get(u);
            if (c.isEmpty() && shareEmpty) {
                double[] cached = evaluator.sharedBaseValue(replacements);
                if (cached != null) {
                    if (fresh) {
                        rows[u] = cached;
                    } else {
                        System.arraycopy(cached, 0, rows[u], 0, outputs);
                    }
                    continue;
                }
                emptySlot = u;
            }
            if (fresh) {
                rows[u] = new double[outputs];
            }
            if (u == emptySlot) {
                // in model calls of its own, so that the calls of the other coalitions are the same
                // whichever image computes the shared base value first (a model whose outputs depend on
                // the batch, as DL4J's do in the last bits, gives the same numbers alone or resumed)
                List<Integer> empty = new ArrayList<>(List.of(u));
                Plan own = count == 1 ? plan(todo, new ArrayList<>(), empty) : plan(todo, empty, new ArrayList<>());
                run(todo, own, rows, what);
                evaluations += own.items.size();
                continue;
            }
            boolean one = (c.isFull() && evaluator.coversAll()) || count == 1;
            (one ? oneRow : allRows).add(u);
        }
        Plan plan = plan(todo, allRows, oneRow);
        run(todo, plan, rows, what);
        if (emptySlot >= 0) {
            evaluator.shareBaseValue(replacements, fresh ? rows[emptySlot] : rows[emptySlot].clone());
        }
        return evaluations + plan.items.size();
    }

    /**
     * The model calls of one {@link #values} call.
     *
     * @param items  {@code {coalition, background row, 1 when the row's weight is 1 (a single row)}} in call order
     * @param bounds batch b is items {@code bounds[b] .. bounds[b + 1] - 1}
     */
    private record Plan(List<int[]> items, int[] bounds) {
        int batches() {
            return bounds.length - 1;
        }

        int largestBatch() {
            int largest = 0;
            for (int b = 0; b < batches(); b++) {
                largest = Math.max(largest, bounds[b + 1] - bounds[b]);
            }
            return largest;
        }
    }

    /**
     * Lays the coalitions out in batches: those with every background row column by column in Gray
     * order, then those with one row (the grand coalition), into the last batch when it has room.
     */
    private Plan plan(List<Coalition> todo, List<Integer> allRows, List<Integer> oneRow) {
        int rows = replacements.count();
        int total = allRows.size() * rows + oneRow.size();
        int batch = Math.min(evaluator.batchImages(), Math.max(16, (total + 7) / 8));
        Comparator<Integer> gray = (a, b) -> Coalition.compareGrayRank(todo.get(a), todo.get(b));
        allRows.sort(gray);
        oneRow.sort(gray);
        List<int[]> items = new ArrayList<>(total);
        List<Integer> bounds = new ArrayList<>(List.of(0));
        columns(allRows, rows, batch, items, bounds);
        int lastBatch = bounds.size() > 1 ? items.size() - bounds.get(bounds.size() - 2) : batch;
        if (!oneRow.isEmpty() && lastBatch + oneRow.size() <= batch) {
            for (int u : oneRow) {
                items.add(new int[] {u, 0, 1});
            }
            bounds.set(bounds.size() - 1, items.size());
        } else {
            columns(oneRow, 1, batch, items, bounds);
        }
        return new Plan(items, bounds.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Appends the items of {@code group} (coalition indices in Gray order, {@code rows} rows each) in
     * batches of at most {@code batch} images: {@code batch / rows} coalitions per batch, coalition
     * {@code q * batches + i} in batch i, so that a slot meets consecutive coalitions. A coalition
     * with more rows than a batch holds spans consecutive batches.
     */
    private static void columns(List<Integer> group, int rows, int batch, List<int[]> items, List<Integer> bounds) {
        int n = group.size();
        if (n == 0) {
            return;
        }
        int one = rows == 1 ? 1 : 0;
        int perBatch = batch / rows;
        if (perBatch == 0) {
            for (int u : group) {
                for (int r = 0; r < rows; r++) {
                    items.add(new int[] {u, r, one});
                    if (items.size() - bounds.get(bounds.size() - 1) == batch) {
                        bounds.add(items.size());
                    }
                }
            }
            if (items.size() > bounds.get(bounds.size() - 1)) {
                bounds.add(items.size());
            }
            return;
        }
        int batches = (n + perBatch - 1) / perBatch;
        for (int i = 0; i < batches; i++) {
            for (int q = 0; q < perBatch && q * batches + i < n; q++) {
                int u = group.get(q * batches + i);
                for (int r = 0; r < rows; r++) {
                    items.add(new int[] {u, r, one});
                }
            }
            bounds.add(items.size());
        }
    }

    private void run(List<Coalition> coalitions, Plan plan, double[][] values, String what) {
        int batches = plan.batches();
        if (batches == 0) {
            return;
        }
        Model model = evaluator.model();
        int threads = model.isThreadSafe() ? Math.min(evaluator.threads(), batches) : 1;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        MaskedBatch[] buffer = buffers(threads, plan.largestBatch());
        List<int[]> items = plan.items;
        try {
            int done = 0;
            for (int first = 0; first < batches; first += threads) {
                int wave = Math.min(threads, batches - first);
                List<Future<double[]>> futures = new ArrayList<>();
                double[][] results = new double[wave][];
                for (int t = 0; t < wave; t++) {
                    int from = plan.bounds[first + t];
                    int to = plan.bounds[first + t + 1];
                    MaskedBatch b = buffer[t];
                    if (pool == null) {
                        results[t] = predict(coalitions, items, from, to, b);
                    } else {
                        futures.add(pool.submit(() -> predict(coalitions, items, from, to, b)));
                    }
                }
                for (int t = 0; t < futures.size(); t++) {
                    results[t] = futures.get(t).get();
                }
                for (int t = 0; t < wave; t++) {
                    int from = plan.bounds[first + t];
                    int to = plan.bounds[first + t + 1];
                    accumulate(results[t], coalitions, items, from, to, values);
                    done += to - from;
                }
                evaluator.options().progress().onProgress(done, items.size(), what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating coalitions", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("model call failed", cause);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The game's buffers for {@code threads} threads of at least {@code slots} images, kept when large enough. */
    private MaskedBatch[] buffers(int threads, int slots) {
        if (buffers.length < threads) {
            buffers = Arrays.copyOf(buffers, threads);
        }
        if (imageSource == null) {
            sources();
        }
        for (int t = 0; t < threads; t++) {
            if (buffers[t] == null || buffers[t].slots() < slots) {
                buffers[t] = new MaskedBatch(slots, image.shape(), evaluator.layout(), imageSource, rowSources,
                        evaluator.runs(), evaluator.coversAll());
            }
        }
        return buffers;
    }

    /**
     * The image and the replacement rows as the buffers copy them: the images themselves for an NCHW
     * model, else their values transposed once to the model's layout (never once per batch).
     */
    private void sources() {
        Layout layout = evaluator.layout();
        rowSources = new MaskedBatch.Source[replacements.count()];
        if (layout == Layout.NCHW) {
            imageSource = image::copyRange;
            for (int r = 0; r < rowSources.length; r++) {
                rowSources[r] = replacements.image(r)::copyRange;
            }
            return;
        }
        imageSource = inLayout(image, layout);
        for (int r = 0; r < rowSources.length; r++) {
            rowSources[r] = inLayout(replacements.image(r), layout);
        }
    }

    private static MaskedBatch.Source inLayout(Image image, Layout layout) {
        double[] v = new double[image.shape().size()];
        Layout.copy(Layout.NCHW, image.toArray(), 0, layout, v, 0, 1, image.shape().channels(), image.shape().pixels());
        return (from, dest, destPos, length) -> System.arraycopy(v, from, dest, destPos, length);
    }

    private double[] predict(List<Coalition> coalitions, List<int[]> items, int from, int to, MaskedBatch buffer) {
        for (int i = from; i < to; i++) {
            int[] item = items.get(i);
            buffer.fill(i - from, coalitions.get(item[0]), item[1]);
        }
        int n = to - from;
        Model model = evaluator.model();
        double[] out;
        if (model.isThreadSafe()) {
            out = model.predict(buffer.batch(n));
        } else {
            synchronized (model) {
                out = model.predict(buffer.batch(n));
            }
        }
        if (out == null || out.length != (long) n * outputs) {
            throw new IllegalStateException("model returned " + (out == null ? "null" : out.length + " values")
                    + " for a batch of " + n + " images, but its output shape " + evaluator.outputShape() + " needs "
                    + n + " x " + outputs + " = " + (long) n * outputs
                    + ": the model's output size must not change between calls");
        }
        return out;
    }

    /**
     * Adds each item's outputs, times its row's weight, to its coalition's values (the first row
     * sets them), checking on the way that every output is finite. The rows of one coalition that
     * follow each other in the batch are added two at a time in one pass over the outputs,
     * {@code v = (v + w_r y_r) + w_r+1 y_r+1}: the same operations in the same order as one row at a
     * time, so the same values, with the coalition's values read and written half as often.
     */
    private void accumulate(double[] out, List<Coalition> coalitions, List<int[]> items, int from, int to,
                            double[][] values) {
        int i = from;
        while (i < to) {
            int[] item = items.get(i);
            int[] next = i + 1 < to ? items.get(i + 1) : null;
            boolean pair = next != null && next[0] == item[0] && next[1] == item[1] + 1;
            double[] v = values[item[0]];
            int offset = (i - from) * outputs;
            double w = weight(item);
            long exponents = pair ? WeightedRows.two(out, offset, w, weight(next), v, outputs, item[1] > 0)
                    : WeightedRows.one(out, offset, w, v, outputs, item[1] > 0);
            int images = pair ? 2 : 1;
            if (exponents < 0) {
                // a value is not finite: name the first output that is not, if any (else the sum overflowed)
                for (int t = 0; t < images; t++) {
                    int at = offset + t * outputs;
                    int k = WeightedRows.firstNotFinite(out, at, outputs);
                    if (k >= 0) {
                        throw notFinite(out[at + k], k, coalitions.get(item[0]), items.get(i + t)[1]);
                    }
                }
            }
            i += images;
        }
    }

    /** The weight of an item's outputs in its coalition's value: 1 for a single row, else its row's. */
    private double weight(int[] item) {
        return item[2] == 1 ? 1.0 : replacements.weight(item[1]);
    }

    private IllegalStateException notFinite(double y, int k, Coalition c, int row) {
        return new IllegalStateException("model output " + k + " (position "
                + Arrays.toString(evaluator.outputShape().position(k)) + ") is " + y
                + " for the masked image of coalition " + c + " with background row " + row
                + ": model outputs must be finite");
    }

    private static ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "segshap-model");
            t.setDaemon(true);
            return t;
        };
    }
}
