/**
 * The subcommands of {@code segshap}: {@code explain}, {@code report} and {@code export-onnx}, each
 * a picocli command taking only its own options.
 */
package io.github.segshap.cli.command;
