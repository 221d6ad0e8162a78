package io.github.segshap.salt.report;

import java.util.List;
import java.util.Objects;

/**
 * One explained image, as plain arrays, for the figures: the model inputs per channel, the true and
 * predicted masks, the base values (expected model output) and the per-channel contributions
 * (Shapley values with one player per input channel). All maps are {@code [height][width]}, row 0
 * at the top. The arrays are not copied; do not modify them after construction.
 *
 * <p>Additivity: {@code baseValues + sum of contributions = prediction} for an exact explanation;
 * {@link #maxAdditivityResidual()} measures how far from that a given sample is.
 *
 * @param id sample id shown in titles
 * @param channelNames names of the input channels, e.g. Seismic, Amplitude, Semblance, Sobel
 * @param inputs {@code [channel][h][w]} model inputs
 * @param truth true mask (0/1)
 * @param prediction predicted probability
 * @param baseValues expected value per output pixel
 * @param contributions {@code [channel][h][w]} contribution of each channel to each output pixel
 */
public record ExplainedSample(String id, List<String> channelNames, double[][][] inputs, double[][] truth,
                              double[][] prediction, double[][] baseValues, double[][][] contributions) {

    /**
     * Checks that all shapes agree.
     *
     * @throws IllegalArgumentException naming the first array whose shape is wrong
     */
    public ExplainedSample {
        Objects.requireNonNull(id, "id");
        channelNames = List.copyOf(channelNames);
        int c = channelNames.size();
        if (c == 0) {
            throw new IllegalArgumentException("sample " + id + " has no channels");
        }
        int h = prediction.length;
        if (h == 0 || prediction[0].length == 0) {
            throw new IllegalArgumentException("sample " + id + " has an empty prediction");
        }
        int w = prediction[0].length;
        checkMap(id, "truth", truth, h, w);
        checkMap(id, "prediction", prediction, h, w);
        checkMap(id, "baseValues", baseValues, h, w);
        if (inputs.length != c || contributions.length != c) {
            throw new IllegalArgumentException("sample " + id + " has " + c + " channel names but "
                    + inputs.length + " input maps and " + contributions.length + " contribution maps");
        }
        for (int k = 0; k < c; k++) {
            checkMap(id, "inputs[" + k + "]", inputs[k], h, w);
            checkMap(id, "contributions[" + k + "]", contributions[k], h, w);
        }
    }

    static void checkMap(String id, String what, double[][] m, int h, int w) {
        if (m == null || m.length != h) {
            throw new IllegalArgumentException("sample " + id + ": " + what + " has "
                    + (m == null ? "no" : m.length) + " rows, expected " + h);
        }
        for (double[] row : m) {
            if (row.length != w) {
                throw new IllegalArgumentException("sample " + id + ": " + what + " has a row of " + row.length
                        + " values, expected " + w);
            }
        }
    }

    /** @return number of channels */
    public int channels() {
        return channelNames.size();
    }

    /** @return map height */
    public int height() {
        return prediction.length;
    }

    /** @return map width */
    public int width() {
        return prediction[0].length;
    }

    /**
     * @return {@code max |base + sum_k contribution_k - prediction|} over pixels
     */
    public double maxAdditivityResidual() {
        double max = 0;
        for (int i = 0; i < height(); i++) {
            for (int j = 0; j < width(); j++) {
                double s = baseValues[i][j];
                for (double[][] cm : contributions) {
                    s += cm[i][j];
                }
                max = Math.max(max, Math.abs(s - prediction[i][j]));
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return "ExplainedSample[" + id + ", " + channels() + " channels " + channelNames + ", " + height() + "x"
                + width() + "]";
    }
}
