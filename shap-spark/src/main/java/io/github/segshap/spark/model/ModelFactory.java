package io.github.segshap.spark.model;

import io.github.segshap.core.model.Model;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Builds the model to explain from its file, on an executor: a small serialisable recipe (a record
 * of the loader's settings, e.g. the ONNX input and output names and the padding) shipped with the
 * job; the file itself is shipped once per executor. Implementations should be records, so that
 * equal settings are equal factories (the cache key of {@link ExecutorModels}).
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /**
     * The model of {@code file} (the executor's local copy of the shipped file). It is built once
     * per executor JVM and called by several tasks at once when {@link Model#isThreadSafe()}; calls
     * are serialised otherwise.
     */
    Model create(Path file);
}
