package io.github.segshap.core.provenance;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the provenance says of reduced-precision passes: the precision the model ran in, how it was
 * calibrated, and the explanation's measured error against the float32 explanation on held-out
 * images (never calibration images). Kept in the provenance's {@link Provenance#extra() extra}
 * entries under the {@code precision*} keys, so every reader of the provenance (JSON, recipe check)
 * carries it; a provenance without the keys is float32. Immutable.
 *
 * <p>The error is over every pixel of every contribution map of the held-out images:
 * {@code relative RMS = RMS(int8 - float32) / RMS(float32)} and the largest absolute difference.
 * The int8 explanation is exact for the int8 model: base value plus contributions equal the int8
 * model's own prediction.
 *
 * @param precision    {@code int8} (or {@code float32})
 * @param calibration  how the reduced-precision model was calibrated, e.g.
 *                     {@code minmax over 16 images (sha256:...)}
 * @param relativeRms  RMS(int8 - float32) / RMS(float32) of the contribution maps
 * @param maxAbs       the largest absolute difference of a contribution
 * @param heldOutIds   the ids of the held-out images the error was measured on
 */
public record PrecisionRecord(String precision, String calibration, double relativeRms, double maxAbs,
                              List<String> heldOutIds) {
    /** The key of the precision ({@code int8}). */
    public static final String PRECISION = "precision";
    /** The key of the calibration. */
    public static final String CALIBRATION = "precision_calibration";
    /** The key of the relative RMS error of the contribution maps. */
    public static final String RELATIVE_RMS = "precision_error_relative_rms";
    /** The key of the largest absolute error of a contribution. */
    public static final String MAX_ABS = "precision_error_max_abs";
    /** The key of the number of held-out images. */
    public static final String IMAGES = "precision_error_images";
    /** The key of the held-out images' ids, comma-separated. */
    public static final String HELD_OUT_IDS = "precision_error_ids";
    /** The label of full precision, the default (no keys are written for it). */
    public static final String FLOAT32 = "float32";

    /**
     * The relative RMS error above which a front end warns (the aim of issue 23: 1% of the maps'
     * RMS); above it the float32 explanation is the one to report.
     */
    public static final double ADVISED_MAX_RELATIVE_RMS = 0.01;

    /** Checks the fields. */
    public PrecisionRecord {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(calibration, "calibration");
        heldOutIds = List.copyOf(heldOutIds);
        if (heldOutIds.isEmpty()) {
            throw new IllegalArgumentException("a reduced-precision error needs at least one held-out image");
        }
        if (!(relativeRms >= 0) || !(maxAbs >= 0)) {
            throw new IllegalArgumentException("precision errors must be >= 0, got relative RMS " + relativeRms
                    + " and max abs " + maxAbs);
        }
    }

    /**
     * The error of {@code reduced} against {@code reference}, two arrays of the same contributions.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static PrecisionRecord measure(String precision, String calibration, double[] reference,
                                          double[] reduced, List<String> heldOutIds) {
        if (reference.length != reduced.length) {
            throw new IllegalArgumentException("the float32 and " + precision + " contributions differ in length: "
                    + reference.length + " and " + reduced.length);
        }
        double diff = 0;
        double ref = 0;
        double max = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = reduced[i] - reference[i];
            diff += d * d;
            ref += reference[i] * reference[i];
            max = Math.max(max, Math.abs(d));
        }
        double rel = ref > 0 ? Math.sqrt(diff / ref) : diff > 0 ? Double.POSITIVE_INFINITY : 0;
        return new PrecisionRecord(precision, calibration, rel, max, heldOutIds);
    }

    /** The provenance entries of this record. */
    public Map<String, String> extras() {
        return Map.of(PRECISION, precision, CALIBRATION, calibration,
                RELATIVE_RMS, number(relativeRms), MAX_ABS, number(maxAbs),
                IMAGES, Integer.toString(heldOutIds.size()), HELD_OUT_IDS, String.join(",", heldOutIds));
    }

    /** {@code p} with this record's entries. */
    public Provenance addTo(Provenance p) {
        Provenance.Builder b = p.toBuilder();
        extras().forEach(b::extra);
        return b.build();
    }

    /** The record in {@code p}, or empty when it ran in float32 (no {@value #PRECISION} key). */
    public static Optional<PrecisionRecord> of(Provenance p) {
        Map<String, String> e = p.extra();
        String precision = e.get(PRECISION);
        if (precision == null || precision.equals(FLOAT32)) {
            return Optional.empty();
        }
        for (String key : List.of(CALIBRATION, RELATIVE_RMS, MAX_ABS, HELD_OUT_IDS)) {
            if (!e.containsKey(key)) {
                throw new IllegalArgumentException("the provenance records precision " + precision + " but not '"
                        + key + "'");
            }
        }
        return Optional.of(new PrecisionRecord(precision, e.get(CALIBRATION), Double.parseDouble(e.get(RELATIVE_RMS)),
                Double.parseDouble(e.get(MAX_ABS)), Arrays.asList(e.get(HELD_OUT_IDS).split(","))));
    }

    /**
     * One line for a reader, e.g. {@code int8 passes: contributions within 0.42% RMS of float32 (max
     * 0.0031) on 4 held-out images; the predictions explained are the int8 model's}.
     */
    public String summary() {
        return String.format(Locale.ROOT, "%s passes: contributions within %.2f%% RMS of float32 (max abs %.3g) on "
                        + "%d held-out image%s; the predictions explained are the %s model's", precision,
                100 * relativeRms, maxAbs, heldOutIds.size(), heldOutIds.size() == 1 ? "" : "s", precision);
    }

    /** Whether the error is above {@link #ADVISED_MAX_RELATIVE_RMS}. */
    public boolean aboveAdvice() {
        return relativeRms > ADVISED_MAX_RELATIVE_RMS;
    }

    /** The warning a front end prints when {@link #aboveAdvice()}, naming the error and the remedy. */
    public String warning() {
        return String.format(Locale.ROOT, "warning: the %s contributions differ from float32 by %.2f%% RMS on the "
                + "held-out images, above the advised %.0f%%; explain in float32 for numbers to report", precision,
                100 * relativeRms, 100 * ADVISED_MAX_RELATIVE_RMS);
    }

    private static String number(double v) {
        return Double.toString(v);
    }
}
