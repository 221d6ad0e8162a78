package io.github.segshap.onnx.quantize;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Precision;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ImageExplainer;
import io.github.segshap.core.evaluation.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The error of a reduced-precision explanation, measured: the held-out images are explained with
 * the same options through the float32 model and through the reduced one, and every contribution of
 * the two is compared ({@link PrecisionRecord#measure}). The held-out images must not be calibration
 * images; {@link #heldOut} picks them.
 */
public final class HeldOutComparison {
    private HeldOutComparison() {
    }

    /**
     * The indices of the first {@code n} of {@code ids} that are not {@code calibration} ids.
     *
     * @throws IllegalArgumentException when none is left
     */
    public static List<Integer> heldOut(List<String> ids, Set<String> calibration, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the precision check needs at least 1 held-out image, got " + n);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ids.size() && out.size() < n; i++) {
            if (!calibration.contains(ids.get(i))) {
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("every one of the " + ids.size() + " images is a calibration image: "
                    + "none is left to measure the " + Precision.INT8.label() + " error on");
        }
        return out;
    }

    /**
     * Explains {@code images} through both models with {@code options} (its progress listener
     * silenced) and returns the error of the reduced one.
     *
     * @param calibration the calibration record ({@link QuantizedModel#calibrationRecord()})
     */
    public static PrecisionRecord measure(Model float32, Model reduced, Precision precision, String calibration,
                                          ExplanationOptions options, List<String> ids, List<Image> images) {
        ExplanationOptions quiet = options.toBuilder().progress(ProgressListener.NONE).build();
        Explanations reference = ImageExplainer.of(float32, quiet).explain(ids, images);
        Explanations other = ImageExplainer.of(reduced, quiet).explain(ids, images);
        return compare(reference, other, precision, calibration);
    }

    /**
     * The error of {@code reduced} against {@code reference}, explanations of the same images with
     * the same options; the record names {@code reference}'s ids.
     */
    public static PrecisionRecord compare(Explanations reference, Explanations reduced, Precision precision,
                                          String calibration) {
        return PrecisionRecord.measure(precision.label(), calibration, contributions(reference),
                contributions(reduced), reference.ids());
    }

    private static double[] contributions(Explanations e) {
        int size = 0;
        for (Explanation x : e.all()) {
            size += x.players() * x.outputShape().size();
        }
        double[] out = new double[size];
        int at = 0;
        for (Explanation x : e.all()) {
            for (int p = 0; p < x.players(); p++) {
                double[] v = x.values(p);
                System.arraycopy(v, 0, out, at, v.length);
                at += v.length;
            }
        }
        return out;
    }
}
