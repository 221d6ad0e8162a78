package io.github.segshap.cli.command;

import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.ProgressMode;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.core.explainers.ExactExplainer;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.core.segmentation.ExplainerKind;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One {@code segshap explain} as an immutable value, checked and built once by
 * {@link ExplainCommand} from its options, and taken by every engine: the local one and the
 * {@link io.github.segshap.cli.extension.ExplainEngine}s of other jars (Spark). {@code players} and
 * {@code explainerOptions} are the explainer options'
 * functions of the parsed command line (they need the images' channel count, known only once the
 * images are read); everything else is a plain value.
 *
 * @param context           the program's console and model hook
 * @param model             the model file
 * @param input             the ONNX input name, or null for the first
 * @param output            the ONNX output name, or null for the first
 * @param padAuto           whether a size the model cannot take is padded to one it suggests
 * @param images            the images: a .npy file, a folder of PNG or .npy files, or a Parquet table (Spark)
 * @param layout            the layout of .npy images and background, or null for the model's
 * @param backgroundFile    the background file, or null to draw {@code backgroundRows} from the images
 * @param backgroundRows    rows drawn from the images (without a background file)
 * @param backgroundSummary K of a k-means summary of the background, 0 for none
 * @param explainer         the explainer asked for (auto resolves by player count)
 * @param seed              seed of the background draw and the estimators
 * @param players           the players for images of a channel count ({@code --players}, {@code --names})
 * @param explainerOptions  the facade's options of the explainer choices for these players
 * @param interactions      whether interaction values are written too
 * @param batch             images per streamed batch
 * @param out               the output folder
 * @param progress          how progress is shown
 * @param spark             the Spark engine's settings, or null for the local engine
 * @param reportPanels      most per-image panels in the report ({@code --report-panels}), at least 0
 */
public record ExplainRequest(SegshapContext context, Path model, String input, String output, boolean padAuto,
                             Path images, Layout layout, Path backgroundFile, int backgroundRows,
                             int backgroundSummary, ExplainerKind explainer, long seed, IntFunction<PlayerGroups> players,
                             Function<PlayerGroups, ExplanationOptions.Builder> explainerOptions, boolean interactions,
                             int batch, Path out, ProgressMode progress, Spark spark, int reportPanels) {

    /**
     * The settings of {@code --engine spark}.
     *
     * @param master       the Spark master URL, or null for spark-submit's (else {@code local[*]})
     * @param partitions   tasks to spread the images over, 0 for Spark's parallelism
     * @param idColumn     the id column of a Parquet table
     * @param pixelsColumn the pixel column of a Parquet table
     * @param imageShape   {@code C,H,W} of a Parquet table's images, or null
     * @param merge        whether the run ends by merging the per-image folders into {@code out}
     *                     ({@code --[no-]merge})
     */
    public record Spark(String master, int partitions, String idColumn, String pixelsColumn, String imageShape,
                        boolean merge) {
    }

    /** Checks the parts that must be there. */
    public ExplainRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(players, "players");
        Objects.requireNonNull(explainerOptions, "explainerOptions");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress");
    }

    /** Loads the model ({@link ModelFiles#load}); the caller closes it. */
    public LoadedModel loadModel() {
        return ModelFiles.load(model, input, output);
    }

    /** The layout images are read in: the one asked for, or the model's. */
    public Layout layoutFor(LoadedModel loaded) {
        return layout != null ? layout : loaded.inputLayout();
    }

    /** The provenance's {@code background_source}. */
    public String backgroundSource() {
        return backgroundFile != null ? "file " + backgroundFile.getFileName() : "drawn from the images";
    }

    /** {@code --interactions} with an explainer that is not (or does not resolve to) the exact one: a usage error. */
    public void requireExactForInteractions(int playerCount) {
        ExplainerKind used = explainer.resolve(playerCount);
        if (interactions && used != ExplainerKind.EXACT) {
            throw new CommandException(ExitCode.USAGE, "--interactions needs the exact explainer (the values of all "
                    + "2^M coalitions), but --explainer " + explainer.label() + " is " + used.label() + " for "
                    + playerCount + " players" + (explainer == ExplainerKind.AUTO ? " (auto is exact only up to "
                    + ExplanationOptions.EXACT_MAX_PLAYERS + " players; --explainer exact takes up to "
                    + ExactExplainer.HARD_LIMIT + ")" : "") + "; drop --interactions or use --explainer exact");
        }
    }

    /** The facade's options of this request (the background always given, see {@code ResumableRun}). */
    public ExplanationOptions options(PlayerGroups groups, ImageStack bg, LoadedModel fitted,
                                      ProgressListener listener) {
        ExplanationOptions.Builder b = explainerOptions.apply(groups).background(bg.ids(), bg.images())
                .model(fitted.description(), fitted.fingerprint()).progress(listener).interactions(interactions);
        if (backgroundSummary > 0) {
            b.backgroundSummary(backgroundSummary);
        }
        return b.build();
    }
}
