/**
 * What the two command lines of the project ({@code segshap} and the salt example) share, written
 * once: the exit codes ({@link io.github.segshap.command.ExitCode}, one meaning per code in both
 * programs) and the one exception that carries one ({@link io.github.segshap.command.CommandException});
 * the mapping of typed core and file-system exceptions to exit codes
 * ({@link io.github.segshap.command.Faults}); the failure handler with its typo suggestions
 * ({@link io.github.segshap.command.FailureHandler}); the picocli set-up and logging
 * ({@link io.github.segshap.command.CommandLines}); constructor injection of a program's context
 * ({@link io.github.segshap.command.ContextFactory}); and the progress printer
 * ({@link io.github.segshap.command.Progress}, its {@link io.github.segshap.command.ProgressMode} and the
 * {@code --progress} option {@link io.github.segshap.command.ProgressOptions}); the explain commands'
 * {@code --precision} and {@code --precision-check} options ({@link io.github.segshap.command.PrecisionOptions}).
 */
package io.github.segshap.command;
