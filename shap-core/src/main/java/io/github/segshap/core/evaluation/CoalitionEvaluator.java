package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.Players;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
 * <p><b>Layout.</b> Masked images are built in the layout the model reads
 * ({@link io.github.segshap.core.model.InputSpec#layout() model.inputSpec().layout()}): the players'
 * elements are mapped to it once here and the images once per game, so a channels-last model gets
 * channels-last batches without a transposition per batch.
 *
 * <p><b>Batches.</b> One model call takes at most
 * {@link Model#imagesWithin imagesWithin(budget, model.bytesPerImage(shape))} masked images (and at
 * most {@value #MAX_BATCH}), where the budget is the model's {@link Model#memoryBudget()} unless
 * {@link EvaluationOptions#memoryBudget()} overrides it. So, by default, every batch fits the model's
 * own budget and a model that splits calls by that budget never needs to split one further.
 *
 * <p><b>Heap.</b> The model calls in flight take at most a quarter of the Java heap
 * ({@link Runtime#maxMemory()}) together: the evaluator calls the model on fewer threads than
 * {@link EvaluationOptions#threads()} when their batches would not fit (no value changes), sends fewer
 * images per call only when one batch alone would not, and refuses with a
 * {@link NotEnoughMemoryException} naming the heap to give ({@code -Xmx}) when one image's call
 * alone takes more than a quarter of the heap.
 */
public final class CoalitionEvaluator {
    /** Largest number of masked images in one model call. */
    static final int MAX_BATCH = 512;

    private final Model model;
    private final ImageShape shape;
    private final Layout layout;
    private final int[][] elements;
    /** Each player's elements as runs of consecutive indices: {start, length, start, length, ...}. */
    private final int[][] runs;
    private final boolean coverAll;
    private final OutputShape outputShape;
    private final int outputs;
    private final EvaluationOptions options;
    /** Most masked images in one model call, from the memory budget (and the heap). */
    private final int batchImages;
    /** Threads calling the model at once: the options' threads, fewer when their calls would not fit the heap. */
    private final int threads;
    private final Map<Replacements, double[]> sharedBaseValues = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param model   the model; its output shape, memory budget and bytes per image are asked once here
     * @param players the players; checked to be non-empty, disjoint and inside the image
     * @param options batch budget override, threads, progress
     * @throws IllegalStateException    when the model's memory budget or bytes per image are not positive
     * @throws NotEnoughMemoryException when one model call on one image takes more than a quarter of the
     *                                  Java heap (see the class comment)
     */
    public CoalitionEvaluator(Model model, Players players, EvaluationOptions options) {
        this.model = model;
        this.shape = players.imageShape();
        this.outputShape = model.outputShape(shape);
        this.outputs = outputShape.size();
        this.options = options;
        long perImage = model.bytesPerImage(shape);
        if (perImage < 1) {
            throw new IllegalStateException("the model " + model + " says an image of shape " + shape + " takes "
                    + perImage + " bytes: Model.bytesPerImage must be positive");
        }
        // before the players' tables, so that a heap too small is said before it runs out
        HeapShare.Fit fit = HeapShare.fit(shape, Math.min(MAX_BATCH, Model.imagesWithin(options.memoryBudget(model),
                perImage)), perImage, options.threads(), Runtime.getRuntime().maxMemory());
        this.elements = validatedElements(players);
        this.layout = model.inputSpec().layout();
        this.runs = new int[elements.length][];
        for (int p = 0; p < elements.length; p++) {
            runs[p] = runsOf(inLayout(elements[p]));
        }
        long owned = Arrays.stream(elements).mapToLong(e -> e.length).sum();
        this.coverAll = owned == shape.size();
        this.batchImages = fit.batchImages();
        this.threads = fit.threads();
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

    /** The channels-first indices {@code e} as indices in the model's layout (themselves for NCHW). */
    private int[] inLayout(int[] e) {
        if (layout == Layout.NCHW) {
            return e;
        }
        int[] out = new int[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = layout.fromChannelsFirst(e[i], shape.channels(), shape.pixels());
        }
        return out;
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

    /** Threads that call the model at once: the options' threads, fewer when their batches would not fit the heap. */
    public int threads() {
        return threads;
    }

    /** Number of players M. */
    public int players() {
        return elements.length;
    }

    /**
     * The values of the given coalitions for every output: {@code game(image, replacements,
     * shareEmpty).values(coalitions, what)}.
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
        return game(image, replacements, shareEmpty).values(coalitions, what);
    }

    /**
     * The game of one explained image, for several calls that share its batch buffers (see
     * {@link MaskedGame}).
     *
     * @param image        the explained image
     * @param replacements what absent players take
     * @param shareEmpty   whether {@code replacements} is the same for every image, so v(empty) may be
     *                     cached and shared
     * @throws IllegalArgumentException when the image or the replacements are not of the players' image shape
     */
    public MaskedGame game(Image image, Replacements replacements, boolean shareEmpty) {
        shape.requireSame(image.shape(), "image");
        shape.requireSame(replacements.shape(), "background");
        return new MaskedGame(this, image, replacements, shareEmpty);
    }

    Model model() {
        return model;
    }

    EvaluationOptions options() {
        return options;
    }

    /** The layout masked images are built in: the model's. */
    Layout layout() {
        return layout;
    }

    /** Each player's elements as runs {start, length, start, length, ...} in {@link #layout()}; not to be modified. */
    int[][] runs() {
        return runs;
    }

    /** Whether the players own every value of the image. */
    boolean coversAll() {
        return coverAll;
    }

    /** The cached base value of image-independent replacements, or null. */
    double[] sharedBaseValue(Replacements replacements) {
        return sharedBaseValues.get(replacements);
    }

    void shareBaseValue(Replacements replacements, double[] base) {
        sharedBaseValues.putIfAbsent(replacements, base);
    }
}
