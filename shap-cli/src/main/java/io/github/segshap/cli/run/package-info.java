/**
 * The resumable explanation run ({@link io.github.segshap.cli.run.ResumableRun}: one explanation
 * folder per streamed batch under {@code <out>/batches/}, merged into {@code <out>/} at the end by
 * the core's {@code Merger}), the folder of a run that keeps one explanation folder per image
 * ({@link io.github.segshap.cli.run.PerImageRun}: {@code images/<id>/}, {@code failed/}, the image
 * order {@code images.json}, and its merge into the same explanation folder; written by the Spark
 * engine, merged by it or by {@code segshap merge}), and
 * how a command claims its output folder first ({@link io.github.segshap.cli.run.OutputFolders}: the
 * ownership marker and the run lock of shap-command).
 */
package io.github.segshap.cli.run;
