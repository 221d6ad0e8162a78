package io.github.segshap.core.provenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.segshap.core.Arguments;
import io.github.segshap.core.explainers.BudgetUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an explanation was made, complete enough to make it again: the explainer and its options,
 * the budget and seed, the masker, the background (its size, the fingerprint of its rows and the
 * rows' ids or indices when the caller knows them, the seed that drew it), the players, the model
 * (a description and, when it came from a file, that file's fingerprint), the padding, the library
 * and Java versions and the date. Immutable; saved in every explanation folder's JSON.
 *
 * <p>{@link #sameRecipe(Provenance)} compares everything but the date: two explanations with the
 * same recipe of the same images hold the same numbers (the explainers are deterministic for a
 * seed and do not depend on the thread count).
 *
 * @param explainer             the explainer, e.g. {@code exact}, {@code kernel}
 * @param explainerOptions      the options that change its numbers, by name (sorted); the key
 *                              {@code requested_method} of earlier versions reads as
 *                              {@value #REQUESTED_EXPLAINER}
 * @param budget                in the explainer's {@linkplain #budgetUnit() unit}: coalitions
 *                              (Kernel) or permutation pairs (Permutation); 0 for the
 *                              explainer's default or none (Exact, Partition)
 * @param seed                  the sampling explainers' seed
 * @param masker                the masker, e.g. {@code background}, {@code baseline zeros}
 * @param backgroundSize        rows of the background (0 without one)
 * @param backgroundFingerprint {@link Fingerprint#ofImages} of the background rows ("" without one)
 * @param backgroundIds         the background rows' ids, or their indices among the explained
 *                              images when they were drawn from them; empty when not known
 * @param backgroundSeed        the seed of the background draw (meaningful when it was drawn)
 * @param players               the player names, in order
 * @param playerDefinition      how the players were defined, e.g. {@code channels},
 *                              {@code groups 0;1,2;3}, {@code patches 4x4}
 * @param model                 a description of the model
 * @param modelFingerprint      the fingerprint of the model's file, "" when not from a file
 * @param padding               the padding applied around the model, e.g. {@code none},
 *                              {@code mirror to 104x104} (as the model's
 *                              {@link io.github.segshap.core.model.PaddedModel} records it; the
 *                              salt example's older wording {@code mirror (NumPy reflect) 101x101
 *                              to 104x104, outputs cropped back} is read as {@code mirror to 104x104})
 * @param libraryVersion        segshap's version
 * @param javaVersion           the Java runtime's version
 * @param created               when it was made (ISO-8601, seconds)
 * @param extra                 anything else the caller records (sorted), e.g. data fingerprints
 */
@JsonIgnoreProperties(value = "budget_unit", allowGetters = true)
public record Provenance(String explainer, Map<String, String> explainerOptions, long budget, long seed,
                         String masker, int backgroundSize, String backgroundFingerprint, List<String> backgroundIds,
                         long backgroundSeed, List<String> players, String playerDefinition, String model,
                         String modelFingerprint, String padding, String libraryVersion, String javaVersion,
                         String created, Map<String, String> extra) {

    /** The explainer option naming the explainer asked for ({@code auto} resolves to {@link #explainer}). */
    public static final String REQUESTED_EXPLAINER = "requested_explainer";
    /** The name of {@link #REQUESTED_EXPLAINER} in provenances of earlier versions. */
    private static final String REQUESTED_EXPLAINER_BEFORE = "requested_method";

    /** Copies the collections (maps sorted by key), reads earlier key names, and rejects missing fields. */
    public Provenance {
        Arguments.notNull(explainer, "explainer");
        explainerOptions = sorted(explainerOptions, "explainerOptions");
        if (explainerOptions.containsKey(REQUESTED_EXPLAINER_BEFORE)) {
            Map<String, String> renamed = new TreeMap<>(explainerOptions);
            renamed.putIfAbsent(REQUESTED_EXPLAINER, renamed.remove(REQUESTED_EXPLAINER_BEFORE));
            renamed.remove(REQUESTED_EXPLAINER_BEFORE);
            explainerOptions = java.util.Collections.unmodifiableMap(renamed);
        }
        Arguments.notNull(masker, "masker");
        Arguments.notNull(backgroundFingerprint, "backgroundFingerprint");
        backgroundIds = List.copyOf(Arguments.notNull(backgroundIds, "backgroundIds"));
        players = List.copyOf(Arguments.notNull(players, "players"));
        Arguments.notNull(playerDefinition, "playerDefinition");
        Arguments.notNull(model, "model");
        Arguments.notNull(modelFingerprint, "modelFingerprint");
        padding = LEGACY_PADDING.matcher(Arguments.notNull(padding, "padding")).replaceFirst("$1 to $2");
        Arguments.notNull(libraryVersion, "libraryVersion");
        Arguments.notNull(javaVersion, "javaVersion");
        Arguments.notNull(created, "created");
        extra = sorted(extra, "extra");
        if (backgroundSize < 0) {
            throw new IllegalArgumentException("background size must be >= 0, got " + backgroundSize);
        }
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
    }

    /** The salt example's padding before the model recorded it: "mirror (NumPy reflect) HxW to H'xW', ...". */
    private static final java.util.regex.Pattern LEGACY_PADDING = java.util.regex.Pattern.compile(
            "^(\\w+) \\(NumPy reflect\\) \\d+x\\d+ to (\\d+x\\d+), outputs cropped back$");

    private static Map<String, String> sorted(Map<String, String> map, String what) {
        Arguments.notNull(map, what);
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * What one unit of {@link #budget} is, derived from the explainer ({@code coalitions},
     * {@code permutation_pairs} or {@code none}); written to provenance files as {@code budget_unit}
     * for readers, not read back.
     */
    @JsonProperty("budget_unit")
    public String budgetUnit() {
        return BudgetUnit.of(explainer).label();
    }

    /** A builder; every field but the explainer has a neutral default, versions and date are filled in. */
    public static Builder builder(String explainer) {
        return new Builder(explainer);
    }

    /** A builder that starts from this record. */
    public Builder toBuilder() {
        Builder b = new Builder(explainer);
        b.explainerOptions.putAll(explainerOptions);
        b.budget = budget;
        b.seed = seed;
        b.masker = masker;
        b.backgroundSize = backgroundSize;
        b.backgroundFingerprint = backgroundFingerprint;
        b.backgroundIds = backgroundIds;
        b.backgroundSeed = backgroundSeed;
        b.players = players;
        b.playerDefinition = playerDefinition;
        b.model = model;
        b.modelFingerprint = modelFingerprint;
        b.padding = padding;
        b.libraryVersion = libraryVersion;
        b.javaVersion = javaVersion;
        b.created = created;
        b.extra.putAll(extra);
        return b;
    }

    /** Whether {@code other} records the same recipe: every field equal except {@link #created}. */
    public boolean sameRecipe(Provenance other) {
        return other != null && withCreated("").equals(other.withCreated(""));
    }

    /**
     * One difference between two records: a field, or one key of a map field
     * ({@code explainer_options}, {@code extra}), with its value in each.
     *
     * @param field the provenance field, as {@link #differences} names it ({@code budget}, {@code extra})
     * @param key   the key inside a map field, "" for a plain field
     * @param was   the value in this record ("" when a key is absent)
     * @param now   the value in the other record ("" when a key is absent)
     */
    public record Change(String field, String key, String was, String now) {
        /** {@code field}, or {@code field.key} for a key of a map field. */
        public String name() {
            return key.isEmpty() ? field : field + "." + key;
        }
    }

    /** The fields in which {@code other} differs from this record, {@code created} left out. */
    public List<String> differences(Provenance other) {
        return changes(other).stream().map(Change::field).distinct().toList();
    }

    /**
     * Every difference between this record and {@code other}, {@code created} left out, in field
     * order; the map fields ({@code explainer_options}, {@code extra}) one change per differing key.
     */
    public List<Change> changes(Provenance other) {
        Map<String, Object[]> pairs = new TreeMap<>();
        pairs.put("explainer", new Object[] {explainer, other.explainer});
        pairs.put("explainer_options", new Object[] {explainerOptions, other.explainerOptions});
        pairs.put("budget", new Object[] {budget, other.budget});
        pairs.put("seed", new Object[] {seed, other.seed});
        pairs.put("masker", new Object[] {masker, other.masker});
        pairs.put("background_size", new Object[] {backgroundSize, other.backgroundSize});
        pairs.put("background_fingerprint", new Object[] {backgroundFingerprint, other.backgroundFingerprint});
        pairs.put("background_ids", new Object[] {backgroundIds, other.backgroundIds});
        pairs.put("background_seed", new Object[] {backgroundSeed, other.backgroundSeed});
        pairs.put("players", new Object[] {players, other.players});
        pairs.put("player_definition", new Object[] {playerDefinition, other.playerDefinition});
        pairs.put("model", new Object[] {model, other.model});
        pairs.put("model_fingerprint", new Object[] {modelFingerprint, other.modelFingerprint});
        pairs.put("padding", new Object[] {padding, other.padding});
        pairs.put("library_version", new Object[] {libraryVersion, other.libraryVersion});
        pairs.put("java_version", new Object[] {javaVersion, other.javaVersion});
        pairs.put("extra", new Object[] {extra, other.extra});
        List<Change> changes = new ArrayList<>();
        pairs.forEach((field, pair) -> {
            if (pair[0] instanceof Map<?, ?> mine && pair[1] instanceof Map<?, ?> theirs) {
                Set<Object> keys = new TreeSet<>(mine.keySet());
                keys.addAll(theirs.keySet());
                for (Object key : keys) {
                    String was = String.valueOf(mine.containsKey(key) ? mine.get(key) : "");
                    String now = String.valueOf(theirs.containsKey(key) ? theirs.get(key) : "");
                    if (!was.equals(now)) {
                        changes.add(new Change(field, key.toString(), was, now));
                    }
                }
            } else if (!Objects.equals(pair[0], pair[1])) {
                changes.add(new Change(field, "", String.valueOf(pair[0]), String.valueOf(pair[1])));
            }
        });
        return changes;
    }

    /** This record with another date. */
    public Provenance withCreated(String date) {
        return toBuilder().created(date).build();
    }

    /** This record with one more extra entry (replacing one of that name). */
    public Provenance withExtra(String key, String value) {
        return toBuilder().extra(key, value).build();
    }

    /** This record without the extra entry {@code key} (this record when it has none). */
    public Provenance withoutExtra(String key) {
        if (!extra.containsKey(key)) {
            return this;
        }
        Map<String, String> rest = new TreeMap<>(extra);
        rest.remove(key);
        return new Provenance(explainer, explainerOptions, budget, seed, masker, backgroundSize, backgroundFingerprint,
                backgroundIds, backgroundSeed, players, playerDefinition, model, modelFingerprint, padding,
                libraryVersion, javaVersion, created, rest);
    }

    /** Builder of {@link Provenance}; collections are copied at {@link #build()}. */
    public static final class Builder {
        private final String explainer;
        private final Map<String, String> explainerOptions = new TreeMap<>();
        private long budget;
        private long seed;
        private String masker = "unknown";
        private int backgroundSize;
        private String backgroundFingerprint = "";
        private List<String> backgroundIds = List.of();
        private long backgroundSeed;
        private List<String> players = List.of();
        private String playerDefinition = "unknown";
        private String model = "unknown";
        private String modelFingerprint = "";
        private String padding = "none";
        private String libraryVersion = Versions.library();
        private String javaVersion = Versions.java();
        private String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        private final Map<String, String> extra = new TreeMap<>();

        private Builder(String explainer) {
            this.explainer = Arguments.notNull(explainer, "explainer");
        }

        /** One option of the explainer that changes its numbers. */
        public Builder explainerOption(String name, Object value) {
            explainerOptions.put(name, String.valueOf(value));
            return this;
        }

        /** Coalitions or permutations; 0 for the default or none. */
        public Builder budget(long budget) {
            this.budget = budget;
            return this;
        }

        /** The sampling seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The masker's kind. */
        public Builder masker(String masker) {
            this.masker = masker;
            return this;
        }

        /** The background: its size, fingerprint, ids (or indices) and draw seed. */
        public Builder background(int size, String fingerprint, List<String> ids, long drawSeed) {
            this.backgroundSize = size;
            this.backgroundFingerprint = fingerprint;
            this.backgroundIds = ids;
            this.backgroundSeed = drawSeed;
            return this;
        }

        /** The players: names and how they were defined. */
        public Builder players(List<String> names, String definition) {
            this.players = names;
            this.playerDefinition = definition;
            return this;
        }

        /** The model: a description and its file's fingerprint ("" when none). */
        public Builder model(String description, String fingerprint) {
            this.model = description;
            this.modelFingerprint = fingerprint;
            return this;
        }

        /** The padding around the model. */
        public Builder padding(String padding) {
            this.padding = padding;
            return this;
        }

        /** The library version (default: this build's). */
        public Builder libraryVersion(String version) {
            this.libraryVersion = version;
            return this;
        }

        /** The Java version (default: this runtime's). */
        public Builder javaVersion(String version) {
            this.javaVersion = version;
            return this;
        }

        /** The date (default: now). */
        public Builder created(String created) {
            this.created = created;
            return this;
        }

        /** One extra entry. */
        public Builder extra(String key, String value) {
            extra.put(key, value);
            return this;
        }

        /** The record. */
        public Provenance build() {
            return new Provenance(explainer, explainerOptions, budget, seed, masker, backgroundSize,
                    backgroundFingerprint, backgroundIds, backgroundSeed, players, playerDefinition, model,
                    modelFingerprint, padding, libraryVersion, javaVersion, created, extra);
        }
    }
}
