package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ranges of a graph's intermediate tensors on calibration images: the tensors are exposed as
 * extra graph outputs of a copy of the model, which ONNX Runtime runs (no graph optimisation, so
 * every tensor is the float32 model's own) on the images in runs of {@link #RUN_IMAGES}. Min/max is
 * exact; a percentile is read from an evenly strided sample of at most {@link #SAMPLE_CAP} values per
 * tensor, so the result depends only on the images and their order.
 */
final class ActivationRanges {
    /** Images per calibration run. */
    static final int RUN_IMAGES = 4;
    /** The largest sample of one tensor's values kept for a percentile. */
    static final int SAMPLE_CAP = 1 << 21;

    /** One tensor's range, {@code lo <= 0 <= hi}. */
    record Range(float lo, float hi) {
    }

    private ActivationRanges() {
    }

    /**
     * The range of each of {@code tensors}.
     *
     * @param graph     the float32 graph (already folded)
     * @param model     the model around it (opset, IR version)
     * @param inputName the images' input
     * @param images    the calibration images in the input's layout, {@code count x perImage} values
     * @param dims      the input's shape for one image, without the batch dimension
     */
    static Map<String, Range> measure(OnnxMl.ModelProto model, OnnxMl.GraphProto graph, Set<String> tensors,
                                      String inputName, float[] images, int count, long[] dims,
                                      Calibration calibration) {
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        Set<String> declared = new java.util.HashSet<>();
        graph.getOutputList().forEach(o -> declared.add(o.getName()));
        List<String> names = tensors.stream().sorted().toList();
        for (String t : names) {
            if (!declared.contains(t)) {
                g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(t).setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        int perImage = Math.toIntExact(Arrays.stream(dims).reduce(1, Math::multiplyExact));
        int runs = (count + RUN_IMAGES - 1) / RUN_IMAGES;
        Map<String, Stats> stats = new LinkedHashMap<>();
        names.forEach(n -> stats.put(n, new Stats()));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(bytes, opts)) {
                for (int first = 0; first < count; first += RUN_IMAGES) {
                    int n = Math.min(RUN_IMAGES, count - first);
                    long[] shape = new long[dims.length + 1];
                    shape[0] = n;
                    System.arraycopy(dims, 0, shape, 1, dims.length);
                    FloatBuffer in = FloatBuffer.wrap(images, first * perImage, n * perImage).slice();
                    try (OnnxTensor x = OnnxTensor.createTensor(env, in, shape);
                         OrtSession.Result r = session.run(Map.of(inputName, x), Set.copyOf(names))) {
                        for (String name : names) {
                            OnnxValue v = r.get(name).orElseThrow();
                            FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                            stats.get(name).add(fb, runs, calibration);
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("calibration run of the model failed: " + e.getMessage(), e);
        }
        Map<String, Range> ranges = new LinkedHashMap<>();
        stats.forEach((name, s) -> ranges.put(name, s.range(calibration, name)));
        return ranges;
    }

    /** Min, max and a strided sample of one tensor's values. */
    private static final class Stats {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] sample = new float[0];
        int kept;

        void add(FloatBuffer values, int runs, Calibration calibration) {
            int n = values.remaining();
            for (int i = 0; i < n; i++) {
                float v = values.get(i);
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
            if (calibration.isMinMax()) {
                return;
            }
            int stride = (int) Math.max(1, ((long) n * runs + SAMPLE_CAP - 1) / SAMPLE_CAP);
            int take = (n + stride - 1) / stride;
            if (kept + take > sample.length) {
                sample = Arrays.copyOf(sample, Math.max(kept + take, sample.length * 2));
            }
            for (int i = 0; i < n; i += stride) {
                sample[kept++] = values.get(i);
            }
        }

        Range range(Calibration calibration, String name) {
            if (!Float.isFinite(min) || !Float.isFinite(max)) {
                throw new IllegalStateException("tensor '" + name + "' is not finite on the calibration images (range "
                        + min + " to " + max + ")");
            }
            float lo = min;
            float hi = max;
            if (!calibration.isMinMax() && kept > 0) {
                float[] s = Arrays.copyOf(sample, kept);
                Arrays.sort(s);
                double q = calibration.percentile() / 100;
                hi = s[(int) Math.min(kept - 1, Math.ceil(q * kept) - 1)];
                lo = s[(int) Math.max(0, Math.floor((1 - q) * kept))];
            }
            return new Range(Math.min(lo, 0f), Math.max(hi, 0f));
        }
    }
}
