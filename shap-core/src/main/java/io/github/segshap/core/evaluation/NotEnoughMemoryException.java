package io.github.segshap.core.evaluation;

/**
 * The Java heap is too small for even one model call of the work asked for; raised before anything
 * is evaluated, naming what one call takes, the heap there is and the heap to give ({@code -Xmx}).
 */
public final class NotEnoughMemoryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long needed;
    private final long heap;

    /**
     * @param message what takes the memory and how to give more
     * @param needed  bytes of heap the work needs at least
     * @param heap    bytes of heap the JVM has at most ({@link Runtime#maxMemory()})
     */
    public NotEnoughMemoryException(String message, long needed, long heap) {
        super(message);
        this.needed = needed;
        this.heap = heap;
    }

    /** Bytes of heap the work needs at least. */
    public long needed() {
        return needed;
    }

    /** Bytes of heap the JVM has at most. */
    public long heap() {
        return heap;
    }
}
