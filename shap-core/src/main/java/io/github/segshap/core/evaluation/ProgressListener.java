package io.github.segshap.core.evaluation;

/** Receives progress of long explanations, in model evaluations (masked images predicted). */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total, what) -> { };

    /**
     * Called after each batch of model calls, from the calling thread.
     *
     * @param done  model evaluations done so far in this step
     * @param total model evaluations this step will make
     * @param what  what is being done, e.g. "image 3 of 9"
     */
    void onProgress(long done, long total, String what);
}
