package io.github.segshap.onnx.quantize;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ONNX Runtime actually runs: the operator counts of a model after its graph optimiser (all
 * optimisations, the CPU provider), read from the optimised model ONNX Runtime writes
 * ({@code SessionOptions.setOptimizedModelFilePath}). A QDQ model that the optimiser fused shows
 * {@code QLinearConv} (and no float {@code Conv} for the quantized nodes); one it did not fuse
 * shows {@code QuantizeLinear}, {@code DequantizeLinear} and float {@code Conv}.
 */
public final class OptimizedGraph {
    private OptimizedGraph() {
    }

    /**
     * The operator counts of {@code model} as ONNX Runtime optimises it, by operator type (domain-qualified
     * outside the default domain, e.g. {@code com.microsoft.QLinearConcat}).
     */
    public static Map<String, Integer> operators(byte[] model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("segshap-optimized");
            Path file = dir.resolve("optimized.onnx");
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                opts.setOptimizedModelFilePath(file.toString());
                OrtEnvironment.getEnvironment().createSession(model, opts).close();
            }
            OnnxMl.ModelProto optimized = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
            Map<String, Integer> counts = new TreeMap<>();
            for (OnnxMl.NodeProto n : optimized.getGraph().getNodeList()) {
                String op = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType()
                        : n.getDomain() + "." + n.getOpType();
                counts.merge(op, 1, Integer::sum);
            }
            return counts;
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot optimise the model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read ONNX Runtime's optimised model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
