package io.github.segshap.salt.cli;

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

    /** The settings these options describe. */
    PrepareSettings settings() {
        return new PrepareSettings(axis, syntheticSamples);
    }
}
