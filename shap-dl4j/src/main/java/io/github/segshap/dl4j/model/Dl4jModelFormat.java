package io.github.segshap.dl4j.model;

import io.github.segshap.core.model.ModelFormat;
import io.github.segshap.core.provenance.Fingerprint;

import java.nio.file.Path;

/**
 * DL4J ModelSerializer zips as a {@link ModelFormat} (registered in {@code META-INF/services}): a
 * file that starts with the zip signature {@code PK\u0003\u0004}, loaded by {@link Dl4jModels} as a
 * {@link Dl4jModel} with its defaults. It takes no input or output names.
 */
public final class Dl4jModelFormat implements ModelFormat {
    @Override
    public String name() {
        return "DL4J model zip";
    }

    @Override
    public boolean reads(Path file, byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Loads the network (names in {@code options} are refused: a DL4J model has one image input). */
    @Override
    public Loaded load(Path file, Options options) {
        if (options.namesGiven()) {
            throw new IllegalArgumentException("input and output names are ONNX's; " + file + " is a DL4J model zip");
        }
        Dl4jModel m = Dl4jModels.loadModel(file);
        return new Loaded(m, "DL4J model " + file.getFileName() + " (" + m.network().getClass().getSimpleName() + ")",
                Fingerprint.ofFile(file));
    }

    /** E.g. {@code DL4J model zip (ModelSerializer)}. */
    @Override
    public String toString() {
        return "DL4J model zip (ModelSerializer)";
    }
}
