/**
 * The subcommands of {@code segshap}: {@code explain}, {@code explain-section}, {@code report},
 * {@code merge} (a Spark run's per-image folders into one, {@link io.github.segshap.cli.command.MergeCommand})
 * and {@code export-onnx}, each a picocli command taking only its own options and constructed with the
 * program's {@link io.github.segshap.cli.command.SegshapContext} (no {@code @ParentCommand}); the
 * option mixins the explaining subcommands share ({@link io.github.segshap.cli.command.ModelOptions},
 * {@link io.github.segshap.cli.command.ExplainerOptions}); and
 * {@link io.github.segshap.cli.command.ExplainRequest}, the one value {@code explain} builds and both
 * its engines (local, and those of {@code cli.extension} such as shap-spark's Spark engine) take.
 */
package io.github.segshap.cli.command;
