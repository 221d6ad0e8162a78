package io.github.segshap.salt.explain;

import java.util.Locale;

/**
 * What runs the trained U-Net while it is explained ({@code --runtime}): Deeplearning4j itself, or
 * ONNX Runtime on the network exported by shap-export's {@code OnnxExport}. Both compute the same
 * function (the exported model predicts what DL4J predicts to 1e-5), so the explanations agree to
 * about 1e-5; ONNX Runtime is the faster one and the default ({@link ExplanationStage#DEFAULT_RUNTIME};
 * see {@code docs/performance.md}, "The ceiling"). Where the job runs is another matter: segshap's
 * {@code --engine local|spark}.
 */
public enum ModelRuntime {
    /** Deeplearning4j ({@code Dl4jModel}, oneDNN when present). */
    DL4J,
    /** ONNX Runtime on the exported network ({@code OnnxModel}; {@code model.onnx} in the run folder). */
    ONNX;

    /** The name on the command line and in the provenance: {@code dl4j} or {@code onnx}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
