package io.github.segshap.cli.extension;

import java.util.List;

/**
 * A part of the {@code segshap} program that another jar brings, found with
 * {@link java.util.ServiceLoader}: the jar lists its implementation in
 * {@code META-INF/services/io.github.segshap.cli.extension.SegshapExtension}. segshap-dl4j.jar adds
 * the {@code export-onnx} subcommand, segshap-spark.jar the {@code spark} explain engine; segshap.jar
 * itself has none and says which jar to use instead.
 */
public interface SegshapExtension {
    /**
     * Subcommands of {@code segshap}: picocli {@code @Command} classes, created by the program's
     * factory (a constructor taking the program's context is given it).
     */
    default List<Class<?>> subcommands() {
        return List.of();
    }

    /** Engines of {@code segshap explain --engine NAME}. */
    default List<ExplainEngine> engines() {
        return List.of();
    }
}
