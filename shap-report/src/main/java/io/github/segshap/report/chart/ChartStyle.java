package io.github.segshap.report.chart;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.title.TextTitle;

/** The fonts, colours and axis styling every figure shares. Not instantiable. */
public final class ChartStyle {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Colour of outputs outside the mask, e.g. not salt (matplotlib tab:blue). */
    public static final Color OUTSIDE = new Color(31, 119, 180);
    /** Colour of outputs inside the mask, e.g. salt (matplotlib tab:orange). */
    public static final Color INSIDE = new Color(255, 127, 14);
    /** Chart title font. */
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    /** Subtitle and legend font. */
    public static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Tick label font. */
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** Axis label font. */
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Font of a figure's title above its grid of charts. */
    public static final Font FIGURE_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Color[] TAB10 = {OUTSIDE, INSIDE, new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    private ChartStyle() {
    }

    /** Makes sure AWT runs headless (call before drawing; the class initialiser does the work). */
    public static void headless() {
        // the static initialiser has run
    }

    /** Colour i of the categorical palette (matplotlib's tab10, cycled). */
    public static Color palette(int i) {
        return TAB10[Math.floorMod(i, TAB10.length)];
    }

    /** Applies the tick and label fonts to an axis. */
    public static <A extends Axis> A style(A axis) {
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelFont(LABEL_FONT);
        return axis;
    }

    /** A dark-grey subtitle. */
    public static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, SUBTITLE_FONT);
        t.setPaint(Color.darkGray);
        return t;
    }
}
