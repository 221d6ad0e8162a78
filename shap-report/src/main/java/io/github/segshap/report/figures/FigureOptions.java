package io.github.segshap.report.figures;

import java.util.Objects;

/**
 * The drawing options every figure kind shares. Build with {@link #builder()} (or take
 * {@link #defaults()}); immutable, the builder's values are copied at {@link Builder#build()}.
 *
 * @param cellWidth               width of one heat-map panel in pixels; bigger figures scale from it
 * @param cellHeight              height of one heat-map panel in pixels
 * @param maxScatterPoints        most points drawn per group in scatter plots
 * @param sharedContributionScale whether the contribution maps of one image share one colour range
 * @param maskOutline             whether the outline of the true mask is drawn over the prediction and
 *                                the contribution maps (when there are true masks)
 * @param seed                    seed of the scatter-plot point sampling
 * @param insideLabel             what an output inside the true mask is called, e.g. "salt"
 * @param outsideLabel            what an output outside it is called, e.g. "not salt"
 */
public record FigureOptions(int cellWidth, int cellHeight, int maxScatterPoints, boolean sharedContributionScale,
                            boolean maskOutline, long seed, String insideLabel, String outsideLabel) {
    /** Checks the values. */
    public FigureOptions {
        if (cellWidth < 120 || cellHeight < 120) {
            throw new IllegalArgumentException("cell size must be at least 120 x 120, got " + cellWidth + " x "
                    + cellHeight);
        }
        if (maxScatterPoints <= 0) {
            throw new IllegalArgumentException("maxScatterPoints must be > 0, got " + maxScatterPoints);
        }
        Objects.requireNonNull(insideLabel, "insideLabel");
        Objects.requireNonNull(outsideLabel, "outsideLabel");
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 330 x 300 cells, 20,000 points per group, shared scale, outlines, seed 42. */
    public static FigureOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cellWidth = cellWidth;
        b.cellHeight = cellHeight;
        b.maxScatterPoints = maxScatterPoints;
        b.sharedContributionScale = sharedContributionScale;
        b.maskOutline = maskOutline;
        b.seed = seed;
        b.insideLabel = insideLabel;
        b.outsideLabel = outsideLabel;
        return b;
    }

    /** Builder of {@link FigureOptions}; every option has a default. */
    public static final class Builder {
        private int cellWidth = 330;
        private int cellHeight = 300;
        private int maxScatterPoints = 20_000;
        private boolean sharedContributionScale = true;
        private boolean maskOutline = true;
        private long seed = 42;
        private String insideLabel = "inside the mask";
        private String outsideLabel = "outside the mask";

        private Builder() {
        }

        /** Size of one heat-map panel (default 330 x 300), at least 120 x 120. */
        public Builder cellSize(int width, int height) {
            cellWidth = width;
            cellHeight = height;
            return this;
        }

        /** Most points drawn per group in scatter plots (default 20,000), &gt; 0. */
        public Builder maxScatterPoints(int n) {
            maxScatterPoints = n;
            return this;
        }

        /** Whether the contribution maps of one image share one colour range (default true). */
        public Builder sharedContributionScale(boolean v) {
            sharedContributionScale = v;
            return this;
        }

        /** Whether the outline of the true mask is drawn (default true). */
        public Builder maskOutline(boolean v) {
            maskOutline = v;
            return this;
        }

        /** Seed of the scatter-plot point sampling (default 42). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** What outputs inside and outside the true mask are called (default "inside the mask", "outside the mask"). */
        public Builder maskLabels(String inside, String outside) {
            insideLabel = inside;
            outsideLabel = outside;
            return this;
        }

        /** The options. */
        public FigureOptions build() {
            return new FigureOptions(cellWidth, cellHeight, maxScatterPoints, sharedContributionScale, maskOutline,
                    seed, insideLabel, outsideLabel);
        }
    }
}
