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

    /**
     * nd4j's native CPU threads (and the threads calling the model in explanations) when
     * {@code --threads} is not given: a fixed number, not the environment's, so that the same
     * command trains the same model everywhere; 2, the cores of the machine the documented numbers
     * were measured on.
     */
    public static final int THREADS = 2;

    /** The command a user types, as help and error messages show it. */
    public static final String PROGRAM = "java -jar salt-example.jar";
    /** The program's name in the marker of a run folder it owns ({@code .segshap-folder.json}). */
    public static final String OWNER = "salt-example";

    private SaltDefaults() {
    }
}
