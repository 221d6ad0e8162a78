/**
 * The {@code segshap} command line: {@link io.github.segshap.cli.SegshapCommand} (the program, its
 * exit codes and error handling), {@link io.github.segshap.cli.Failure} and
 * {@link io.github.segshap.cli.CliException}. The subcommands are in {@code command}, reading images
 * and players in {@code input}, loading models in {@code model}, and the resumable explanation run
 * with its console progress in {@code run}.
 */
package io.github.segshap.cli;
