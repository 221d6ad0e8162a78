package io.github.segshap.core.segmentation;

import io.github.segshap.core.provenance.Provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How options are written into a {@link Provenance} and read back: the explainer option keys, the
 * player definition strings ({@code channels}, {@code groups 0;1,2;3}, {@code patches 4x4},
 * {@code channels patches 4x4}, {@code groups 0;1,2 patches 4x4}, {@code given 12 players}), and
 * the check that a re-created run uses the recorded recipe.
 */
final class Recipe {
    /** The explainer asked for ({@code auto} resolves to the recorded explainer). */
    static final String REQUESTED_EXPLAINER = Provenance.REQUESTED_EXPLAINER;
    /** Whether the explanations carry interaction maps ({@code true}; absent when not). */
    static final String INTERACTIONS = "interactions";
    /** Where the background came from: {@link #DRAWN}, {@link #GIVEN} or {@link #NONE}. */
    static final String BACKGROUND = "background";
    /** Rows of the k-means summary asked for. */
    static final String BACKGROUND_SUMMARY = "background_summary";
    static final String DRAWN = "drawn from the explained images";
    static final String GIVEN = "given";
    static final String NONE = "none";
    static final String GIVEN_PLAYERS = "given ";
    private static final String GROUPS = "groups ";
    private static final String PATCHES = "patches ";
    private static final String CHANNELS = "channels";

    private Recipe() {
    }

    /** The explainer asked for in {@code p}: its requested explainer, else the explainer it used. */
    static String requestedExplainer(Provenance p) {
        return p.explainerOptions().getOrDefault(REQUESTED_EXPLAINER, p.explainer());
    }

    /** The definition string of the options' players (not of explicit players). */
    static String playerDefinition(PlayerOptions o) {
        String patches = o.patchRows() > 0 ? PATCHES + o.patchRows() + "x" + o.patchColumns() : "";
        if (o.groups().isPresent()) {
            StringBuilder s = new StringBuilder(GROUPS);
            int[][] groups = o.groups().get().channels();
            for (int g = 0; g < groups.length; g++) {
                if (g > 0) {
                    s.append(';');
                }
                for (int i = 0; i < groups[g].length; i++) {
                    s.append(i > 0 ? "," : "").append(groups[g][i]);
                }
            }
            return patches.isEmpty() ? s.toString() : s + " " + patches;
        }
        if (o.channelNames().isPresent()) {
            return patches.isEmpty() ? CHANNELS : CHANNELS + " " + patches;
        }
        return patches.isEmpty() ? CHANNELS : patches;
    }

    /**
     * The players of a recorded definition and the recorded names; players that were given
     * explicitly are left for the caller to give again (the default players here).
     *
     * @throws IllegalArgumentException naming a definition this version cannot read
     */
    static PlayerOptions players(String definition, List<String> names) {
        PlayerOptions b = PlayerOptions.DEFAULT;
        if (definition.startsWith(GIVEN_PLAYERS)) {
            return b;
        }
        String rest = definition;
        int rows = 0;
        int columns = 0;
        int p = rest.indexOf(PATCHES);
        try {
            if (p >= 0) {
                String[] grid = rest.substring(p + PATCHES.length()).trim().split("x");
                rows = Integer.parseInt(grid[0]);
                columns = Integer.parseInt(grid[1]);
                rest = rest.substring(0, p).trim();
                b = b.withPatches(rows, columns);
            }
            int regions = rows * columns;
            if (rest.startsWith(GROUPS)) {
                String[] parts = rest.substring(GROUPS.length()).split(";");
                int[][] groups = new int[parts.length][];
                for (int g = 0; g < parts.length; g++) {
                    String[] channels = parts[g].split(",");
                    groups[g] = new int[channels.length];
                    for (int i = 0; i < channels.length; i++) {
                        groups[g][i] = Integer.parseInt(channels[i].trim());
                    }
                }
                b = b.withGroups(groups, regions == 0 ? names : groupNames(names, groups.length, regions));
            } else if (rest.equals(CHANNELS)) {
                if (regions == 0) {
                    b = b.withChannelNames(names);
                } else {
                    b = b.withChannelNames(groupNames(names, names.size() / regions, regions));
                }
            } else if (!rest.isEmpty() || regions == 0) {
                throw new IllegalArgumentException("unknown player definition '" + definition + "'");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot re-create the players from the recorded definition '"
                    + definition + "' and names " + names + ": " + e.getMessage(), e);
        }
        return b;
    }

    /** The group names of product players named {@code "group @ region"}, group-major. */
    private static List<String> groupNames(List<String> names, int groups, int regions) {
        if (groups * regions != names.size()) {
            throw new IllegalArgumentException(names.size() + " player names for " + groups + " groups of "
                    + regions + " patches");
        }
        List<String> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            String n = names.get(g * regions);
            int at = n.lastIndexOf(" @ ");
            out.add(at < 0 ? n : n.substring(0, at));
        }
        return out;
    }

    /**
     * Checks that {@code now}, the recipe about to be used, is the {@code recorded} one (all but the
     * model, the versions, the date and the extras).
     *
     * @throws IllegalArgumentException naming each field that differs, with both values
     */
    static void requireSame(Provenance recorded, Provenance now) {
        Map<String, Function<Provenance, Object>> fields = new LinkedHashMap<>();
        fields.put("explainer", Provenance::explainer);
        fields.put("explainer_options", Provenance::explainerOptions);
        fields.put("budget", Provenance::budget);
        fields.put("seed", Provenance::seed);
        fields.put("masker", Provenance::masker);
        fields.put("background_size", Provenance::backgroundSize);
        fields.put("background_fingerprint", Provenance::backgroundFingerprint);
        fields.put("background_seed", Provenance::backgroundSeed);
        fields.put("players", Provenance::players);
        fields.put("player_definition", Provenance::playerDefinition);
        fields.put("padding", Provenance::padding);
        List<String> diffs = new ArrayList<>();
        fields.forEach((name, get) -> {
            Object a = get.apply(now);
            Object r = get.apply(recorded);
            if (!Objects.equals(a, r)) {
                diffs.add(name + " is '" + a + "', recorded '" + r + "'");
            }
        });
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("these options were re-created from a provenance but would not make "
                    + "the same explanations: " + String.join("; ", diffs) + ". Explain the same images with the same "
                    + "model, and give again the background rows, masker or players that were given explicitly");
        }
    }
}
