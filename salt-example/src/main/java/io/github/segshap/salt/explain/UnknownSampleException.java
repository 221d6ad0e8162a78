package io.github.segshap.salt.explain;

import java.util.List;

/** Requested sample ids that are not in the test set; the message lists them and some valid ids. */
public final class UnknownSampleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> unknown;

    /**
     * @param unknown the ids not found
     * @param message the full message
     */
    public UnknownSampleException(List<String> unknown, String message) {
        super(message);
        this.unknown = List.copyOf(unknown);
    }

    /** The ids that are not in the test set. */
    public List<String> unknown() {
        return unknown;
    }
}
