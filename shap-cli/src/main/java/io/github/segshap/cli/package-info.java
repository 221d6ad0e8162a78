/**
 * The {@code segshap} command line: {@link io.github.segshap.cli.SegshapCommand} (the program; its
 * exit codes, error handling and progress come from shap-command, {@code io.github.segshap.command}).
 * The subcommands are in {@code command}, reading images and players in {@code input}, loading
 * models in {@code model}, and the resumable explanation run in {@code run}.
 */
package io.github.segshap.cli;
