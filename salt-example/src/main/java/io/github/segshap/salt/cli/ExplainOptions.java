package io.github.segshap.salt.cli;

import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.salt.explain.InferenceEngine;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.workflow.ExplainSettings;
import picocli.CommandLine.Option;

/** The explanation stage's options (a picocli mixin for {@link ExplainSettings}). */
final class ExplainOptions {

    @Option(names = "--samples", paramLabel = "original9|all|ID[,ID...]",
            description = {"Test samples to explain: original9 (default) - nine reproducible picks standing in for "
                    + "the original's nine: in sorted id order the first 6 whose true mask covers 5-95%% of the "
                    + "image and the first 3 with an empty mask;",
                    "all - the whole test set; or test ids separated by commas (see test.txt in the data cache)."})
    String samples = ExplainSettings.DEFAULT_SAMPLES;

    @Option(names = "--explainer", paramLabel = "exact|kernel|partition|permutation|auto",
            description = "Shapley estimator for the four channel players: exact enumerates all 16 coalitions "
                    + "(default: ${DEFAULT-VALUE}); the others are for many players and estimate.")
    ExplanationOptions.Method explainer = ExplainSettings.DEFAULT_EXPLAINER;

    @Option(names = "--background", paramLabel = "N",
            description = "Training images in the explanation background, drawn with --seed (default: "
                    + "${DEFAULT-VALUE}, as the original). Cost grows linearly with it.")
    int background = ExplainSettings.DEFAULT_BACKGROUND;

    @Option(names = "--background-summary", paramLabel = "K",
            description = "Replace the background by K weighted k-means rows of it (seeded with --seed): about "
                    + "N/K times faster, but k-means centres are not real images and move the maps (see "
                    + "docs/performance.md: a --background of K drawn images is closer at the same cost). "
                    + "Default: 0, the whole background.")
    int backgroundSummary;

    @Option(names = "--engine", paramLabel = "dl4j|onnx",
            description = "What runs the network while it is explained: dl4j - Deeplearning4j, as trained; onnx -"
                    + " ONNX Runtime on the network exported to OUT/model.onnx (the same values to about 1e-5). "
                    + "Default: dl4j.")
    InferenceEngine engine = ExplainSettings.DEFAULT_ENGINE;

    /**
     * The settings these options describe.
     *
     * @param threads the run's {@code --threads} (a common option), also the threads calling the model
     */
    ExplainSettings settings(int threads) {
        ExplainSettings.requireUsableIds(samples);
        return new ExplainSettings(SampleSelection.parse(samples), explainer, background, threads, engine,
                backgroundSummary);
    }
}
