package io.github.segshap.cli.run;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.store.OtherRecipeException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rerun refused because its output folder holds another recipe, told in {@code segshap}'s flags:
 * each provenance difference ({@link Provenance.Change}) becomes the flag that sets it with the
 * recorded and the new value ({@code --interactions was off, now on}), a changed file the flag that
 * names it ({@code the images differ (--images)}). Fields no flag sets keep their provenance name.
 */
public final class RecipeFlags {
    /** The flag that sets each provenance field or map key ({@link Provenance.Change#name()}). */
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();
    /** Changes told without their values (fingerprints, id lists): what differs, in words. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FLAGS.put("explainer", "--explainer");
        FLAGS.put("explainer_options.requested_explainer", "--explainer");
        FLAGS.put("explainer_options.paired", "--explainer");
        FLAGS.put("explainer_options.hierarchy", "--explainer");
        FLAGS.put("explainer_options.interactions", "--interactions");
        FLAGS.put("explainer_options.background", "--background");
        FLAGS.put("explainer_options.background_summary", "--background-summary");
        FLAGS.put("budget", "--budget");
        FLAGS.put("seed", "--seed");
        FLAGS.put("background_seed", "--seed");
        FLAGS.put("masker", "--background");
        FLAGS.put("background_size", "--background");
        FLAGS.put("players", "--names");
        FLAGS.put("player_definition", "--players");
        FLAGS.put("model", "--model");
        FLAGS.put("padding", "--pad");
        FLAGS.put("extra.images_layout", "--layout");
        FLAGS.put("extra.background_source", "--background");
        FILES.put("extra.images_fingerprint", "the images differ (--images)");
        FILES.put("model_fingerprint", "the model file differs (--model)");
        FILES.put("background_fingerprint", "the background rows differ (--background)");
        FILES.put("background_ids", "the background rows differ (--background)");
        FILES.put("library_version", "it was made by another segshap version");
        FILES.put("java_version", "it was made by another Java version");
    }

    private RecipeFlags() {
    }

    /**
     * The differences in flags, one phrase each, duplicates left out:
     * {@code "--interactions was off, now on"}, {@code "the images differ (--images)"}.
     */
    public static List<String> describe(List<Provenance.Change> changes) {
        return changes.stream().map(RecipeFlags::phrase).distinct().toList();
    }

    private static String phrase(Provenance.Change c) {
        String words = FILES.get(c.name());
        if (words != null) {
            return words;
        }
        String flag = FLAGS.getOrDefault(c.name(), c.name());
        return flag + " was " + value(c.was()) + ", now " + value(c.now());
    }

    /** A recorded value as a user reads it: an absent key or {@code false} is {@code off}. */
    private static String value(String v) {
        return switch (v) {
            case "", "false" -> "off";
            case "true" -> "on";
            default -> v;
        };
    }

    /**
     * The refusal of {@code e} for the command line: the folder, the flags that differ with both
     * values when known (else the provenance fields), what to do.
     */
    public static CommandException refusal(OtherRecipeException e) {
        if (e.changes().isEmpty()) {
            return new CommandException(ExitCode.OTHER_RECIPE, e.getMessage().replace("use another output folder",
                    "use another --out"), e);
        }
        return new CommandException(ExitCode.OTHER_RECIPE, e.folder() + " holds explanations made with another "
                + "recipe: " + String.join("; ", describe(e.changes())) + ". Nothing was changed: a run neither "
                + "mixes nor replaces them; give the same options to resume, use another --out, or add --force to "
                + "replace segshap's own results there", e);
    }
}
