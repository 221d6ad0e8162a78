package io.github.segshap.onnx.model;

import io.github.segshap.core.model.IncompatibleInputException;
import io.github.segshap.core.model.InputSizes;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ONNX model run by ONNX Runtime as a shap-core {@link Model}: images in, segmentation maps out.
 *
 * <ul>
 *   <li><b>Input</b>: one rank-4 float32 or float64 tensor ({@link Builder#inputName(String)}; by
 *       default the model's first input; any other input needs a
 *       {@link Builder#constantInput(String, double[], long...) constant value}). Its layout is {@link Layout#NCHW} or {@link Layout#NHWC}:
 *       with {@link Layout#AUTO} (the default) it is the one whose channel axis is the only fixed one
 *       of dimensions 1 and 3; when both are fixed, the one equal to
 *       {@link Builder#channels(int) the channel count} if given, else the smaller (ties: NCHW); when
 *       neither is, NCHW.</li>
 *   <li><b>Output</b>: one tensor ({@link Builder#outputName(String)}; by default the first) of rank
 *       4, {@code [N, O, H, W]} ({@link Layout#NCHW}) or {@code [N, H, W, O]} ({@link Layout#NHWC}),
 *       or rank 3, {@code [N, H, W]} (one plane). Each image's output becomes the output shape
 *       {@code [O, H, W]} (or {@code [1, H, W]}), found by a probe run of one zero image per input
 *       shape (cached). With {@link Layout#AUTO} the output layout is the one whose spatial
 *       dimensions equal the input's, else the declared shape's single fixed channel axis, else the
 *       input's layout.</li>
 *   <li><b>Batches</b>: with a dynamic batch dimension, a call is split into sub-batches whose
 *       estimated memory ({@link #ACTIVATION_FACTOR} times the input and output tensors) fits
 *       {@link Builder#batchBytes(long)} (default {@link #DEFAULT_BATCH_BYTES}); with a fixed batch
 *       dimension B, every run takes exactly B images: the last run is padded with copies of its
 *       last image and the extra rows are dropped (B = 1: one image a run).</li>
 *   <li><b>Validation</b>: a channel count or size the model cannot take raises an
 *       {@link IncompatibleInputException} naming the problem; for sizes it gives the size to pad
 *       to (the fixed size, or the first multiple of 2, 4, 8, 16 or 32 on which the model runs).
 *       Non-float inputs, non-tensor or non-map outputs, unknown names and unreadable files raise
 *       an {@link IllegalArgumentException} naming them.</li>
 *   <li><b>Threads</b>: {@link #predict} is thread-safe: ONNX Runtime allows concurrent
 *       {@code run} calls on one session, and every call here owns its tensors. Each run uses
 *       {@link Builder#intraOpThreads(int)} threads (default 0: ONNX Runtime's choice, one per
 *       core).</li>
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
public final class OnnxModel implements Model, AutoCloseable {
    /** The default memory budget of one run: 256 MiB. */
    public static final long DEFAULT_BATCH_BYTES = 256L << 20;
    /**
     * The memory of one image in a run, as a multiple of its input and output tensors' bytes: ONNX
     * Runtime's intermediate activations are not visible from Java; a U-Net holds about ten
     * input-sized maps at its peak.
     */
    public static final int ACTIVATION_FACTOR = 16;
    private static final int MAX_PROBE_MULTIPLE = 32;

    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final String source;
    private final Signature signature;
    private final TensorCodec codec;
    private final String inputName;
    private final String outputName;
    private final Set<String> requested;
    private final long[] inputDims;
    private final long[] outputDims;
    private final OnnxJavaType inputType;
    private final Layout inputLayout;
    private final Layout outputLayoutSetting;
    private final int fixedBatch;
    private final long batchBytes;
    private final Map<ImageShape, Probe> probes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private OnnxModel(Builder b) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.source = b.source;
        this.batchBytes = b.batchBytes;
        this.outputLayoutSetting = b.outputLayout;
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            opts.setOptimizationLevel(b.optimization);
            opts.setIntraOpNumThreads(b.intraOpThreads);
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
        this.inputLayout = signature.inputLayout;
        this.fixedBatch = signature.fixedBatch;
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

    /** The input layout used (never {@link Layout#AUTO}). */
    public Layout inputLayout() {
        return inputLayout;
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

    /** The channel count the input declares, or -1 when that dimension is dynamic. */
    public int expectedChannels() {
        long c = inputDims[inputLayout == Layout.NHWC ? 3 : 1];
        return c > 0 ? Math.toIntExact(c) : -1;
    }

    /** The output layout for images of this shape (never {@link Layout#AUTO}; NCHW for rank-3 outputs). */
    public Layout outputLayout(ImageShape input) {
        return probe(input).outputLayout;
    }

    /** Number of images given to one run for this input shape (the fixed batch, or from the memory budget). */
    public int subBatchSize(ImageShape input) {
        return probe(input).maxImages;
    }

    /**
     * The shape of one output for images of shape {@code input}, from a probe run (cached).
     *
     * @throws IncompatibleInputException when the model cannot take images of this shape
     */
    @Override
    public OutputShape outputShape(ImageShape input) {
        return probe(input).outputShape;
    }

    /**
     * Checks that the model takes images of this shape.
     *
     * @throws IncompatibleInputException naming the problem, with the size to pad to when one is known
     */
    public void requireCompatible(ImageShape input) {
        probe(input);
    }

    /**
     * {@code shape} itself when the model takes it, else the padded shape it suggests (pad the images
     * to it and crop the outputs back).
     *
     * @throws IncompatibleInputException when no padded size is known to work (e.g. wrong channels)
     */
    public ImageShape paddedShape(ImageShape shape) {
        return InputSizes.paddedShape(shape, this::requireCompatible);
    }

    /** True: ONNX Runtime sessions allow concurrent runs, and each call owns its tensors. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    // ---------------------------------------------------------------- prediction

    @Override
    public double[] predict(ImageBatch batch) {
        ImageShape shape = batch.shape();
        Probe probe = probe(shape);
        int k = probe.outputShape.size();
        int n = batch.count();
        double[] out = new double[Math.multiplyExact(n, k)];
        for (int first = 0; first < n; first += probe.maxImages) {
            int count = Math.min(probe.maxImages, n - first);
            int rows = fixedBatch > 0 ? fixedBatch : count;
            try {
                run(batch.values(), first, count, rows, shape, probe, out, first * k);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on a run of " + rows + " images of shape " + shape
                        + " (" + source + "): " + InputSizes.firstLine(e), e);
            }
        }
        return out;
    }

    private void run(double[] values, int first, int count, int rows, ImageShape shape, Probe probe, double[] dest,
                     int offset) throws OrtException {
        requireOpen();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(inputName, codec.input(values, first, count, rows, shape));
            codec.addConstants(inputs);
            try (OrtSession.Result result = session.run(inputs, requested)) {
                codec.copyOutput(result, count, rows, probe.outputShape, probe.outputLayout, dest, offset);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    // ---------------------------------------------------------------- probing and validation

    private Probe probe(ImageShape shape) {
        requireOpen();
        Probe p = probes.get(shape);
        if (p == null) {
            p = computeProbe(shape);
            probes.putIfAbsent(shape, p);
        }
        return p;
    }

    private Probe computeProbe(ImageShape shape) {
        boolean nhwc = inputLayout == Layout.NHWC;
        long c = inputDims[nhwc ? 3 : 1];
        if (c > 0 && c != shape.channels()) {
            long other = inputDims[nhwc ? 1 : 3];
            String hint = other == shape.channels()
                    ? "; if the input is " + (nhwc ? "channels-first" : "channels-last") + ", build the model with "
                    + "inputLayout(Layout." + (nhwc ? "NCHW" : "NHWC") + ")"
                    : "";
            throw new IncompatibleInputException("the model takes " + c + " input channels (input '" + inputName
                    + "' of shape " + Arrays.toString(inputDims) + ", layout " + inputLayout + ") but the images have "
                    + shape.channels() + " (image shape " + shape + ")" + hint, null, null, null);
        }
        long h = inputDims[nhwc ? 1 : 2];
        long w = inputDims[nhwc ? 2 : 3];
        if (h > 0 && h != shape.height() || w > 0 && w != shape.width()) {
            int th = h > 0 ? Math.toIntExact(h) : shape.height();
            int tw = w > 0 ? Math.toIntExact(w) : shape.width();
            boolean pad = th >= shape.height() && tw >= shape.width();
            throw new IncompatibleInputException("the model's input '" + inputName + "' has a fixed size "
                    + (h > 0 ? h : "any") + "x" + (w > 0 ? w : "any") + " (shape " + Arrays.toString(inputDims)
                    + ") but the images are " + shape.height() + "x" + shape.width() + ": "
                    + (pad ? "pad them to " + th + "x" + tw + " and crop the outputs back to " + shape.height()
                    + "x" + shape.width()
                    : "they are larger than the model's size; crop or resize them to " + th + "x" + tw),
                    pad ? th : null, pad ? tw : null, null);
        }
        long[] outShape;
        try {
            outShape = tryRun(shape);
        } catch (OrtException | IllegalStateException e) {
            throw sizeError(shape, e);
        }
        return probeFrom(shape, outShape);
    }

    private Probe probeFrom(ImageShape shape, long[] outShape) {
        int rows = fixedBatch > 0 ? fixedBatch : 1;
        if (outShape.length != 3 && outShape.length != 4 || outShape[0] != rows) {
            throw new IllegalArgumentException("output '" + outputName + "' of " + source + " has shape "
                    + Arrays.toString(outShape) + " for a run of " + rows + " images of shape " + shape
                    + ", which is not a map: expected [N, O, H, W], [N, H, W, O] or [N, H, W]");
        }
        OutputShape os;
        Layout layout = Layout.NCHW;
        if (outShape.length == 3) {
            os = OutputShape.of(1, Math.toIntExact(outShape[1]), Math.toIntExact(outShape[2]));
        } else {
            layout = outputLayoutSetting != Layout.AUTO ? outputLayoutSetting : detectOutputLayout(shape, outShape);
            int a = Math.toIntExact(outShape[1]);
            int b = Math.toIntExact(outShape[2]);
            int d = Math.toIntExact(outShape[3]);
            os = layout == Layout.NHWC ? OutputShape.of(d, a, b) : OutputShape.of(a, b, d);
        }
        int maxImages;
        if (fixedBatch > 0) {
            maxImages = fixedBatch;
        } else {
            long elementBytes = inputType == OnnxJavaType.DOUBLE ? 8 : 4;
            long perImage = ACTIVATION_FACTOR * elementBytes * ((long) shape.size() + os.size()) + 8L * os.size();
            maxImages = (int) Math.max(1, Math.min(Integer.MAX_VALUE, batchBytes / perImage));
        }
        return new Probe(os, layout, maxImages);
    }

    private Layout detectOutputLayout(ImageShape shape, long[] out) {
        boolean nchw = out[2] == shape.height() && out[3] == shape.width();
        boolean nhwc = out[1] == shape.height() && out[2] == shape.width();
        if (nchw != nhwc) {
            return nchw ? Layout.NCHW : Layout.NHWC;
        }
        if (outputDims.length == 4) {
            boolean fixed1 = outputDims[1] > 0;
            boolean fixed3 = outputDims[3] > 0;
            if (fixed1 != fixed3) {
                return fixed1 ? Layout.NCHW : Layout.NHWC;
            }
        }
        return inputLayout;
    }

    /** One run of zero images; returns the output's shape. */
    private long[] tryRun(ImageShape shape) throws OrtException {
        int rows = fixedBatch > 0 ? fixedBatch : 1;
        double[] zeros = new double[shape.size()];
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession.RunOptions quiet = new OrtSession.RunOptions()) {
            quiet.setLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            inputs.put(inputName, codec.input(zeros, 0, 1, rows, shape));
            codec.addConstants(inputs);
            try (OrtSession.Result result = session.run(inputs, requested, quiet)) {
                return codec.outputTensor(result).getInfo().getShape();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private IncompatibleInputException sizeError(ImageShape shape, Exception cause) {
        return InputSizes.sizeError("the model", shape, cause, MAX_PROBE_MULTIPLE,
                padded -> probes.putIfAbsent(padded, probeFrom(padded, tryRun(padded))),
                "the model (" + source + ") cannot take images of shape " + shape + " (layout " + inputLayout
                        + ", input '" + inputName + "' of shape " + Arrays.toString(inputDims) + ")");
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
        return "OnnxModel[" + source + ", input '" + inputName + "' " + Arrays.toString(inputDims) + " " + inputLayout
                + ", output '" + outputName + "' " + Arrays.toString(outputDims) + "]";
    }

    private record Probe(OutputShape outputShape, Layout outputLayout, int maxImages) {
    }

    /** Builder for {@link OnnxModel}; options are copied at {@link #build()}. */
    public static final class Builder {
        private final Path file;
        private final byte[] bytes;
        private final String source;
        private String inputName;
        private String outputName;
        private Layout inputLayout = Layout.AUTO;
        private Layout outputLayout = Layout.AUTO;
        private int channels;
        private long batchBytes = DEFAULT_BATCH_BYTES;
        private int intraOpThreads;
        private OrtSession.SessionOptions.OptLevel optimization = OrtSession.SessionOptions.OptLevel.ALL_OPT;
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

        /** The input layout; default {@link Layout#AUTO}. */
        public Builder inputLayout(Layout layout) {
            this.inputLayout = Objects.requireNonNull(layout, "input layout");
            return this;
        }

        /** The layout of a rank-4 output; default {@link Layout#AUTO}. */
        public Builder outputLayout(Layout layout) {
            this.outputLayout = Objects.requireNonNull(layout, "output layout");
            return this;
        }

        /**
         * The images' channel count, used by {@link Layout#AUTO} when both candidate channel axes of
         * the input are fixed; default unknown.
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
         * tensors); larger batches are split. Default {@link #DEFAULT_BATCH_BYTES}. Ignored with a
         * fixed batch dimension.
         */
        public Builder batchBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("batch memory budget must be positive, got " + bytes);
            }
            this.batchBytes = bytes;
            return this;
        }

        /** Threads of one run (ONNX Runtime's intra-op pool); default 0, ONNX Runtime's choice. */
        public Builder intraOpThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("intra-op threads must be >= 0 (0: ONNX Runtime's default), got "
                        + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /** ONNX Runtime's graph optimisation level; default {@code ALL_OPT}. */
        public Builder optimization(OrtSession.SessionOptions.OptLevel level) {
            this.optimization = Objects.requireNonNull(level, "optimisation level");
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
