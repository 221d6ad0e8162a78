package io.github.segshap.salt.cli;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.PrecisionOptions;
import io.github.segshap.core.segmentation.BackgroundSource;
import io.github.segshap.core.segmentation.ExplainerKind;
import io.github.segshap.salt.explain.ModelRuntime;
import io.github.segshap.salt.explain.SampleSelection;
import io.github.segshap.salt.workflow.ExplainSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The explanation stage's options (a picocli mixin filling {@link ExplainSettings}, the one record
 * of them). Flags mean what segshap's flags of the same name mean: {@code --explainer} (default
 * auto), {@code --background FILE|N}, {@code --precision float32|int8}; {@code --runtime} is what runs the
 * network.
 */
final class ExplainOptions {

    @Option(names = "--samples", paramLabel = "original9|all|ID[,ID...]",
            description = {"Test samples to explain: original9 (default) - nine reproducible picks standing in for "
                    + "the original's nine: in sorted id order the first 6 whose true mask covers 5-95%% of the "
                    + "image and the first 3 with an empty mask;",
                    "all - the whole test set; or test ids separated by commas (see test.txt in the data cache)."})
    String samples = ExplainSettings.DEFAULT_SAMPLES;

    @Option(names = "--explainer", paramLabel = "exact|kernel|partition|permutation|auto",
            description = "Shapley explainer (default: ${DEFAULT-VALUE}: exact up to 10 players, kernel above; the "
                    + "four channel players make it exact, all 16 coalitions). The others are for many players and "
                    + "estimate.")
    ExplainerKind explainer = ExplainSettings.DEFAULT_EXPLAINER;

    @Option(names = "--background", paramLabel = "FILE|N",
            description = "The explanation background: N training images drawn with --seed (default: "
                    + "${DEFAULT-VALUE}, as the original), or a .npy file of [N, 4, H, W] float rows in the "
                    + "prepared data's channels and size. Cost grows linearly with its rows.")
    String background = Integer.toString(ExplainSettings.DEFAULT_BACKGROUND);

    @Option(names = "--background-summary", paramLabel = "K",
            description = "Replace the background by K weighted k-means rows of it (seeded with --seed): about "
                    + "N/K times faster, but k-means centres are not real images and move the maps (see "
                    + "docs/performance.md: a --background of K drawn images is closer at the same cost). "
                    + "Default: 0, the whole background.")
    int backgroundSummary;

    @Option(names = "--runtime", paramLabel = "dl4j|onnx",
            description = "What runs the network while it is explained: dl4j - Deeplearning4j, as trained; onnx -"
                    + " ONNX Runtime on the network exported to OUT/model.onnx (the same values to about 1e-5). "
                    + "Default: ${DEFAULT-VALUE}.")
    ModelRuntime runtime = ExplainSettings.DEFAULT_RUNTIME;

    @Mixin
    PrecisionOptions precision;

    /**
     * The settings these options describe.
     *
     * @param threads the run's {@code --threads} (a common option), also the threads calling the model
     * @throws CommandException for unusable sample ids, or a missing background file
     * @throws IllegalArgumentException (a usage error) for a background count below 1
     */
    ExplainSettings settings(int threads) {
        ExplainSettings.requireUsableIds(samples);
        BackgroundSource bg = BackgroundSource.parse(background, "training image");
        ExplainSettings.requireReadable(bg);
        return new ExplainSettings(SampleSelection.parse(samples), explainer, bg, threads, runtime, backgroundSummary,
                precision.precision(), precision.heldOut());
    }
}
