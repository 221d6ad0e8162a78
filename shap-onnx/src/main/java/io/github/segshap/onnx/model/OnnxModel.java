package io.github.segshap.onnx.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.InputSizes;
import io.github.segshap.core.model.InputSpec;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An ONNX model run by ONNX Runtime as a shap-core {@link Model}: images in, segmentation maps out.
 *
 * <ul>
 *   <li><b>Input</b>: one rank-4 float32 or float64 tensor ({@link Builder#inputName(String)}; by
 *       default the model's first input; any other input needs a
 *       {@link Builder#constantInput(String, double[], long...) constant value}). Its layout is {@link Layout#NCHW} or {@link Layout#NHWC}:
 *       unless {@link Builder#inputLayout(Layout) given}, it is the one whose channel axis is the only fixed one
 *       of dimensions 1 and 3; when both are fixed, the one equal to
 *       {@link Builder#channels(int) the channel count} if given, else the smaller (ties: NCHW); when
 *       neither is, NCHW. {@link #inputSpec()} says it, so the explainers send batches in it and
 *       the model copies them in order (a batch in the other layout is converted by
 *       {@link ImageBatch#in}).</li>
 *   <li><b>Output</b>: one tensor ({@link Builder#outputName(String)}; by default the first) of rank
 *       4, {@code [N, O, H, W]} ({@link Layout#NCHW}) or {@code [N, H, W, O]} ({@link Layout#NHWC}),
 *       or rank 3, {@code [N, H, W]} (one plane). Each image's output becomes the output shape
 *       {@code [O, H, W]} (or {@code [1, H, W]}), found by a probe run of one zero image per input
 *       shape (cached). Unless {@link Builder#outputLayout(Layout) given}, the output layout is the one whose spatial
 *       dimensions equal the input's, else the declared shape's single fixed channel axis, else the
 *       input's layout.</li>
 *   <li><b>Batches</b>: with a dynamic batch dimension, a call is split into sub-batches whose
 *       estimated memory ({@link #ACTIVATION_FACTOR} times the input and output tensors) fits
 *       {@link Builder#memoryBudget(long)} (default {@link #DEFAULT_MEMORY_BUDGET}); with a fixed batch
 *       dimension B, every run takes exactly B images: the last run is padded with copies of its
 *       last image and the extra rows are dropped (B = 1: one image a run).</li>
 *   <li><b>Validation</b>: a channel count or size the model cannot take raises an
 *       {@link IncompatibleInputException} naming the problem; for sizes it gives the size to pad
 *       to (the fixed size, or the first multiple of 2, 4, 8, 16 or 32 on which the model runs).
 *       Non-float inputs, non-tensor or non-map outputs, unknown names and unreadable files raise
 *       an {@link IllegalArgumentException} naming them.</li>
 *   <li><b>Threads</b>: {@link #predict} is thread-safe: ONNX Runtime allows concurrent
 *       {@code run} calls on one session, and every call here owns its tensors. Each run uses
 *       {@link Builder#intraOpThreads(int)} threads; these and the other session options are a
 *       {@link SessionSettings} (default {@link SessionSettings#DEFAULTS}).</li>
 *   <li><b>Resources</b>: {@link #close()} releases the session and its options (native memory).
 *       The {@link OrtEnvironment} is the process-wide singleton shared by every session; ONNX
 *       Runtime releases it at JVM exit, so it is not closed here.</li>
 * </ul>
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.of(Path.of("unet.onnx"))) {
 *     Explanation e = ExactExplainer.builder(model, Players.perChannel(shape), BackgroundMasker.of(bg))
 *             .build().explain(image);
 * }
 * }</pre>
 */
public final class OnnxModel implements Model {
    /** The default memory budget of one run: 256 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;
    /**
     * The memory of one image in a run, as a multiple of its input and output tensors' bytes: ONNX
     * Runtime's intermediate activations are not visible from Java; a U-Net holds about ten
     * input-sized maps at its peak.
     */
    public static final int ACTIVATION_FACTOR = 16;

    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final SessionSettings settings;
    private final String source;
    private final Signature signature;
    private final TensorCodec codec;
    private final Probes probes;
    private final String inputName;
    private final String outputName;
    private final Set<String> requested;
    private final long[] inputDims;
    private final long[] outputDims;
    private final OnnxJavaType inputType;
    private final InputSpec spec;
    private final int fixedBatch;
    private volatile boolean closed;

    private OnnxModel(Builder b) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.source = b.source;
        this.settings = b.settings;
        OrtSession.SessionOptions opts = settings.toOptions();
        OrtSession s = null;
        try {
            if (b.file != null) {
                s = env.createSession(b.file.toString(), opts);
            } else {
                s = env.createSession(b.bytes, opts);
            }
            this.session = s;
            this.options = opts;
            this.signature = new Signature(s, source, b.inputName, b.outputName, b.inputLayout, b.channels,
                    b.constants);
        } catch (OrtException e) {
            closeQuietly(s, opts);
            throw new IllegalArgumentException(source + " is not an ONNX model ONNX Runtime can load: "
                    + InputSizes.firstLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(s, opts);
            throw e;
        }
        this.codec = new TensorCodec(env, signature);
        this.inputName = signature.inputName;
        this.outputName = signature.outputName;
        this.requested = Set.of(outputName);
        this.inputDims = signature.inputDims;
        this.outputDims = signature.outputDims;
        this.inputType = signature.inputType;
        this.fixedBatch = signature.fixedBatch;
        this.probes = new Probes(session, signature, codec, b.outputLayout, b.memoryBudget);
        this.spec = specOf(signature);
    }

    /** The declared channels and, when both are fixed, height and width of the input. */
    private static InputSpec specOf(Signature s) {
        long c = s.declaredChannels();
        long h = s.declaredHeight();
        long w = s.declaredWidth();
        InputSpec.Sizes sizes = h > 0 && w > 0 ? InputSpec.Sizes.fixed(Math.toIntExact(h), Math.toIntExact(w))
                : InputSpec.Sizes.any();
        return InputSpec.of(c > 0 ? Math.toIntExact(c) : 0, s.inputLayout, sizes);
    }

    /** A model with the defaults, from an {@code .onnx} file. */
    public static OnnxModel of(Path file) {
        return builder(file).build();
    }

    /** A builder for the model in an {@code .onnx} file. */
    public static Builder builder(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read ONNX model file " + file.toAbsolutePath() + ": "
                    + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
        return new Builder(file, null, "ONNX model file " + file.toAbsolutePath());
    }

    /** A builder for a serialised ONNX model (copied). */
    public static Builder builder(byte[] model) {
        Objects.requireNonNull(model, "model");
        return new Builder(null, model.clone(), "the ONNX model given as " + model.length + " bytes");
    }

    // ---------------------------------------------------------------- accessors

    /** The ONNX Runtime session options the model runs with. */
    public SessionSettings sessionSettings() {
        return settings;
    }

    /** Where the model came from (file or bytes), for messages. */
    public String source() {
        return source;
    }

    /** The name of the input the images go to. */
    public String inputName() {
        return inputName;
    }

    /** The name of the output explained. */
    public String outputName() {
        return outputName;
    }

    /** The input's declared shape (-1 for dynamic dimensions); a copy. */
    public long[] declaredInputShape() {
        return inputDims.clone();
    }

    /** The input's element type: {@link OnnxJavaType#FLOAT} or {@link OnnxJavaType#DOUBLE}. */
    public OnnxJavaType inputType() {
        return inputType;
    }

    /** The fixed batch size of the input, or empty when the batch dimension is dynamic. */
    public OptionalInt fixedBatch() {
        return fixedBatch > 0 ? OptionalInt.of(fixedBatch) : OptionalInt.empty();
    }

    /**
     * What the model takes as its input declares it: the channels (unknown when dynamic), the
     * layout, a fixed size when height and width are fixed, else any size.
     */
    @Override
    public InputSpec inputSpec() {
        return spec;
    }

    /**
     * {@link #inputSpec()} with the sizes a probe run on {@code images}' shape reveals: multiples of
     * n when the model fails on it but runs on the next multiples of n (n up to 32).
     *
     * @throws IncompatibleInputException when no size is known to work (e.g. the wrong channels)
     */
    @Override
    public InputSpec inputSpec(ImageShape images) {
        return spec.withSizes(InputSizes.sizesFor(images, this::requireCompatible, spec.sizes()));
    }

    /** The output layout for images of this shape (NCHW for rank-3 outputs). */
    public Layout outputLayout(ImageShape input) {
        return probe(input).outputLayout();
    }

    /** Number of images given to one run for this input shape (the fixed batch, or from the memory budget). */
    public int subBatchSize(ImageShape input) {
        return probe(input).maxImages();
    }

    /**
     * The shape of one output for images of shape {@code input}, from a probe run (cached).
     *
     * @throws IncompatibleInputException when the model cannot take images of this shape
     */
    @Override
    public OutputShape outputShape(ImageShape input) {
        return probe(input).outputShape();
    }

    /**
     * Checks that the model takes images of this shape.
     *
     * @throws IncompatibleInputException naming the problem, with the size to pad to when one is known
     */
    public void requireCompatible(ImageShape input) {
        probe(input);
    }

    /** True: ONNX Runtime sessions allow concurrent runs, and each call owns its tensors. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    // ---------------------------------------------------------------- prediction

    /** Predicts the batch, in the input's layout (a batch in the other layout is converted first). */
    @Override
    public double[] predict(ImageBatch batch) {
        ImageShape shape = batch.shape();
        Probes.Probe probe = probe(shape);
        double[] values = batch.in(spec.layout()).values();
        int k = probe.outputShape().size();
        int n = batch.count();
        double[] out = new double[Math.multiplyExact(n, k)];
        for (int first = 0; first < n; first += probe.maxImages()) {
            int count = Math.min(probe.maxImages(), n - first);
            int rows = fixedBatch > 0 ? fixedBatch : count;
            try {
                run(values, first, count, rows, shape, probe, out, first * k);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on a run of " + rows + " images of shape " + shape
                        + " (" + source + "): " + InputSizes.firstLine(e), e);
            }
        }
        return out;
    }

    private void run(double[] values, int first, int count, int rows, ImageShape shape, Probes.Probe probe, double[] dest,
                     int offset) throws OrtException {
        requireOpen();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(inputName, codec.input(values, first, count, rows, shape));
            codec.addConstants(inputs);
            try (OrtSession.Result result = session.run(inputs, requested)) {
                codec.copyOutput(result, count, rows, probe.outputShape(), probe.outputLayout(), dest, offset);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private Probes.Probe probe(ImageShape shape) {
        requireOpen();
        return probes.probe(shape);
    }

    // ---------------------------------------------------------------- resources

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX model " + source + " is closed");
        }
    }

    /** Releases the session and its options; further calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        probes.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session of " + source + ": "
                    + InputSizes.firstLine(e), e);
        } finally {
            options.close();
        }
    }

    private static void closeQuietly(OrtSession s, OrtSession.SessionOptions opts) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (OrtException ignored) {
            // the load already failed; its error is the one reported
        } finally {
            opts.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + source + ", input '" + inputName + "' " + Arrays.toString(inputDims) + " " + spec.layout()
                + ", output '" + outputName + "' " + Arrays.toString(outputDims) + "]";
    }

    /** Builder for {@link OnnxModel}; options are copied at {@link #build()}. */
    public static final class Builder {
        private final Path file;
        private final byte[] bytes;
        private final String source;
        private String inputName;
        private String outputName;
        private Layout inputLayout;
        private Layout outputLayout;
        private int channels;
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;
        private SessionSettings settings = SessionSettings.DEFAULTS;
        private final Map<String, ConstantInput> constants = new LinkedHashMap<>();

        private Builder(Path file, byte[] bytes, String source) {
            this.file = file;
            this.bytes = bytes;
            this.source = source;
        }

        /** The input the images go to; default the model's first input. */
        public Builder inputName(String name) {
            this.inputName = Objects.requireNonNull(name, "input name");
            return this;
        }

        /** The output to explain; default the model's first output. */
        public Builder outputName(String name) {
            this.outputName = Objects.requireNonNull(name, "output name");
            return this;
        }

        /**
         * A fixed value for an input other than the images' (e.g. a scale or a flag of a model with
         * several inputs), fed to every run; every such input needs one.
         *
         * @param name   the input
         * @param values row-major values (copied), converted to the input's float type
         * @param dims   the tensor's shape; its product must equal {@code values.length}
         */
        public Builder constantInput(String name, double[] values, long... dims) {
            Objects.requireNonNull(name, "input name");
            long n = 1;
            for (long d : dims) {
                if (d < 1) {
                    throw new IllegalArgumentException("constant input '" + name + "' needs positive dimensions, got "
                            + Arrays.toString(dims));
                }
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("constant input '" + name + "' has shape " + Arrays.toString(dims)
                        + " (" + n + " values) but " + values.length + " values were given");
            }
            constants.put(name, new ConstantInput(values.clone(), dims.clone(), OnnxJavaType.DOUBLE));
            return this;
        }

        /** The input layout; by default found from the input's declared shape (see {@link OnnxModel}). */
        public Builder inputLayout(Layout layout) {
            this.inputLayout = Objects.requireNonNull(layout, "input layout");
            return this;
        }

        /** The layout of a rank-4 output; by default found from a probe run (see {@link OnnxModel}). */
        public Builder outputLayout(Layout layout) {
            this.outputLayout = Objects.requireNonNull(layout, "output layout");
            return this;
        }

        /**
         * The images' channel count, used to find the input layout when none is given and both
         * candidate channel axes of the input are fixed; default unknown.
         */
        public Builder channels(int channels) {
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be positive, got " + channels);
            }
            this.channels = channels;
            return this;
        }

        /**
         * Memory one run may take (estimated as {@link #ACTIVATION_FACTOR} times its input and output
         * tensors); larger batches are split. Default {@link #DEFAULT_MEMORY_BUDGET}. Ignored with a
         * fixed batch dimension.
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * Threads of one run (ONNX Runtime's intra-op pool; 0: ONNX Runtime's choice, one per core);
         * default {@link SessionSettings#DEFAULTS}' 1, as the explainers run one call per processor.
         */
        public Builder intraOpThreads(int threads) {
            this.settings = settings.withIntraOpThreads(threads);
            return this;
        }

        /** ONNX Runtime's graph optimisation level; default {@link SessionSettings#DEFAULTS}' ({@code ALL_OPT}). */
        public Builder optimization(OrtSession.SessionOptions.OptLevel level) {
            this.settings = settings.withOptimization(level);
            return this;
        }

        /** All of ONNX Runtime's session options at once; default {@link SessionSettings#DEFAULTS}. */
        public Builder sessionSettings(SessionSettings sessionSettings) {
            this.settings = Objects.requireNonNull(sessionSettings, "session settings");
            return this;
        }

        /**
         * Loads the model.
         *
         * @throws IllegalArgumentException when the file is not an ONNX model, a name is unknown, or the
         *                                  input or output cannot carry images or maps
         */
        public OnnxModel build() {
            return new OnnxModel(this);
        }
    }
}
