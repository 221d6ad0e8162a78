package io.github.segshap.salt;

/**
 * The defaults the whole salt study shares, each written once: every stage, builder and command-line
 * option that needs one of them refers to the constant here.
 */
public final class SaltDefaults {
    /**
     * The original study's seed: of the split, the synthetic data, the network weights, the
     * shuffling and augmentation, the explanation background draw and the report's point sampling.
     */
    public static final long SEED = 42;

    private SaltDefaults() {
    }
}
