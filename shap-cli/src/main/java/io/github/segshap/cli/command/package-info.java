/**
 * The subcommands of {@code segshap}: {@code explain}, {@code explain-section}, {@code report} and
 * {@code export-onnx}, each a picocli command taking only its own options, and the option mixins
 * the explaining subcommands share ({@link io.github.segshap.cli.command.ModelOptions},
 * {@link io.github.segshap.cli.command.ExplainerOptions}).
 */
package io.github.segshap.cli.command;
