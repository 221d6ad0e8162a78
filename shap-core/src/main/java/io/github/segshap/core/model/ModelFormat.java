package io.github.segshap.core.model;

import io.github.segshap.core.provenance.Fingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A model file format, found with {@link ServiceLoader}: a format says whether it reads a file
 * (from its name and first bytes) and loads it into a {@link Model}. shap-onnx registers ONNX and
 * shap-dl4j DL4J model zips in {@code META-INF/services/io.github.segshap.core.model.ModelFormat};
 * a front end loads whatever is on its class path ({@link #available()}, {@link #forFile}), so a
 * jar without DL4J still reads ONNX files and can say which formats it has.
 */
public interface ModelFormat {
    /** How many first bytes of a file {@link #reads} is given. */
    int HEAD_BYTES = 8;

    /** The format's name as messages spell it, e.g. {@code ONNX}, {@code DL4J model zip}. */
    String name();

    /** Whether this format takes the input and output names of {@link Options}. */
    default boolean takesNames() {
        return false;
    }

    /**
     * Whether this format reads {@code file}.
     *
     * @param file the file
     * @param head its first {@link #HEAD_BYTES} bytes (fewer for a shorter file); not modified
     */
    boolean reads(Path file, byte[] head);

    /**
     * Loads {@code file} (which {@link #reads} accepted).
     *
     * @throws IllegalArgumentException when the file cannot be loaded, naming why
     */
    Loaded load(Path file, Options options);

    /** The formats on the class path, sorted by name. */
    static List<ModelFormat> available() {
        List<ModelFormat> out = new ArrayList<>();
        ServiceLoader.load(ModelFormat.class, ModelFormat.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(ModelFormat::name));
        return List.copyOf(out);
    }

    /** The first available format that reads {@code file}, if any. */
    static Optional<ModelFormat> forFile(Path file, byte[] head) {
        return available().stream().filter(f -> f.reads(file, head)).findFirst();
    }

    /**
     * How to load a model.
     *
     * @param inputName  the input the images go to, or null for the format's default (ONNX: the first)
     * @param outputName the output to explain, or null for the format's default
     */
    record Options(String inputName, String outputName) {
        /** The defaults: no names. */
        public static final Options DEFAULTS = new Options(null, null);

        /** Whether either name is given. */
        public boolean namesGiven() {
            return inputName != null || outputName != null;
        }
    }

    /**
     * A loaded model.
     *
     * @param model       the model (close it when done)
     * @param description how the provenance names it (file name, kind, input and output)
     * @param fingerprint the fingerprint of the file ({@link Fingerprint#ofFile})
     */
    record Loaded(Model model, String description, String fingerprint) {
        /** Rejects missing fields. */
        public Loaded {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
