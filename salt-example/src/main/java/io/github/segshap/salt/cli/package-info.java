/**
 * The salt example's command line, {@code java -jar salt-example.jar} (picocli): {@code run-all}, {@code prepare}, {@code train},
 * {@code explain} and {@code report}, the original study's entry points. Options come in one picocli
 * mixin per stage ({@code CommonOptions}, {@code PrepareOptions}, {@code TrainOptions},
 * {@code ExplainOptions}, {@code ReportOptions}), each filling in its record of
 * {@link io.github.segshap.salt.workflow.WorkflowSettings}; a subcommand takes the mixins of the
 * stages it runs, so it shows and accepts only their options. {@link io.github.segshap.salt.cli.SaltCommand#main}
 * is the jar's main class; {@link io.github.segshap.salt.cli.SaltCommand#commandLine} gives tests a
 * configured {@code CommandLine} whose {@code execute} returns the exit code, one of
 * {@link io.github.segshap.command.ExitCode} (the same codes as the {@code segshap} command's). The
 * subcommands get the console and the workflow hook from a {@code SaltContext} passed to their
 * constructors by the command line's factory.
 */
package io.github.segshap.salt.cli;
