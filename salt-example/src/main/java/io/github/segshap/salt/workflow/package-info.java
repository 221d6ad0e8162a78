/**
 * The salt study's stages wired together: {@code prepare} (read, split, attributes, power
 * transform, cached), {@code train} (U-Net with the focal loss, MLflow run, test metrics, model
 * file), {@code explain} (channel contributions, see {@link io.github.segshap.salt.explain}) and
 * {@code report} (figures and {@code report.html}), each reading what the previous one left in the
 * run folder described by {@link io.github.segshap.salt.workflow.RunLayout}.
 *
 * <p>{@link io.github.segshap.salt.workflow.SaltWorkflow} runs the stages;
 * {@link io.github.segshap.salt.workflow.WorkflowSettings} holds every option (the command line in
 * {@link io.github.segshap.salt.cli} only fills it in); failures the user can fix are
 * {@link io.github.segshap.salt.workflow.WorkflowException}s whose
 * {@link io.github.segshap.salt.workflow.Failure} fixes the process exit code. Every file a stage
 * writes is written to a temporary name and renamed, so an interrupted or failed stage never
 * replaces a good earlier result with a broken one.
 */
package io.github.segshap.salt.workflow;
