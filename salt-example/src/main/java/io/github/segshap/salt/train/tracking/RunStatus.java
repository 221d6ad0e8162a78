package io.github.segshap.salt.train.tracking;

/** MLflow run states, with the integer codes MLflow's file store writes into {@code meta.yaml}. */
public enum RunStatus {
    /** Still running. */
    RUNNING(1),
    /** Scheduled, not started. */
    SCHEDULED(2),
    /** Ended normally. */
    FINISHED(3),
    /** Ended with an error. */
    FAILED(4),
    /** Stopped by the user. */
    KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    /** @return MLflow's integer code */
    public int code() {
        return code;
    }
}
