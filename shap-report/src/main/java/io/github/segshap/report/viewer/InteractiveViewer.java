package io.github.segshap.report.viewer;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.interactions.InteractionMaps;
import io.github.segshap.core.io.AtomicFiles;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.io.OpenedExplanationFolder;
import io.github.segshap.report.figures.LabelledExplanations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The interactive viewer of a batch of explanations: one self-contained {@value #HTML} (no server,
 * no network: its script, style and data are inlined) in which a reader chooses one of the first
 * {@link Builder#maxImages(int)} images and a map (the prediction, the base values, each player's
 * contribution, each input channel, the true mask, each pair's interaction map), and hovers or
 * clicks an output pixel, or moves it with the arrow keys, to read its additive breakdown as a
 * waterfall: base value, + each player, = prediction, and the truth; with interaction maps, also
 * the pixel's M x M matrix of SHAP interaction values. Contributions and interactions share one
 * colour scale symmetric about 0, with a legend.
 *
 * <pre>{@code
 * Path html = InteractiveViewer.builder().maxImages(20).build().write(folder, out);   // out/viewer.html
 * }</pre>
 *
 * <p>The numbers on the page are float32 copies of the folder's float64 arrays, printed to 4
 * decimals (the full float32 value is each cell's {@code data-value}). The page's elements have
 * stable ids ({@code wf-base}, {@code wf-player-<p>}, {@code wf-prediction}, {@code wf-truth},
 * {@code ix-<i>-<j>}, {@code pixel}, {@code legend}) so that tests and scripts can read them.
 *
 * <p>Immutable; the builder's values are copied at {@link Builder#build()}.
 */
public final class InteractiveViewer {
    /** The viewer's file name, written beside {@code report.html}. */
    public static final String HTML = "viewer.html";
    /** Default of {@link Builder#maxImages(int)}. */
    public static final int DEFAULT_IMAGES = 12;

    private final int maxImages;
    private final String title;
    private final String insideLabel;
    private final String outsideLabel;

    private InteractiveViewer(Builder b) {
        this.maxImages = b.maxImages;
        this.title = b.title;
        this.insideLabel = b.insideLabel;
        this.outsideLabel = b.outsideLabel;
    }

    /** A builder with the defaults (see each option). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the explanation folder {@code explanationFolder} (checking its checksums), reads the
     * images shown (the first {@link Builder#maxImages(int)}) with their true masks
     * ({@code truth.npy}) and interaction maps ({@code interactions.npy}) when present, and writes
     * {@code out/}{@value #HTML}.
     *
     * @return the page
     * @throws io.github.segshap.core.io.CorruptFolderException naming the file that cannot be read
     * @throws UncheckedIOException naming the page when it cannot be written
     */
    public Path write(Path explanationFolder, Path out) {
        OpenedExplanationFolder folder = ExplanationFolder.open(explanationFolder);
        Explanations ex = folder.read(0, Math.min(maxImages, folder.size()));
        return write(LabelledExplanations.of(ex), interactions(ex), folder.size(), out);
    }

    /**
     * Writes {@code out/}{@value #HTML} for these explanations and their true masks (if any); the
     * interaction matrices are shown when every explanation has its
     * {@link Explanation#interactions()}.
     *
     * @return the page
     * @throws UncheckedIOException naming the page when it cannot be written
     */
    public Path write(LabelledExplanations data, Path out) {
        return write(data, data.size(), out);
    }

    /**
     * {@link #write(LabelledExplanations, Path)} for the first images of a batch of
     * {@code totalImages} (the page says how many there are): {@code data} holds at least the images
     * shown.
     */
    public Path write(LabelledExplanations data, int totalImages, Path out) {
        return write(data, interactions(data.explanations()), totalImages, out);
    }

    private Path write(LabelledExplanations data, List<InteractionMaps> interactions, int total, Path out) {
        Path file = Objects.requireNonNull(out, "out").resolve(HTML);
        try {
            AtomicFiles.write(file, html(data, interactions, total).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the viewer " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The page's text. */
    String html(LabelledExplanations data, List<InteractionMaps> interactions, int total) {
        int shown = Math.min(maxImages, data.size());
        String json = ViewerPayload.json(data, interactions, shown, total, title, insideLabel, outsideLabel);
        return resource("viewer.html")
                .replace("/*STYLE*/", resource("viewer.css"))
                .replace("/*SCRIPT*/", resource("viewer.js"))
                .replace("/*DATA*/", json);
    }

    /** Every explanation's interaction maps, or null when one has none. */
    private static List<InteractionMaps> interactions(Explanations ex) {
        List<InteractionMaps> out = new ArrayList<>(ex.size());
        for (Explanation e : ex.all()) {
            if (e.interactions().isEmpty()) {
                return null;
            }
            out.add(e.interactions().get());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = InteractiveViewer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the viewer resource " + name + " is missing from the shap-report jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the viewer resource " + name, e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "InteractiveViewer[%d images, '%s']", maxImages, title);
    }

    /** Builder of an {@link InteractiveViewer}; every option has a default. */
    public static final class Builder {
        private int maxImages = DEFAULT_IMAGES;
        private String title = "Explanations";
        private String insideLabel = "inside";
        private String outsideLabel = "outside";

        private Builder() {
        }

        /**
         * How many images (the first ones) the page carries (default {@value #DEFAULT_IMAGES}), &gt; 0;
         * this bounds its size (about {@code 4 x (3 + M + C + M^2)} bytes per output pixel and image,
         * base64 adding a third). The page says how many of how many it shows.
         */
        public Builder maxImages(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("the viewer needs at least 1 image, got maxImages " + n);
            }
            this.maxImages = n;
            return this;
        }

        /** The page title (default "Explanations"). */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** What the outputs inside and outside the true mask are called (default "inside", "outside"). */
        public Builder maskLabels(String inside, String outside) {
            this.insideLabel = Objects.requireNonNull(inside, "inside");
            this.outsideLabel = Objects.requireNonNull(outside, "outside");
            return this;
        }

        /** The viewer. */
        public InteractiveViewer build() {
            return new InteractiveViewer(this);
        }
    }
}
