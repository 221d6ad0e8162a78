/**
 * The salt study's stages wired together: {@code prepare} (read, split, attributes, power
 * transform, cached), {@code train} (U-Net with the focal loss, MLflow run, test metrics, model
 * file), {@code explain} (channel contributions, see {@link io.github.segshap.salt.explain}) and
 * {@code report} (figures and {@code report.html}), each reading what the previous one left in the
 * run folder described by {@link io.github.segshap.salt.workflow.RunLayout}.
 *
 * <p>{@link io.github.segshap.salt.workflow.SaltWorkflow} runs the stages;
 * {@link io.github.segshap.salt.workflow.WorkflowSettings} holds every option as one record per stage
 * ({@link io.github.segshap.salt.workflow.CommonSettings},
 * {@link io.github.segshap.salt.workflow.PrepareSettings},
 * {@link io.github.segshap.salt.train.TrainSettings},
 * {@link io.github.segshap.salt.workflow.ExplainSettings},
 * {@link io.github.segshap.salt.workflow.ReportSettings}), each default a constant of its record (the
 * command line in {@link io.github.segshap.salt.cli} only fills them in; the explain record makes
 * shap-core's options itself, {@code ExplainSettings.options}). The run folder's JSON files
 * are records too, read and written through {@link io.github.segshap.salt.io.JsonFiles} in snake_case:
 * {@code parameters.json} ({@code RunParameters}), {@code model.json} ({@code ModelInfo}),
 * {@code training.json} ({@code TrainingRecord}). Failures the user can fix are
 * {@link io.github.segshap.command.CommandException}s whose
 * {@link io.github.segshap.command.ExitCode} (shared with the {@code segshap} command) fixes the
 * process exit code. Every file a stage
 * writes is written to a temporary name and renamed, so an interrupted or failed stage never
 * replaces a good earlier result with a broken one; the temporaries a killed run leaves are removed
 * at the next stage's start, under the {@link io.github.segshap.command.folder.RunLock}. Before a
 * stage changes anything in the run folder, {@code explanations/} or {@code figures/}, a
 * {@link io.github.segshap.salt.workflow.FolderProbe} checks that it can write there.
 */
package io.github.segshap.salt.workflow;
