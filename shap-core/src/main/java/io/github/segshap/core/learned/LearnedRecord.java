package io.github.segshap.core.learned;

import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.provenance.Versions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a learned explainer was fitted, saved as its folder's {@code learned.json}: the provenance of
 * the exact explanations it was fitted on (model and its fingerprint, background fingerprint and ids,
 * players, masker, padding), the fitted and held-out image ids, the training options and seed, the
 * library and Java versions of the fit, and the error on the held-out images. Immutable.
 *
 * @param exact          the provenance of the exact explanations (the training targets)
 * @param fittedIds      the ids of the images the network was trained on
 * @param heldOutIds     the ids of the images held out to measure {@link #heldOutError}
 * @param training       the training options that change the network, by name (sorted)
 * @param seed           the training seed (initial weights, order of the images, held-out draw)
 * @param libraryVersion segshap's version at the fit
 * @param javaVersion    the Java version at the fit
 * @param created        when it was fitted (ISO-8601, seconds)
 * @param heldOutError   the error of the learned against the exact explanations of the held-out images
 */
public record LearnedRecord(Provenance exact, List<String> fittedIds, List<String> heldOutIds,
                            Map<String, String> training, long seed, String libraryVersion, String javaVersion,
                            String created, LearnedError heldOutError) {

    /** Copies the collections and rejects missing fields, a model without a fingerprint and no held-out image. */
    public LearnedRecord {
        Objects.requireNonNull(exact, "exact");
        fittedIds = List.copyOf(fittedIds);
        heldOutIds = List.copyOf(heldOutIds);
        training = java.util.Collections.unmodifiableMap(new TreeMap<>(training));
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(heldOutError, "heldOutError");
        if (exact.modelFingerprint().isEmpty()) {
            throw new IllegalArgumentException("a learned explainer is fitted for one model, known by its "
                    + "fingerprint, but the exact explanations record none (" + exact.model() + "): give the model's "
                    + "fingerprint in the explanation options");
        }
        if (fittedIds.isEmpty() || heldOutIds.isEmpty()) {
            throw new IllegalArgumentException("a learned explainer needs fitted and held-out images, got "
                    + fittedIds.size() + " fitted and " + heldOutIds.size() + " held out");
        }
    }

    /** A record of a fit made now, with this build's versions. */
    public static LearnedRecord now(Provenance exact, List<String> fittedIds, List<String> heldOutIds,
                                    Map<String, String> training, long seed, LearnedError heldOutError) {
        return new LearnedRecord(exact, fittedIds, heldOutIds, training, seed, Versions.library(), Versions.java(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), heldOutError);
    }

    /** The fingerprint of the explained model's file. */
    public String modelFingerprint() {
        return exact.modelFingerprint();
    }

    /** The fingerprint of the background rows the base values and the exact explanations came from. */
    public String backgroundFingerprint() {
        return exact.backgroundFingerprint();
    }

    /**
     * Checks that a model and a background are the ones this explainer was fitted for.
     *
     * @param modelFingerprint      the fingerprint of the model to explain
     * @param backgroundFingerprint the fingerprint of its background rows
     * @throws LearnedMismatchException naming what differs, with both fingerprints
     */
    public void requireFor(String modelFingerprint, String backgroundFingerprint) {
        requireFor(exact, modelFingerprint, backgroundFingerprint);
    }

    /** {@link #requireFor(String, String)} against the fingerprints {@code exact} records. */
    static void requireFor(Provenance exact, String modelFingerprint, String backgroundFingerprint) {
        List<String> problems = new ArrayList<>();
        if (!exact.modelFingerprint().equals(modelFingerprint)) {
            problems.add("the model differs (fitted for " + exact.modelFingerprint() + ", given " + modelFingerprint
                    + ")");
        }
        if (!exact.backgroundFingerprint().equals(backgroundFingerprint)) {
            problems.add("the background differs (fitted with " + exact.backgroundFingerprint() + ", given "
                    + backgroundFingerprint + ")");
        }
        if (!problems.isEmpty()) {
            throw new LearnedMismatchException(problems);
        }
    }
}
