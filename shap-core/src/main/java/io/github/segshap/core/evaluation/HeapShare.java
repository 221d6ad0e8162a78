package io.github.segshap.core.evaluation;

import io.github.segshap.core.image.ImageShape;

/**
 * How much of the Java heap model calls in flight may take, written once: {@link #SHARE} (a quarter) of
 * {@link Runtime#maxMemory()}; the rest holds the images, the background, the coalition values and
 * the results. Within it, {@link #fit} lowers the number of threads calling the model at once (which
 * changes no value) and, only when one batch alone does not fit, the images per call; when a single
 * image's call does not fit it refuses before anything starts, saying how much heap to give.
 */
final class HeapShare {
    /** The share of the heap the model calls in flight may take together. */
    static final double SHARE = 0.25;

    private HeapShare() {
    }

    /**
     * How the calls fit the heap.
     *
     * @param threads     threads calling the model at once, at least 1
     * @param batchImages masked images in one call, at least 1
     */
    record Fit(int threads, int batchImages) {
    }

    /**
     * The threads and images per call that fit {@link #SHARE} of {@code heap}.
     *
     * @param shape       the images' shape, for the message
     * @param batchImages images per call from the memory budget
     * @param perImage    bytes one image takes in a call ({@code Model.bytesPerImage})
     * @param threads     threads asked for
     * @param heap        the heap's maximum size in bytes ({@link Runtime#maxMemory()})
     * @throws NotEnoughMemoryException when one image's call alone takes more than the share
     */
    static Fit fit(ImageShape shape, int batchImages, long perImage, int threads, long heap) {
        long share = (long) (heap * SHARE);
        if (perImage > share) {
            long needed = (long) Math.ceil(perImage / SHARE);
            throw new NotEnoughMemoryException("one model call on an image of shape " + shape + " takes about "
                    + mib(perImage) + " (Model.bytesPerImage), and model calls may take at most a quarter of the Java heap ("
                    + mib(heap) + " here): the work needs a heap of at least " + mib(needed) + "; give java more, e.g. "
                    + xmx(needed), needed, heap);
        }
        int images = (int) Math.min(batchImages, share / perImage);
        long perCall = images * perImage;
        int fitting = (int) Math.max(1, Math.min(threads, share / perCall));
        return new Fit(fitting, images);
    }

    /** {@code 1,234 MiB}. */
    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", (bytes + (1L << 20) - 1) >> 20);
    }

    /** The {@code -Xmx} option for at least {@code bytes} bytes, in MiB rounded up to 64, e.g. {@code -Xmx960m}. */
    static String xmx(long bytes) {
        long mib = (bytes + (1L << 20) - 1) >> 20;
        return "-Xmx" + (mib + 63) / 64 * 64 + "m";
    }
}
