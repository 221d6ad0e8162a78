package io.github.segshap.spark.job;

import io.github.segshap.spark.output.ImageOutcome;

import java.nio.file.Path;
import java.util.List;

/**
 * What a Spark job did: one outcome per image of the set (each image exactly once, whatever the
 * retries), the output folder and the time taken.
 *
 * @param outcomes every image's outcome, in the set's order
 * @param out      the output folder
 * @param seconds  wall time of the job on the driver
 */
public record JobResult(List<ImageOutcome> outcomes, Path out, double seconds) {
    /** Copies the outcomes. */
    public JobResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Images explained by this job. */
    public int explained() {
        return count(ImageOutcome.Status.EXPLAINED);
    }

    /** Images found done by an earlier job. */
    public int skipped() {
        return count(ImageOutcome.Status.SKIPPED);
    }

    /** The images that failed, with their errors. */
    public List<ImageOutcome> failures() {
        return outcomes.stream().filter(o -> o.status() == ImageOutcome.Status.FAILED).toList();
    }

    private int count(ImageOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }
}
