package io.github.segshap.salt.workflow;

import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.dl4j.zoo.UNet;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.pipeline.ResolutionMode;
import io.github.segshap.salt.preprocess.AttributeAxis;
import io.github.segshap.salt.train.SegmentationLoss;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every option of a salt run, immutable; build with {@link #builder()}. The defaults are the
 * command line's (see {@code salt --help}).
 */
public final class WorkflowSettings {
    /** Samples of the synthetic data set generated when no data folder is given. */
    public static final int DEFAULT_SYNTHETIC_SAMPLES = 400;
    /**
     * Epochs on the synthetic data set when {@code --epochs} is not given: small, so that
     * {@code run-all} finishes in a few minutes on 2 cores.
     */
    public static final int DEFAULT_SYNTHETIC_EPOCHS = 6;
    /** Epochs on real data when {@code --epochs} is not given: the original's limit (early stopping ends sooner). */
    public static final int DEFAULT_REAL_EPOCHS = 200;
    /**
     * Training batch size on the synthetic data set when {@code --batch-size} is not given: smaller than
     * the original's 32 so that the few default epochs make enough optimiser steps for the model to
     * find the salt (the cost per epoch hardly changes).
     */
    public static final int DEFAULT_SYNTHETIC_BATCH = 8;
    /** Training batch size on real data when {@code --batch-size} is not given: the original's. */
    public static final int DEFAULT_REAL_BATCH = 32;
    /** Name of the MLflow experiment the trainings are recorded in. */
    public static final String EXPERIMENT = "tgs-salt";

    private final Path data;
    private final int syntheticSamples;
    private final RunLayout layout;
    private final ResolutionMode resolution;
    private final AttributeAxis axis;
    private final Integer epochs;
    private final int patience;
    private final Integer batchSize;
    private final int filters;
    private final int kernel;
    private final int depth;
    private final double dropout;
    private final SegmentationLoss loss;
    private final UNet.Upsampling upsampling;
    private final Duration timeLimit;
    private final boolean flipAugmentation;
    private final boolean batchNormalization;
    private final double learningRateDecay;
    private final long seed;
    private final int threads;
    private final SampleSelection samples;
    private final ExplanationOptions.Method explainer;
    private final int backgroundSize;
    private final int reportPanels;
    private final boolean progressBars;
    private final Boolean oneDnn;
    private final PrintStream console;

    private WorkflowSettings(Builder b) {
        this.data = b.data == null ? null : b.data.toAbsolutePath().normalize();
        this.syntheticSamples = b.syntheticSamples;
        this.layout = new RunLayout(b.out);
        this.resolution = b.resolution;
        this.axis = b.axis;
        this.epochs = b.epochs;
        this.patience = b.patience;
        this.batchSize = b.batchSize;
        this.filters = b.filters;
        this.kernel = b.kernel;
        this.depth = b.depth;
        this.dropout = b.dropout;
        this.loss = b.loss;
        this.upsampling = b.upsampling;
        this.timeLimit = b.timeLimit;
        this.flipAugmentation = b.flipAugmentation;
        this.batchNormalization = b.batchNormalization;
        this.learningRateDecay = b.learningRateDecay;
        this.seed = b.seed;
        this.threads = b.threads;
        this.samples = b.samples;
        this.explainer = b.explainer;
        this.backgroundSize = b.backgroundSize;
        this.reportPanels = b.reportPanels;
        this.progressBars = b.progressBars;
        this.oneDnn = b.oneDnn;
        this.console = b.console;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The TGS data folder, or null for the synthetic data set. */
    public Path data() {
        return data;
    }

    /** Whether the run uses the generated synthetic data set. */
    public boolean synthetic() {
        return data == null;
    }

    /** Size of the synthetic data set. */
    public int syntheticSamples() {
        return syntheticSamples;
    }

    /** The run folder. */
    public RunLayout layout() {
        return layout;
    }

    /** Resolution mode. */
    public ResolutionMode resolution() {
        return resolution;
    }

    /** Attribute axis. */
    public AttributeAxis axis() {
        return axis;
    }

    /** Maximum epochs: as given, else {@value #DEFAULT_SYNTHETIC_EPOCHS} (synthetic) or {@value #DEFAULT_REAL_EPOCHS}. */
    public int epochs() {
        return epochs != null ? epochs : synthetic() ? DEFAULT_SYNTHETIC_EPOCHS : DEFAULT_REAL_EPOCHS;
    }

    /** Early-stopping patience in epochs. */
    public int patience() {
        return patience;
    }

    /** Training batch size: as given, else {@value #DEFAULT_SYNTHETIC_BATCH} (synthetic) or {@value #DEFAULT_REAL_BATCH}. */
    public int batchSize() {
        return batchSize != null ? batchSize : synthetic() ? DEFAULT_SYNTHETIC_BATCH : DEFAULT_REAL_BATCH;
    }

    /** U-Net filters F of the first level. */
    public int filters() {
        return filters;
    }

    /** U-Net convolution kernel size (k x k); the original's 5. */
    public int kernel() {
        return kernel;
    }

    /** U-Net depth (number of poolings); the original's 2. Inputs are padded to a multiple of 2^depth. */
    public int depth() {
        return depth;
    }

    /**
     * Fraction of activations the U-Net's dropout layers drop in training (Keras' rate; DL4J's keep
     * probability is {@code 1 - dropout}); the original's 0.5, 0 for no dropout.
     */
    public double dropout() {
        return dropout;
    }

    /** The training loss; the original's focal cross-entropy by default. */
    public SegmentationLoss loss() {
        return loss;
    }

    /**
     * How the U-Net's decoder up-samples: as given, else the seed's transposed convolution at seed
     * resolution (a faithful reproduction) and nearest-neighbour doubling + convolution at full
     * resolution (half the training time there, see {@link UNet.Upsampling}).
     */
    public UNet.Upsampling upsampling() {
        if (upsampling != null) {
            return upsampling;
        }
        return resolution == ResolutionMode.FULL ? UNet.Upsampling.NEAREST_THEN_CONVOLUTION
                : UNet.Upsampling.TRANSPOSED_CONVOLUTION;
    }

    /** Wall-time budget of training, or null for none (epochs and early stopping alone end it). */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** Whether training samples are flipped left-right at random (seeded). */
    public boolean flipAugmentation() {
        return flipAugmentation;
    }

    /** Whether the U-Net normalises the batch after each convolution (not in the original). */
    public boolean batchNormalization() {
        return batchNormalization;
    }

    /** Factor the learning rate (Adam, 1e-3 at the start) is multiplied by per epoch, smoothly; 1 keeps it. */
    public double learningRateDecay() {
        return learningRateDecay;
    }

    /** Seed of the split, the synthetic data, the weights, the shuffling and the background draw. */
    public long seed() {
        return seed;
    }

    /** Threads calling the model during explanation. */
    public int threads() {
        return threads;
    }

    /** Which test samples to explain. */
    public SampleSelection samples() {
        return samples;
    }

    /** The Shapley estimator. */
    public ExplanationOptions.Method explainer() {
        return explainer;
    }

    /** Training images in the explanation background. */
    public int backgroundSize() {
        return backgroundSize;
    }

    /** Most per-sample panels in the report. */
    public int reportPanels() {
        return reportPanels;
    }

    /** Whether progress bars are drawn on standard error. */
    public boolean progressBars() {
        return progressBars;
    }

    /** DL4J's oneDNN layer helpers: true on, false off, null automatic (on when the oneDNN build is present). */
    public Boolean oneDnn() {
        return oneDnn;
    }

    /** Where progress lines and the summary go. */
    public PrintStream console() {
        return console;
    }

    /** The settings by name, for the report and {@code parameters.json}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", synthetic() ? "synthetic (" + syntheticSamples + " samples, seed " + seed + ")" : data.toString());
        m.put("out", layout.root().toString());
        m.put("resolution", resolution.name().toLowerCase(Locale.ROOT));
        m.put("axis", axis.name().toLowerCase(Locale.ROOT));
        m.put("epochs", epochs());
        m.put("patience", patience);
        m.put("batch_size", batchSize());
        m.put("filters", filters);
        m.put("kernel", kernel);
        m.put("depth", depth);
        m.put("dropout", dropout);
        m.put("loss", loss.label());
        m.put("upsampling", upsampling().name().toLowerCase(Locale.ROOT));
        m.put("time_limit_minutes", timeLimit == null ? "none" : String.valueOf(timeLimit.toMinutes()));
        m.put("flip_augmentation", flipAugmentation);
        m.put("batch_normalization", batchNormalization);
        m.put("learning_rate_decay", learningRateDecay);
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("samples", samples.toString());
        m.put("explainer", explainer.name().toLowerCase(Locale.ROOT));
        m.put("background_size", backgroundSize);
        m.put("onednn", oneDnn == null ? "auto" : oneDnn.toString());
        return m;
    }

    @Override
    public String toString() {
        return "WorkflowSettings" + asMap();
    }

    /** Mutable builder of {@link WorkflowSettings}. */
    public static final class Builder {
        private Path data;
        private int syntheticSamples = DEFAULT_SYNTHETIC_SAMPLES;
        private Path out = Path.of("salt-output");
        private ResolutionMode resolution = ResolutionMode.SEED;
        private AttributeAxis axis = AttributeAxis.HORIZONTAL;
        private Integer epochs;
        private int patience = 10;
        private Integer batchSize;
        private int filters = 8;
        private int kernel = 5;
        private int depth = 2;
        private double dropout = 0.5;
        private SegmentationLoss loss = SegmentationLoss.FOCAL;
        private UNet.Upsampling upsampling;
        private Duration timeLimit;
        private boolean flipAugmentation;
        private boolean batchNormalization;
        private double learningRateDecay = 1;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private SampleSelection samples = SampleSelection.original9();
        private ExplanationOptions.Method explainer = ExplanationOptions.Method.EXACT;
        private int backgroundSize = 100;
        private int reportPanels = 9;
        private boolean progressBars = System.console() != null;
        private Boolean oneDnn;
        private PrintStream console = System.out;

        private Builder() {
        }

        /** The TGS data folder ({@code train/images}, {@code train/masks}); null for the synthetic data. */
        public Builder data(Path data) {
            this.data = data;
            return this;
        }

        /** Size of the synthetic data set (at least 20). */
        public Builder syntheticSamples(int n) {
            if (n < 20) {
                throw new IllegalArgumentException("the synthetic data set needs at least 20 samples, got " + n);
            }
            this.syntheticSamples = n;
            return this;
        }

        /** The output folder. */
        public Builder out(Path out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Resolution mode. */
        public Builder resolution(ResolutionMode resolution) {
            this.resolution = Objects.requireNonNull(resolution, "resolution");
            return this;
        }

        /** Attribute axis. */
        public Builder axis(AttributeAxis axis) {
            this.axis = Objects.requireNonNull(axis, "axis");
            return this;
        }

        /** Maximum epochs; null for the default. */
        public Builder epochs(Integer epochs) {
            if (epochs != null && epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Early-stopping patience. */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be at least 1, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** Training batch size; null for the default. */
        public Builder batchSize(Integer batchSize) {
            if (batchSize != null && batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** U-Net filters F. */
        public Builder filters(int filters) {
            if (filters < 1) {
                throw new IllegalArgumentException("filters must be at least 1, got " + filters);
            }
            this.filters = filters;
            return this;
        }

        /** U-Net kernel size: odd, 1 to 9 (default 5, the original's). */
        public Builder kernel(int kernel) {
            if (kernel < 1 || kernel > 9 || kernel % 2 == 0) {
                throw new IllegalArgumentException("the kernel size must be odd and between 1 and 9, got " + kernel);
            }
            this.kernel = kernel;
            return this;
        }

        /** U-Net depth, 1 to 5 poolings (default 2, the original's). */
        public Builder depth(int depth) {
            if (depth < 1 || depth > 5) {
                throw new IllegalArgumentException("the U-Net depth must be between 1 and 5, got " + depth);
            }
            this.depth = depth;
            return this;
        }

        /** U-Net dropout rate in [0, 1) (the fraction dropped in training); default 0.5, the original's. */
        public Builder dropout(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + rate);
            }
            this.dropout = rate;
            return this;
        }

        /** The training loss (default {@link SegmentationLoss#FOCAL}, the original's). */
        public Builder loss(SegmentationLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * The decoder's up-sampling; null for the default of the resolution (see
         * {@link WorkflowSettings#upsampling()}).
         */
        public Builder upsampling(UNet.Upsampling upsampling) {
            this.upsampling = upsampling;
            return this;
        }

        /** Training time budget, positive, or null for none. */
        public Builder timeLimit(Duration timeLimit) {
            if (timeLimit != null && (timeLimit.isZero() || timeLimit.isNegative())) {
                throw new IllegalArgumentException("the time limit must be positive, got " + timeLimit);
            }
            this.timeLimit = timeLimit;
            return this;
        }

        /** Random left-right flips of the training samples. */
        public Builder flipAugmentation(boolean on) {
            this.flipAugmentation = on;
            return this;
        }

        /** Batch normalisation after each U-Net convolution. */
        public Builder batchNormalization(boolean on) {
            this.batchNormalization = on;
            return this;
        }

        /** Per-epoch learning-rate factor in (0, 1]; 1 (the default) keeps Adam's 1e-3. */
        public Builder learningRateDecay(double factor) {
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("the learning-rate decay must be in (0, 1], got " + factor);
            }
            this.learningRateDecay = factor;
            return this;
        }

        /** Seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads of the explanation. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Samples to explain. */
        public Builder samples(SampleSelection samples) {
            this.samples = Objects.requireNonNull(samples, "samples");
            return this;
        }

        /** The Shapley estimator. */
        public Builder explainer(ExplanationOptions.Method explainer) {
            this.explainer = Objects.requireNonNull(explainer, "explainer");
            return this;
        }

        /** Training images in the background. */
        public Builder backgroundSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("background size must be at least 1, got " + n);
            }
            this.backgroundSize = n;
            return this;
        }

        /** Most per-sample panels in the report. */
        public Builder reportPanels(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("report panels must be >= 0, got " + n);
            }
            this.reportPanels = n;
            return this;
        }

        /** Progress bars on standard error. */
        public Builder progressBars(boolean on) {
            this.progressBars = on;
            return this;
        }

        /** DL4J's oneDNN layer helpers: true, false, or null for automatic (the default). */
        public Builder oneDnn(Boolean on) {
            this.oneDnn = on;
            return this;
        }

        /** Where progress lines and the summary go. */
        public Builder console(PrintStream console) {
            this.console = Objects.requireNonNull(console, "console");
            return this;
        }

        /** The settings. */
        public WorkflowSettings build() {
            return new WorkflowSettings(this);
        }
    }
}
