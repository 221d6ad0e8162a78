package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Where coalitions are evaluated: turns coalitions into masked images, feeds them to the model in
 * batches bounded by a memory budget, and returns the weighted coalition values
 * {@code v(S) = sum_r w_r model(x on S, replacement r elsewhere)} for every output at once.
 *
 * <p>Repeated coalitions are evaluated once; the grand coalition needs one model call when the
 * players cover the whole image; the empty coalition (the base value) is computed once per
 * image-independent {@link Replacements} and shared by every explained image. Model calls may run
 * on several threads, but outputs are accumulated in a fixed order, so the numbers do not depend on
 * the thread count. Thread-safe.
 *
 * <p><b>Batches.</b> One model call takes at most
 * {@link Model#imagesWithin imagesWithin(budget, model.bytesPerImage(shape))} masked images (and at
 * most {@value #MAX_BATCH}), where the budget is the model's {@link Model#memoryBudget()} unless
 * {@link EvaluationOptions#batchBytes()} overrides it. So, by default, every batch fits the model's
 * own budget and a model that splits calls by that budget never needs to split one further.
 */
public final class CoalitionEvaluator {
    /** Largest number of masked images in one model call. */
    static final int MAX_BATCH = 512;

    private final Model model;
    private final ImageShape shape;
    private final int[][] elements;
    /** Each player's elements as runs of consecutive indices: {start, length, start, length, ...}. */
    private final int[][] runs;
    private final boolean coverAll;
    private final OutputShape outputShape;
    private final int outputs;
    private final EvaluationOptions options;
    /** Most masked images in one model call, from the memory budget. */
    private final int batchImages;
    private final Map<Replacements, double[]> sharedBaseValues = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param model   the model; its output shape, memory budget and bytes per image are asked once here
     * @param players the players; checked to be non-empty, disjoint and inside the image
     * @param options batch budget override, threads, progress
     * @throws IllegalStateException when the model's memory budget or bytes per image are not positive
     */
    public CoalitionEvaluator(Model model, Players players, EvaluationOptions options) {
        this.model = model;
        this.shape = players.imageShape();
        this.elements = validatedElements(players);
        this.runs = new int[elements.length][];
        for (int p = 0; p < elements.length; p++) {
            runs[p] = runsOf(elements[p]);
        }
        long owned = Arrays.stream(elements).mapToLong(e -> e.length).sum();
        this.coverAll = owned == shape.size();
        this.outputShape = model.outputShape(shape);
        this.outputs = outputShape.size();
        this.options = options;
        long perImage = model.bytesPerImage(shape);
        if (perImage < 1) {
            throw new IllegalStateException("the model " + model + " says an image of shape " + shape + " takes "
                    + perImage + " bytes: Model.bytesPerImage must be positive");
        }
        this.batchImages = Math.min(MAX_BATCH, Model.imagesWithin(options.batchBytes(model), perImage));
    }

    private static int[][] validatedElements(Players players) {
        ImageShape shape = players.imageShape();
        int m = players.count();
        if (m < 1) {
            throw new IllegalArgumentException("there are no players: at least one is needed");
        }
        if (players.names().size() != m) {
            throw new IllegalArgumentException(m + " players but " + players.names().size() + " names");
        }
        int[] owner = new int[shape.size()];
        Arrays.fill(owner, -1);
        int[][] el = new int[m][];
        for (int p = 0; p < m; p++) {
            el[p] = players.elements(p);
            if (el[p].length == 0) {
                throw new IllegalArgumentException("player " + p + " (" + players.names().get(p) + ") is empty");
            }
            for (int e : el[p]) {
                if (e < 0 || e >= shape.size()) {
                    throw new IllegalArgumentException("player " + p + " (" + players.names().get(p) + ") owns value "
                            + e + " outside an image of shape " + shape + " (" + shape.size() + " values)");
                }
                if (owner[e] >= 0) {
                    int c = e / shape.pixels();
                    int r = (e % shape.pixels()) / shape.width();
                    throw new IllegalArgumentException("players " + owner[e] + " (" + players.names().get(owner[e])
                            + ") and " + p + " (" + players.names().get(p) + ") overlap at channel " + c + ", row " + r
                            + ", column " + (e % shape.width()) + ": players must be disjoint");
                }
                owner[e] = p;
            }
        }
        return el;
    }

    private static int[] runsOf(int[] sorted) {
        int[] sortedCopy = sorted.clone();
        Arrays.sort(sortedCopy);
        int[] out = new int[2 * sortedCopy.length];
        int n = 0;
        for (int i = 0; i < sortedCopy.length; ) {
            int start = sortedCopy[i];
            int j = i + 1;
            while (j < sortedCopy.length && sortedCopy[j] == sortedCopy[j - 1] + 1) {
                j++;
            }
            out[n++] = start;
            out[n++] = j - i;
            i = j;
        }
        return Arrays.copyOf(out, n);
    }

    /** The shape of one model output. */
    public OutputShape outputShape() {
        return outputShape;
    }

    /** Most masked images sent to the model in one call (from the memory budget, at most {@value #MAX_BATCH}). */
    public int batchImages() {
        return batchImages;
    }

    /** Number of players M. */
    public int players() {
        return elements.length;
    }

    /**
     * The values of the given coalitions for every output.
     *
     * @param image        the explained image
     * @param replacements what absent players take
     * @param shareEmpty   whether {@code replacements} is the same for every image, so v(empty) may be
     *                     cached and shared
     * @param coalitions   the coalitions (repeats allowed)
     * @param what         a label for progress, e.g. "image 2"
     */
    public CoalitionValues values(Image image, Replacements replacements, boolean shareEmpty,
                                  List<Coalition> coalitions, String what) {
        shape.requireSame(image.shape(), "image");
        shape.requireSame(replacements.shape(), "background");
        Map<Coalition, Integer> unique = new LinkedHashMap<>();
        int[] slot = new int[coalitions.size()];
        for (int i = 0; i < coalitions.size(); i++) {
            Coalition c = coalitions.get(i);
            if (c.players() != elements.length) {
                throw new IllegalArgumentException("coalition of " + c.players() + " players for a game of "
                        + elements.length + " players");
            }
            slot[i] = unique.computeIfAbsent(c, key -> unique.size());
        }
        List<Coalition> todo = new ArrayList<>(unique.keySet());
        double[][] uniqueValues = new double[todo.size()][];
        List<int[]> items = new ArrayList<>();
        int emptySlot = -1;
        for (int u = 0; u < todo.size(); u++) {
            Coalition c = todo.get(u);
            if (c.isEmpty() && shareEmpty) {
                double[] cached = sharedBaseValues.get(replacements);
                if (cached != null) {
                    uniqueValues[u] = cached;
                    continue;
                }
                emptySlot = u;
            }
            uniqueValues[u] = new double[outputs];
            int rows = (c.isFull() && coverAll) || replacements.count() == 1 ? 1 : replacements.count();
            for (int r = 0; r < rows; r++) {
                items.add(new int[] {u, r, rows == 1 ? 1 : 0});
            }
        }
        evaluate(image, replacements, todo, items, uniqueValues, what);
        if (emptySlot >= 0) {
            sharedBaseValues.putIfAbsent(replacements, uniqueValues[emptySlot]);
        }
        double[][] out = new double[coalitions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = uniqueValues[slot[i]];
        }
        return new CoalitionValues(out, items.size());
    }

    private void evaluate(Image image, Replacements replacements, List<Coalition> coalitions, List<int[]> items,
                          double[][] values, String what) {
        if (items.isEmpty()) {
            return;
        }
        int batch = Math.min(batchImages, Math.max(16, (items.size() + 7) / 8));
        int batches = (items.size() + batch - 1) / batch;
        int threads = model.isThreadSafe() ? Math.min(options.threads(), batches) : 1;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        double[][] buffers = new double[threads][Math.min(batch, items.size()) * shape.size()];
        try {
            int done = 0;
            for (int first = 0; first < batches; first += threads) {
                int wave = Math.min(threads, batches - first);
                List<Future<double[]>> futures = new ArrayList<>();
                double[][] results = new double[wave][];
                for (int t = 0; t < wave; t++) {
                    int from = (first + t) * batch;
                    int to = Math.min(items.size(), from + batch);
                    double[] buffer = buffers[t];
                    if (pool == null) {
                        results[t] = predict(image, replacements, coalitions, items, from, to, buffer);
                    } else {
                        futures.add(pool.submit(() -> predict(image, replacements, coalitions, items, from, to, buffer)));
                    }
                }
                for (int t = 0; t < futures.size(); t++) {
                    results[t] = futures.get(t).get();
                }
                for (int t = 0; t < wave; t++) {
                    int from = (first + t) * batch;
                    int to = Math.min(items.size(), from + batch);
                    accumulate(results[t], replacements, coalitions, items, from, to, values);
                    done += to - from;
                }
                options.progress().onProgress(done, items.size(), what);
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

    private double[] predict(Image x, Replacements replacements, List<Coalition> coalitions, List<int[]> items,
                             int from, int to, double[] buffer) {
        int size = shape.size();
        for (int i = from; i < to; i++) {
            int[] item = items.get(i);
            Coalition c = coalitions.get(item[0]);
            int offset = (i - from) * size;
            if (c.isFull()) {
                x.copyTo(buffer, offset);
                continue;
            }
            Image replacement = replacements.image(item[1]);
            if (coverAll && 2 * c.size() < elements.length) {
                // few players present: start from the replacement, copy the present players from x
                replacement.copyTo(buffer, offset);
                for (int p = 0; p < elements.length; p++) {
                    if (c.contains(p)) {
                        int[] r = runs[p];
                        for (int t = 0; t < r.length; t += 2) {
                            x.copyRange(r[t], buffer, offset + r[t], r[t + 1]);
                        }
                    }
                }
            } else {
                x.copyTo(buffer, offset);
                for (int p = 0; p < elements.length; p++) {
                    if (!c.contains(p)) {
                        int[] r = runs[p];
                        for (int t = 0; t < r.length; t += 2) {
                            replacement.copyRange(r[t], buffer, offset + r[t], r[t + 1]);
                        }
                    }
                }
            }
        }
        int n = to - from;
        double[] out;
        if (model.isThreadSafe()) {
            out = model.predict(new ImageBatch(shape, n, buffer));
        } else {
            synchronized (model) {
                out = model.predict(new ImageBatch(shape, n, buffer));
            }
        }
        if (out == null || out.length != (long) n * outputs) {
            throw new IllegalStateException("model returned " + (out == null ? "null" : out.length + " values")
                    + " for a batch of " + n + " images, but its output shape " + outputShape + " needs " + n + " x "
                    + outputs + " = " + (long) n * outputs + ": the model's output size must not change between calls");
        }
        for (int j = 0; j < out.length; j++) {
            if (!Double.isFinite(out[j])) {
                int[] item = items.get(from + j / outputs);
                throw new IllegalStateException("model output " + (j % outputs) + " (position "
                        + Arrays.toString(outputShape.position(j % outputs)) + ") is " + out[j]
                        + " for the masked image of coalition " + coalitions.get(item[0]) + " with background row "
                        + item[1] + ": model outputs must be finite");
            }
        }
        return out;
    }

    private void accumulate(double[] out, Replacements replacements, List<Coalition> coalitions, List<int[]> items,
                            int from, int to, double[][] values) {
        for (int i = from; i < to; i++) {
            int[] item = items.get(i);
            double w = item[2] == 1 ? 1.0 : replacements.weight(item[1]);
            double[] v = values[item[0]];
            int offset = (i - from) * outputs;
            for (int k = 0; k < outputs; k++) {
                v[k] += w * out[offset + k];
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "segshap-model");
            t.setDaemon(true);
            return t;
        };
    }
}
