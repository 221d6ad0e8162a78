package io.github.segshap.salt.cli;

import io.github.segshap.salt.prepare.data.BadSamplePolicy;
import io.github.segshap.salt.prepare.preprocess.AttributeAxis;
import io.github.segshap.salt.workflow.PrepareSettings;
import picocli.CommandLine.Option;

/** The data stage's options (a picocli mixin for {@link PrepareSettings}): every stage that prepares data. */
final class PrepareOptions {

    @Option(names = "--axis", paramLabel = "horizontal|vertical",
            description = "Axis of the energy attribute's 5-sample window (and the GST window's orientation): "
                    + "horizontal is what the original computed, vertical runs along depth. Default: ${DEFAULT-VALUE}.")
    AttributeAxis axis = PrepareSettings.DEFAULT_AXIS;

    @Option(names = "--synthetic-samples", paramLabel = "N",
            description = "Size of the synthetic data set used without --data (default: ${DEFAULT-VALUE}: 256 train,"
                    + " 64 validation, 80 test).")
    int syntheticSamples = PrepareSettings.DEFAULT_SYNTHETIC_SAMPLES;

    @Option(names = "--bad-samples", paramLabel = "fail|skip",
            description = "What reading does with a single bad sample (a damaged or truncated PNG, a wrong size, a "
                    + "non-binary mask, an image without a mask): fail stops and names the file (default: "
                    + "${DEFAULT-VALUE}), skip leaves the sample out and names each one skipped.")
    BadSamplePolicy badSamples = PrepareSettings.DEFAULT_BAD_SAMPLES;

    /** The settings these options describe. */
    PrepareSettings settings() {
        return new PrepareSettings(axis, syntheticSamples, badSamples);
    }
}
