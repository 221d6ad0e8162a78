package io.github.segshap.spark.cli;

import io.github.segshap.cli.command.BackgroundArgument;
import io.github.segshap.cli.command.ExplainRequest;
import io.github.segshap.cli.command.MergeCommand;
import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.core.store.OtherRecipeException;
import io.github.segshap.cli.extension.ExplainEngine;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.core.evaluation.ProgressListener;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.run.RecipeFlags;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.cli.spark.SparkOptions;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.spark.cluster.ClusterException;
import io.github.segshap.spark.cluster.ClusterFailures;
import io.github.segshap.spark.cluster.JobJar;
import io.github.segshap.spark.input.ImageSet;
import io.github.segshap.spark.input.NpyDecoder;
import io.github.segshap.spark.job.JobResult;
import io.github.segshap.spark.job.SparkExplainJob;
import io.github.segshap.spark.job.SparkSessions;
import io.github.segshap.spark.output.ImageFolders;
import io.github.segshap.spark.output.ImageOutcome;
import io.github.segshap.spark.output.StatisticsTable;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code segshap explain --engine spark}: the same explanation as the local engine (the same
 * options, background and recipe, so the same numbers), run as a shap-spark job on
 * {@code --master}, one explanation folder per image in {@code <out>/images/<id>/} ({@link PerImageRun},
 * whose image order is recorded before the job), then merged into the local engine's explanation
 * folder and report in {@code <out>} ({@link MergeCommand#merge}) unless {@code --no-merge}; the
 * per-image statistics go to {@code <out>/statistics.parquet/} ({@link StatisticsTable}). The
 * images: a {@code .npy} stack (ids as the local engine's), a folder of {@code .npy} or PNG files,
 * or a Parquet table ({@code .parquet} file or folder). Takes only the {@link ExplainRequest}.
 * Images that fail are listed, leave the run unmerged and make the exit code
 * {@link ExitCode#BAD_INPUT}; a cluster that cannot run the job (the application stopped, the job
 * aborted, an executor that does not see a file) makes {@link ExitCode#CLUSTER}. Paths are made
 * absolute on the driver (executors have other working folders); the master is {@code --master},
 * else spark-submit's. Found by the command through
 * {@link SparkExtension}; stateless, one instance serves every request.
 */
public final class SparkEngine implements ExplainEngine {
    /** The name {@code --engine} takes. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int explain(ExplainRequest request) {
        ExplainRequest.Spark spark = java.util.Objects.requireNonNull(request.spark(), "the request's Spark settings");
        ExplainRequest r = request;
        PrintStream console = r.context().console();
        String master = master(spark.master());
        SparkSession session = start(master, console);
        try (LoadedModel loaded = r.loadModel()) {
            Layout used = r.layoutFor(loaded);
            ImageSet set = imageSet(session, r.images().toAbsolutePath().normalize(), spark, used);
            List<String> ids = set.ids();
            Image first = set.sample();
            LoadedModel fitted = ModelFiles.fit(loaded, first.shape(), used, r.padAuto(), "--images " + r.images());
            ImageStack bg;
            if (r.backgroundFile() != null) {
                bg = ImageFiles.read(r.backgroundFile(), used, "--background");
                BackgroundArgument.requireShape(r.backgroundFile(), bg.images(), first.shape(), "--images "
                        + r.images());
            } else {
                SparkExplainJob.Background drawn = SparkExplainJob.drawBackground(set, r.backgroundRows(), r.seed());
                bg = new ImageStack("drawn from " + set.source(), drawn.ids(), drawn.images());
            }
            PlayerGroups groups = r.players().apply(first.shape().channels());
            r.requireExactForInteractions(groups.names().size());
            ExplanationOptions options = r.options(groups, bg, fitted, ProgressListener.NONE);
            String bgSource = r.backgroundSource();
            SparkExplainJob.Builder job = SparkExplainJob.builder(set, r.model(),
                    CliModelFactory.of(r.input(), r.output(), r.padAuto(), first.shape()), options)
                    .out(r.out()).batch(r.batch())
                    .recipe(p -> recipe(p, set, used, bgSource));
            if (spark.partitions() > 0) {
                job.partitions(spark.partitions());
            }
            SparkExplainJob built = job.build();
            PerImageRun run = new PerImageRun(r.out());
            recordOrder(run, new PerImageRun.Order(ids, built.recipe(), r.model().getFileName().toString(),
                    r.images().toString()));
            console.printf(Locale.ROOT, "explaining %d images on Spark %s (%s)%n", ids.size(), session.version(),
                    master);
            JobResult result = built.run(session);
            console.printf(Locale.ROOT, "explained %d images (%d already done, %d failed) in %.1f s%n",
                    result.explained(), result.skipped(), result.failures().size(), result.seconds());
            console.println("explanations  " + result.out().resolve(ImageFolders.IMAGES));
            if (!result.failures().isEmpty()) {
                for (ImageOutcome o : result.failures()) {
                    console.println("failed " + o.id() + ": " + o.message());
                }
                throw new CommandException(ExitCode.BAD_INPUT, result.failures().size() + " of " + ids.size()
                        + " images failed (errors in " + result.out().resolve(ImageFolders.FAILED) + "); the others "
                        + "are done" + (spark.merge() ? ", not merged" : ""));
            }
            console.println("statistics    " + statistics(session, r.out(), ids, spark.partitions()));
            if (!spark.merge()) {
                console.println("not merged (--no-merge): merge later with `segshap merge --out " + r.out() + "`");
                return 0;
            }
            return MergeCommand.merge(run, console, r.reportPanels());
        } catch (ClusterException e) {
            throw new CommandException(ExitCode.CLUSTER, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw Faults.STANDARD.classifyOr(e, ExitCode.BAD_INPUT);
        } finally {
            if (SparkSessions.isLocal(master)) {
                session.stop();
            }
        }
    }

    /** Records the run's image order before the job; another recipe's run in {@code --out} is refused. */
    private static void recordOrder(PerImageRun run, PerImageRun.Order order) {
        try {
            run.recordOrder(order);
        } catch (OtherRecipeException e) {
            throw RecipeFlags.refusal(e);
        } catch (java.io.UncheckedIOException e) {
            throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + run.root() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code statistics.parquet/} with a Spark job of its own; a cluster that fails it is
     * told as the explanation job's failures are ({@link ClusterFailures}).
     */
    private static Path statistics(SparkSession session, Path out, List<String> ids, int partitions) {
        try {
            return StatisticsTable.write(session, out, ids, partitions > 0 ? partitions
                    : session.sparkContext().defaultParallelism());
        } catch (RuntimeException e) {
            throw ClusterFailures.translate(e, session.sparkContext());
        }
    }

    /** The master to run on ({@link SparkSessions#master}); two different ones are a usage error. */
    private static String master(String asked) {
        try {
            return SparkSessions.master(asked);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    /** The session on {@code master}; on a cluster, says where the executors load segshap from. */
    private static SparkSession start(String master, PrintStream console) {
        try {
            if (!SparkSessions.isLocal(master)) {
                console.println(JobJar.resolve().note());
            }
            return SparkSessions.forMaster(master);
        } catch (Exception e) {   // Spark throws its checked SparkException undeclared
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new CommandException(ExitCode.CLUSTER, "cannot start a Spark application on " + master + ": "
                    + e.getClass().getSimpleName() + ": " + m + " (check --master, and that the master runs and "
                    + "this machine reaches it)", e);
        }
    }

    private static ImageSet imageSet(SparkSession session, Path images, ExplainRequest.Spark spark,
                                     Layout layout) {
        String name = images.getFileName().toString().toLowerCase(Locale.ROOT);
        NpyDecoder npy = new NpyDecoder(layout == Layout.NHWC);
        if (name.endsWith(".parquet") || (Files.isDirectory(images) && holds(images, ".parquet"))) {
            return ImageSet.parquet(session, images.toString(), spark.idColumn(), spark.pixelsColumn(),
                    SparkOptions.parseShape(spark.imageShape()));
        }
        if (Files.isDirectory(images) && !holds(images, ".png")) {
            return ImageSet.files(images, ".npy", npy);
        }
        if (Files.isDirectory(images)) {
            return ImageSet.files(images, ".png", new PngDecoder());
        }
        return ImageSet.files(images, ".npy", npy);
    }

    private static boolean holds(Path dir, String extension) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension));
        } catch (IOException e) {
            throw new CommandException(ExitCode.NO_INPUT, "--images " + dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static Provenance recipe(Provenance p, ImageSet set, Layout layout, String bgSource) {
        return p.toBuilder().extra("images_source", set.source())
                .extra("images_layout", layout.label())
                .extra("background_source", bgSource).build();
    }
}
