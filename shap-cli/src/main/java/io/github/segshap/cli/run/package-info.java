/**
 * The resumable explanation run ({@link io.github.segshap.cli.run.ResumableRun}: one explanation
 * folder per streamed batch under {@code <out>/batches/}, merged into {@code <out>/} at the end) and
 * how a command claims its output folder first ({@link io.github.segshap.cli.run.OutputFolders}: the
 * ownership marker and the run lock of shap-command).
 */
package io.github.segshap.cli.run;
