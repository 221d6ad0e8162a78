/**
 * The resumable explanation run ({@link io.github.segshap.cli.run.ResumableRun}: one explanation
 * folder per streamed batch under {@code <out>/batches/}, merged into {@code <out>/} at the end).
 */
package io.github.segshap.cli.run;
