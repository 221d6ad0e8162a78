package io.github.segshap.salt.train.tracking;

/** A run record could not be read or written; the message names the file. */
public class TrackingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the path
     * @param cause the I/O error, or null
     */
    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
