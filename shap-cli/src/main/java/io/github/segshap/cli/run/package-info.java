/**
 * The resumable explanation run ({@link io.github.segshap.cli.run.ResumableRun}: one explanation
 * folder per streamed batch under {@code <out>/batches/}, merged into {@code <out>/} at the end) and
 * the console progress ({@link io.github.segshap.cli.run.ConsoleProgress}).
 */
package io.github.segshap.cli.run;
