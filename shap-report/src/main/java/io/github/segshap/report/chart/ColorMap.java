package io.github.segshap.report.chart;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import java.util.Arrays;
import org.jfree.chart.renderer.PaintScale;

/**
 * A colour map over a value range, as a JFreeChart {@link PaintScale}: colours are linearly
 * interpolated between stops; values outside the range take the end colours; NaN is light grey.
 * Immutable.
 */
public final class ColorMap implements PaintScale, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Color NAN_COLOR = new Color(220, 220, 220);

    /** Matplotlib's viridis (perceptually uniform, dark blue to yellow), at 11 stops. */
    private static final int[][] VIRIDIS = {
        {68, 1, 84}, {72, 36, 117}, {65, 68, 135}, {53, 95, 141}, {42, 120, 142}, {33, 145, 140},
        {34, 168, 132}, {68, 191, 112}, {122, 209, 81}, {189, 223, 38}, {253, 231, 37}};
    /** ColorBrewer RdBu reversed: dark blue - white - dark red, white exactly in the middle. */
    private static final int[][] BLUE_WHITE_RED = {
        {5, 48, 97}, {33, 102, 172}, {67, 147, 195}, {146, 197, 222}, {209, 229, 240}, {247, 247, 247},
        {253, 219, 199}, {244, 165, 130}, {214, 96, 77}, {178, 24, 43}, {103, 0, 31}};
    private static final int[][] GREY = {{0, 0, 0}, {255, 255, 255}};

    private final double lower;
    private final double upper;
    private final int[][] stops;
    private final String name;

    private ColorMap(String name, double lower, double upper, int[][] stops) {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
            throw new IllegalArgumentException("colour range must be finite with lower < upper, got ["
                    + lower + ", " + upper + "]");
        }
        this.name = name;
        this.lower = lower;
        this.upper = upper;
        this.stops = stops;
    }

    /**
     * @param lower value of the darkest colour
     * @param upper value of the brightest colour
     * @return viridis over [lower, upper]
     */
    public static ColorMap viridis(double lower, double upper) {
        return new ColorMap("viridis", lower, upper, VIRIDIS);
    }

    /**
     * @param lower value of black
     * @param upper value of white
     * @return grey scale over [lower, upper]
     */
    public static ColorMap grey(double lower, double upper) {
        return new ColorMap("grey", lower, upper, GREY);
    }

    /**
     * A diverging map symmetric about 0: white at 0, blue for negative, red for positive.
     *
     * @param limit the range is [-limit, limit]; values &lt;= 0 or non-finite become a tiny range
     * @return the map
     */
    public static ColorMap divergingSymmetric(double limit) {
        double l = Double.isFinite(limit) && limit > 0 ? limit : 1e-12;
        return new ColorMap("blue-white-red", -l, l, BLUE_WHITE_RED);
    }

    /** @return the map's name */
    public String name() {
        return name;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return color(value);
    }

    /**
     * @param value a value
     * @return its colour
     */
    public Color color(double value) {
        if (Double.isNaN(value)) {
            return NAN_COLOR;
        }
        double t = (value - lower) / (upper - lower);
        t = Math.max(0, Math.min(1, t));
        double pos = t * (stops.length - 1);
        int i = Math.min((int) pos, stops.length - 2);
        double f = pos - i;
        int[] a = stops[i];
        int[] b = stops[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColorMap c && c.lower == lower && c.upper == upper && Arrays.deepEquals(c.stops, stops);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper) * 17 + name.hashCode();
    }

    @Override
    public String toString() {
        return "ColorMap[" + name + ", " + lower + ", " + upper + "]";
    }
}
