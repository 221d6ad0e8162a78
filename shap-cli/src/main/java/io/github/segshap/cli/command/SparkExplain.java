package io.github.segshap.cli.command;

import io.github.segshap.cli.CliException;
import io.github.segshap.cli.Failure;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageLayout;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.input.PlayerGroups;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.cli.run.ConsoleProgress;
import io.github.segshap.cli.spark.CliModelFactory;
import io.github.segshap.cli.spark.PngDecoder;
import io.github.segshap.cli.spark.SparkOptions;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.segmentation.ExplanationOptions;
import io.github.segshap.spark.input.ImageSet;
import io.github.segshap.spark.input.NpyDecoder;
import io.github.segshap.spark.job.JobResult;
import io.github.segshap.spark.job.SparkExplainJob;
import io.github.segshap.spark.job.SparkSessions;
import io.github.segshap.spark.output.ImageFolders;
import io.github.segshap.spark.output.ImageOutcome;
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
 * {@code --master}, one explanation folder per image in {@code <out>/images/<id>/}. The images: a
 * {@code .npy} stack (ids as the local engine's), a folder of {@code .npy} or PNG files, or a
 * Parquet table ({@code .parquet} file or folder). No report is drawn (draw one per image with
 * {@code segshap report}). Images that fail are listed and make the exit code
 * {@link Failure#BAD_INPUT}.
 */
final class SparkExplain {
    private final ExplainCommand command;
    private final SparkOptions spark;

    SparkExplain(ExplainCommand command, SparkOptions spark) {
        this.command = command;
        this.spark = spark;
    }

    int call(boolean padAuto, Path bgFile) {
        PrintStream console = command.parent.console();
        Path modelFile = command.model.file();
        SparkSession session = SparkSessions.forMaster(spark.master);
        try (LoadedModel loaded = command.model.load()) {
            ImageLayout used = command.layout != null ? command.layout : loaded.inputLayout();
            ImageSet set = imageSet(session, used);
            List<String> ids = set.ids();
            Image first = set.sample();
            LoadedModel fitted = ModelFiles.fit(loaded, first.shape(), padAuto, "--images " + command.images);
            ImageStack bg;
            if (bgFile != null) {
                bg = ImageFiles.read(bgFile, used, "--background");
                if (!bg.shape().equals(first.shape())) {
                    throw new CliException(Failure.BAD_INPUT, "--background " + bgFile + " holds images of shape "
                            + bg.shape() + " but the images (--images " + command.images + ") have shape "
                            + first.shape());
                }
            } else {
                SparkExplainJob.Background drawn = SparkExplainJob.drawBackground(set,
                        Integer.parseInt(command.background), command.explanation.seed());
                bg = new ImageStack("drawn from " + set.source(), drawn.ids(), drawn.images());
            }
            PlayerGroups groups = command.explanation.groups(first.shape().channels());
            command.requireExactForInteractions(groups.names().size());
            ConsoleProgress quiet = new ConsoleProgress(console, false);
            ExplanationOptions options = command.options(groups, bg, fitted, quiet);
            String bgSource = bgFile != null ? "file " + bgFile.getFileName() : "drawn from the images";
            SparkExplainJob.Builder job = SparkExplainJob.builder(set, modelFile,
                    CliModelFactory.of(command.model.input, command.model.output, padAuto, first.shape()), options)
                    .out(command.out).batch(command.batch)
                    .recipe(p -> recipe(p, fitted, set, used, bgSource));
            if (spark.partitions > 0) {
                job.partitions(spark.partitions);
            }
            console.printf(Locale.ROOT, "explaining %d images on Spark %s (%s)%n", ids.size(), session.version(),
                    spark.master);
            JobResult r = job.build().run(session);
            console.printf(Locale.ROOT, "explained %d images (%d already done, %d failed) in %.1f s%n", r.explained(),
                    r.skipped(), r.failures().size(), r.seconds());
            console.println("explanations  " + r.out().resolve(ImageFolders.IMAGES));
            if (!r.failures().isEmpty()) {
                for (ImageOutcome o : r.failures()) {
                    console.println("failed " + o.id() + ": " + o.message());
                }
                throw new CliException(Failure.BAD_INPUT, r.failures().size() + " of " + ids.size()
                        + " images failed (errors in " + r.out().resolve(ImageFolders.FAILED) + "); the others are done");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            throw new CliException(Failure.BAD_INPUT, e.getMessage(), e);
        } finally {
            if (spark.master == null || spark.master.startsWith("local")) {
                session.stop();
            }
        }
    }

    private ImageSet imageSet(SparkSession session, ImageLayout layout) {
        Path images = command.images;
        String name = images.getFileName().toString().toLowerCase(Locale.ROOT);
        NpyDecoder npy = new NpyDecoder(layout == ImageLayout.NHWC);
        if (name.endsWith(".parquet") || (Files.isDirectory(images) && holds(images, ".parquet"))) {
            return ImageSet.parquet(session, images.toString(), spark.idColumn, spark.pixelsColumn,
                    spark.parsedShape());
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
            throw new CliException(Failure.NO_INPUT, "--images " + dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static Provenance recipe(Provenance p, LoadedModel fitted, ImageSet set, ImageLayout layout,
                                     String bgSource) {
        return p.toBuilder().padding(fitted.padding()).extra("images_source", set.source())
                .extra("images_layout", layout.name().toLowerCase(Locale.ROOT))
                .extra("background_source", bgSource).build();
    }
}
