package io.github.segshap.dl4j.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nd4j's native CPU threads, pinned from Java whatever the process environment says.
 *
 * <p>nd4j's native code takes its thread counts from {@code OMP_NUM_THREADS} (and OpenBLAS from
 * {@code OPENBLAS_NUM_THREADS}) when it loads, and training sums in another order with another
 * count, so the same seed trains another model. {@link #pin(int)} makes the count the caller's:
 * <ol>
 *   <li>before nd4j's native libraries load, it sets {@link #VARIABLES} in the process's own
 *       environment (the C library's {@code setenv}, through JNA), so that OpenMP, OpenBLAS and
 *       libnd4j's thread pool start with that count;</li>
 *   <li>then (and when nd4j was already loaded) it sets OpenMP's threads, OpenBLAS's threads and
 *       libnd4j's cap through nd4j's API; libnd4j's pool size cannot change once loaded, so a pin
 *       after loading can only lower its cap.</li>
 * </ol>
 * Pin first thing in {@code main}, before any network is built: {@link Dl4jRuntime} loads nd4j
 * when it is first used. Measured here, a U-Net trained with the same pinned count has bit-identical
 * parameters and losses whether the environment asked for 1, 2 or 3 threads.
 */
public final class NativeThreads {
    /** Environment variables that set native thread counts; {@link #pin} overrides each of them. */
    public static final List<String> VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS");

    private NativeThreads() {
    }

    /**
     * The native thread count after {@link #pin}, and what the environment had asked for.
     *
     * @param threads    the threads nd4j's native code now uses (OpenMP's count)
     * @param overridden the {@link #VARIABLES} of the environment that asked for another number, by
     *                   name, with their values (empty when none did)
     * @param beforeLoad whether the pin came before nd4j's native libraries loaded (so their
     *                   thread pools started with the pinned count)
     */
    public record Pinned(int threads, Map<String, String> overridden, boolean beforeLoad) {
        /** Copies the map. */
        public Pinned {
            overridden = Map.copyOf(overridden);
        }

        /** The overridden variables as {@code NAME=value} text, in {@link #VARIABLES} order. */
        public String overriddenText() {
            List<String> parts = new ArrayList<>();
            for (String v : VARIABLES) {
                if (overridden.containsKey(v)) {
                    parts.add(v + "=" + overridden.get(v));
                }
            }
            return String.join(", ", parts);
        }
    }

    /** The C library's {@code setenv}. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static boolean loaded;

    /**
     * Sets nd4j's native CPU threads to {@code threads}, whatever {@link System#getenv()} says.
     * Affects every later nd4j call of the process.
     *
     * @param threads the thread count, at least 1
     * @return the count in effect and the environment variables it overrode
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static Pinned pin(int threads) {
        return pin(threads, System.getenv());
    }

    /**
     * {@link #pin(int)}, reporting what the given environment asked for (tests pass their own).
     *
     * @param threads     the thread count, at least 1
     * @param environment the environment variables to compare with (not modified)
     */
    public static synchronized Pinned pin(int threads, Map<String, String> environment) {
        if (threads < 1) {
            throw new IllegalArgumentException("nd4j threads must be at least 1, got " + threads);
        }
        boolean beforeLoad = !loaded && !nativesLoaded();
        if (beforeLoad) {
            setProcessEnvironment(String.valueOf(threads));
        }
        Nd4j.getEnvironment(); // loads the backend before the native ops are touched
        loaded = true;
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Map<String, String> overridden = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            String value = environment.get(v);
            if (value != null && !value.isBlank() && !asks(value, threads)) {
                overridden.put(v, value);
            }
        }
        return new Pinned(threads(), overridden, beforeLoad);
    }

    /** The OpenMP threads nd4j's native code uses now (loads nd4j). */
    public static int threads() {
        Nd4j.getEnvironment();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** The threads OpenBLAS uses now for nd4j's matrix products (loads nd4j). */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** libnd4j's cap on the threads of one operation now (loads nd4j). */
    public static int libnd4jThreads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /** Whether an environment value such as {@code 4} or {@code 4,2} (OpenMP's nesting) asks for this count. */
    private static boolean asks(String value, int threads) {
        try {
            return Integer.parseInt(value.split(",")[0].trim()) == threads;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether JavaCPP has loaded nd4j's, OpenBLAS's or OpenMP's native library in this process. */
    private static boolean nativesLoaded() {
        for (String name : Loader.getLoadedLibraries().keySet()) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (n.contains("nd4j") || n.contains("openblas") || n.contains("gomp") || n.contains("iomp")) {
                return true;
            }
        }
        return false;
    }

    /** Sets the thread variables in the process's own environment (Linux and macOS); best effort. */
    private static void setProcessEnvironment(String value) {
        if (Platform.isWindows()) {
            return;
        }
        try {
            CLibrary c = Native.loadLibrary("c", CLibrary.class);
            for (String v : VARIABLES) {
                c.setenv(v, value, 1);
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // the Java-side setters below still apply
        }
    }
}
