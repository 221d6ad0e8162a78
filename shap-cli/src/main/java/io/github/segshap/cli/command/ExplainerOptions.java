package io.github.segshap.cli.command;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.evaluation.EvaluationOptions;
import io.github.segshap.core.segmentation.ExplainerChoice;
import io.github.segshap.core.segmentation.ExplainerKind;
import picocli.CommandLine.Option;

/**
 * The options of the explanation itself that {@code explain} and {@code explain-section} share (a
 * picocli mixin): the players and their names, the explainer, its budget, the seed, the threads.
 */
public final class ExplainerOptions {
    @Option(names = "--players", paramLabel = "channels|GROUPS",
            description = "The players: one per channel (default), or channel groups such as 0;1,2;3 (every channel "
                    + "in exactly one group).")
    String players;

    @Option(names = "--names", paramLabel = "NAME,...",
            description = "The players' names, comma-separated (default: channel i, channels i+j).")
    String names;

    @Option(names = "--explainer", paramLabel = "exact|kernel|partition|permutation|auto",
            description = "Shapley explainer (default: ${DEFAULT-VALUE}: exact up to " + ExplanationOptions.EXACT_MAX_PLAYERS
                    + " players, kernel above).")
    ExplainerKind explainer = ExplainerKind.AUTO;

    @Option(names = "--budget", paramLabel = "N",
            description = "The explainer's budget per image, in its unit: coalitions (kernel, and auto above "
                    + ExplanationOptions.EXACT_MAX_PLAYERS + " players) or permutation pairs (permutation); exact and "
                    + "partition take none. Default: the explainer's. Recorded with its unit (budget_unit) in the "
                    + "provenance.")
    long budget;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the background draw, the k-means summary and the sampling estimators "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed = ExplainerChoice.DEFAULT_SEED;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads calling the model (default: one per processor). Results do not depend on it.")
    Integer threads;

    /** The seed of the background draw and the estimators. */
    public long seed() {
        return seed;
    }

    /**
     * Checks the numbers: a budget below 0 or fewer than 1 thread is a {@link ExitCode#USAGE} error.
     */
    public void validate() {
        if (budget < 0 || (threads != null && threads < 1)) {
            throw new CommandException(ExitCode.USAGE, "--budget must be >= 0 and --threads >= 1, got --budget " + budget
                    + " --threads " + threads);
        }
    }

    /** The players of {@code --players} and {@code --names} for images of {@code channels} channels. */
    public PlayerGroups groups(int channels) {
        return PlayerGroups.parse(players, names, channels);
    }

    /** The facade's options of these choices: explainer, seeds, threads, budget and players. */
    public ExplanationOptions.Builder builder(PlayerGroups groups) {
        ExplanationOptions.Builder b = ExplanationOptions.builder().explainer(explainer).seed(seed).backgroundSeed(seed)
                .threads(threads != null ? threads : EvaluationOptions.defaults().threads());
        if (budget > 0) {
            b.budget(budget);
        }
        if (!groups.perChannel()) {
            b.channelGroups(groups.groups(), groups.names());
        } else if (names != null) {
            b.channelNames(groups.names());
        }
        return b;
    }
}
