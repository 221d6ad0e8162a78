package io.github.segshap.salt.explain;

import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.provenance.PrecisionRecord;
import io.github.segshap.core.provenance.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What the explained samples of one run share, and why a sample's saved provenance is not the
 * current one. A sample's {@link Provenance} is the recipe of the run (explainer, background,
 * players, model, padding, versions) plus the fingerprint of its own test image (the extra
 * {@value SampleFiles#IMAGE_FINGERPRINT}); {@link #shared} leaves that one out, so the samples of
 * one run have equal shared recipes and can be combined.
 */
public final class SampleRecipe {
    /** The explainer option the facade records a k-means background summary under. */
    static final String BACKGROUND_SUMMARY = "background_summary";

    private SampleRecipe() {
    }

    private static String rows(String k) {
        return k == null ? "none" : k + " rows";
    }

    /** The provenance without the per-image extra: what every sample of one run has in common. */
    public static Provenance shared(Provenance p) {
        Map<String, String> extra = new TreeMap<>(p.extra());
        extra.remove(SampleFiles.IMAGE_FINGERPRINT);
        return new Provenance(p.explainer(), p.explainerOptions(), p.budget(), p.seed(), p.masker(),
                p.backgroundSize(), p.backgroundFingerprint(), p.backgroundIds(), p.backgroundSeed(), p.players(),
                p.playerDefinition(), p.model(), p.modelFingerprint(), p.padding(), p.libraryVersion(),
                p.javaVersion(), p.created(), extra);
    }

    /**
     * Samples of one recipe combined: one {@link Explanations} over all of them in the order given
     * (inputs and true masks kept), with the {@link #shared} provenance - what the report draws and
     * the summary's statistics come from.
     *
     * @param samples one explanation per sample
     * @param where   names a sample's folder by its id, for the messages
     * @throws IllegalArgumentException when there are none, or two were made with different recipes
     *                                  (naming the folders, why and the fields that differ)
     */
    public static Explanations combine(List<Explanations> samples, UnaryOperator<String> where) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no explained samples to combine");
        }
        Provenance first = samples.get(0).provenance().map(SampleRecipe::shared).orElse(null);
        List<Explanations> parts = new ArrayList<>();
        for (Explanations s : samples) {
            Provenance p = s.provenance().map(SampleRecipe::shared).orElse(null);
            if (first != null && p != null && !first.sameRecipe(p)) {
                throw new IllegalArgumentException(where.apply(s.id(0)) + " was made differently from "
                        + where.apply(samples.get(0).id(0)) + ": " + reason(p, first) + " (fields "
                        + p.differences(first) + ")");
            }
            parts.add(p == null ? s : s.withProvenance(p));
        }
        return Explanations.concat(parts);
    }

    /**
     * Why a sample saved with {@code recorded} is not what {@code current} would make, in words
     * ("the model changed", "the test image changed", ...); empty when the recipes are the same.
     */
    public static String reason(Provenance recorded, Provenance current) {
        if (recorded.sameRecipe(current)) {
            return "";
        }
        Set<String> words = new LinkedHashSet<>();
        List<String> other = new ArrayList<>();
        for (String field : recorded.differences(current)) {
            switch (field) {
                case "model", "model_fingerprint" -> words.add("the model changed");
                case "background_fingerprint", "background_ids", "background_size", "background_seed" ->
                        words.add("the background changed");
                case "explainer_options" -> {
                    String k = recorded.explainerOptions().get(BACKGROUND_SUMMARY);
                    String kNow = current.explainerOptions().get(BACKGROUND_SUMMARY);
                    if (k == null ? kNow != null : !k.equals(kNow)) {
                        words.add("the background summary changed (" + rows(k) + " to " + rows(kNow) + ")");
                    }
                    Map<String, String> rest = new TreeMap<>(recorded.explainerOptions());
                    Map<String, String> restNow = new TreeMap<>(current.explainerOptions());
                    rest.remove(BACKGROUND_SUMMARY);
                    restNow.remove(BACKGROUND_SUMMARY);
                    if (!rest.equals(restNow)) {
                        other.add(field);
                    }
                }
                case "padding" -> words.add("the padding changed");
                case "library_version", "java_version" -> words.add("it was made by another segshap or Java version");
                case "extra" -> {
                    String a = recorded.extra().get(SampleFiles.IMAGE_FINGERPRINT);
                    String b = current.extra().get(SampleFiles.IMAGE_FINGERPRINT);
                    if (a == null ? b != null : !a.equals(b)) {
                        words.add("the test image changed");
                    }
                    String was = recorded.extra().get(SampleFiles.ENGINE);
                    String now = current.extra().get(SampleFiles.ENGINE);
                    if (was == null ? now != null : !was.equals(now)) {
                        words.add("the inference engine changed (" + (was == null ? "not recorded" : was) + " to "
                                + now + ")");
                    }
                    String wasPrecision = recorded.extra().getOrDefault(PrecisionRecord.PRECISION,
                            PrecisionRecord.FLOAT32);
                    String nowPrecision = current.extra().getOrDefault(PrecisionRecord.PRECISION,
                            PrecisionRecord.FLOAT32);
                    Map<String, String> rest = new TreeMap<>(shared(recorded).extra());
                    Map<String, String> restNow = new TreeMap<>(shared(current).extra());
                    if (!wasPrecision.equals(nowPrecision)) {
                        words.add("the precision changed (" + wasPrecision + " to " + nowPrecision + ")");
                    } else if (!precisionEntries(rest).equals(precisionEntries(restNow))) {
                        words.add("the " + nowPrecision + " calibration or its held-out check changed");
                    }
                    rest.keySet().removeIf(k -> k.startsWith(PrecisionRecord.PRECISION));
                    restNow.keySet().removeIf(k -> k.startsWith(PrecisionRecord.PRECISION));
                    rest.remove(SampleFiles.ENGINE);
                    restNow.remove(SampleFiles.ENGINE);
                    if (!rest.equals(restNow)) {
                        other.add("extra");
                    }
                }
                default -> other.add(field);
            }
        }
        if (!other.isEmpty()) {
            words.add("the explainer settings changed (" + String.join(", ", other) + ")");
        }
        return String.join(", ", words);
    }

    /** The {@code precision*} entries of a provenance's extras ({@link PrecisionRecord}). */
    private static Map<String, String> precisionEntries(Map<String, String> extra) {
        Map<String, String> m = new TreeMap<>(extra);
        m.keySet().removeIf(k -> !k.startsWith(PrecisionRecord.PRECISION));
        return m;
    }
}
