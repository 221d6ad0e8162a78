package io.github.segshap.spark.model;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.model.ForwardingModel;
import io.github.segshap.core.model.Model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The models of one executor JVM: built once per model file (keyed by its fingerprint and the
 * factory) on the first task that needs it, and reused by every later task of any job in this JVM.
 * A model that is not thread-safe is wrapped so that tasks running at once take turns.
 */
public final class ExecutorModels {
    private static final Map<Key, Model> MODELS = new ConcurrentHashMap<>();

    private record Key(String fingerprint, ModelFactory factory) {
    }

    private ExecutorModels() {
    }

    /**
     * The model of the file with this fingerprint, built with {@code factory} from the file
     * {@code file} supplies the first time (e.g. {@code SparkFiles.get(name)}).
     */
    public static Model get(String fingerprint, ModelFactory factory, Supplier<Path> file) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(factory, "factory");
        return MODELS.computeIfAbsent(new Key(fingerprint, factory), k -> {
            Model m = Objects.requireNonNull(factory.create(file.get()), "the factory made no model");
            return m.isThreadSafe() ? m : new TakingTurns(m);
        });
    }

    /** How many models this JVM holds (for tests and logs). */
    public static int size() {
        return MODELS.size();
    }

    /** A model whose calls are serialised; everything else (its spec, its provenance record) is the model's. */
    private static final class TakingTurns extends ForwardingModel {
        TakingTurns(Model inner) {
            super(inner);
        }

        @Override
        public synchronized double[] predict(ImageBatch batch) {
            return inner().predict(batch);
        }

        @Override
        public boolean isThreadSafe() {
            return true;
        }
    }
}
