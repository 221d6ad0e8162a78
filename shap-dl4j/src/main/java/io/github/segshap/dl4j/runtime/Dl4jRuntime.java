package io.github.segshap.dl4j.runtime;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The switch for DL4J's oneDNN fast CPU path (on by default when the oneDNN build is present);
 * nd4j's threads are {@link NativeThreads}' (pin them before this class is first used).
 *
 * <p>Deeplearning4j's convolution and pooling layers can hand their work to oneDNN "layer helpers",
 * 3 to 10 times faster for U-Nets on CPU (docs/performance.md). In 1.0.0-M2.1 three things are needed:
 * <ol>
 *   <li>the {@code linux-x86_64-onednn} build of {@code nd4j-native} (the project's default
 *       {@code nd4j.classifier}; {@code -Pplain-nd4j} builds with the plain one);</li>
 *   <li>helpers allowed: DL4J's system property {@code org.eclipse.deeplearning4j.helpers.disable}
 *       must be {@code false} when a layer is created (its default is {@code true});</li>
 *   <li>the class {@code org.nd4j.nativeblas.Nd4jCpu$Environment} that DL4J's oneDNN check looks
 *       up by name but that M2.1 no longer has: shap-dl4j ships it as a shim.</li>
 * </ol>
 * Step 2 happens when this class is first used (the model loader, the adapter, and whoever builds a
 * network to train calls {@link #init()}) if the oneDNN build is on the class path, unless the system property
 * {@code segshap.onednn=false}; {@link #enableOneDnn()} and {@link #disableOneDnn()} switch it by
 * hand; networks built earlier get their helpers when
 * {@link io.github.segshap.dl4j.model.Dl4jModel} clones them. {@link #helpers(NeuralNetwork)}
 * reports the helper classes a network's layers really use, so a test or a log can show that the
 * fast path is taken.
 */
public final class Dl4jRuntime {
    /** DL4J's system property that disables layer helpers (default {@code true} in M2.1). */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** segshap's system property: {@code false} keeps oneDNN off, {@code true} forces the helpers on. */
    public static final String ONEDNN_PROPERTY = "segshap.onednn";

    static {
        String wanted = System.getProperty(ONEDNN_PROPERTY, "auto");
        if (wanted.equals("true") || (!wanted.equals("false") && oneDnnBinariesPresent())) {
            enableOneDnn();
        }
    }

    /**
     * Makes sure the start-up choice above has been made; called before networks are built or
     * loaded so that their layers get the helpers.
     */
    public static void init() {
        // the static initialiser does the work
    }

    private Dl4jRuntime() {
    }

    /**
     * Allows DL4J's oneDNN layer helpers for layers created from now on.
     *
     * @return whether the oneDNN build of nd4j-native is on the class path; without it the helpers
     *         call libnd4j's generic kernels and are not faster
     */
    public static synchronized boolean enableOneDnn() {
        System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        Nd4j.getEnvironment().allowHelpers(true);
        return oneDnnBinariesPresent();
    }

    /** Disallows layer helpers for layers created from now on (the default of DL4J M2.1). */
    public static synchronized void disableOneDnn() {
        System.setProperty(HELPERS_DISABLE_PROPERTY, "true");
    }

    /** Whether layer helpers are allowed for layers created now. */
    public static boolean oneDnnEnabled() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
                && Nd4j.getEnvironment().helpersAllowed();
    }

    /** Whether the {@code -onednn} native build of nd4j-native for this platform is on the class path. */
    public static boolean oneDnnBinariesPresent() {
        String dir = "org/nd4j/linalg/cpu/nativecpu/bindings/" + Loader.getPlatform() + "-onednn/";
        ClassLoader cl = Dl4jRuntime.class.getClassLoader();
        return cl.getResource(dir + "libnd4jcpu.so") != null || cl.getResource(dir + "nd4jcpu.dll") != null
                || cl.getResource(dir + "libnd4jcpu.dylib") != null;
    }

    /**
     * The helper classes of the network's convolution and pooling layers, one entry per such layer
     * ("none" when the layer runs DL4J's built-in implementation).
     */
    public static List<String> helpers(NeuralNetwork network) {
        List<String> out = new ArrayList<>();
        for (Layer l : layers(network)) {
            LayerHelper h = helperOf(l);
            if (l instanceof ConvolutionLayer || l instanceof SubsamplingLayer) {
                out.add(h == null ? "none" : h.getClass().getSimpleName());
            }
        }
        return out;
    }

    /** Whether some convolution layer of the network runs through a oneDNN helper. */
    public static boolean usesOneDnn(NeuralNetwork network) {
        return helpers(network).stream().anyMatch(h -> h.startsWith("MKLDNN"));
    }

    /**
     * Whether a network built before {@link #enableOneDnn()} must be rebuilt (cloned) to get its
     * helpers: helpers are allowed, but a convolution layer of the network has none.
     */
    public static boolean needsRebuild(NeuralNetwork network) {
        if (!oneDnnEnabled()) {
            return false;
        }
        for (Layer l : layers(network)) {
            if (l.getClass() == ConvolutionLayer.class && helperOf(l) == null) {
                return true;
            }
        }
        return false;
    }

    private static LayerHelper helperOf(Layer l) {
        if (l instanceof ConvolutionLayer c) {
            return c.getHelper();
        }
        if (l instanceof SubsamplingLayer s) {
            return s.getHelper();
        }
        return null;
    }

    private static Layer[] layers(NeuralNetwork network) {
        if (network instanceof ComputationGraph cg) {
            return cg.getLayers();
        }
        if (network instanceof MultiLayerNetwork mln) {
            return mln.getLayers();
        }
        return new Layer[0];
    }
}
