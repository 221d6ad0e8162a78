package org.nd4j.nativeblas;

/**
 * Compatibility shim for Deeplearning4j 1.0.0-M2.1: DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by reflection to ask whether oneDNN is
 * in use, but in M2.1 the native bindings moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}, so the look-up fails and DL4J's oneDNN
 * layer helpers never load. This class restores the name DL4J looks for and forwards to the real
 * native environment. It changes nothing unless the helpers are switched on (see
 * {@code io.github.segshap.dl4j.runtime.Dl4jRuntime}).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The environment DL4J's oneDNN check asks. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The single instance. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether the native library uses oneDNN (true for the {@code linux-x86_64-onednn} builds of
         * nd4j-native when oneDNN is not switched off).
         */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
