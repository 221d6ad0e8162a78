package io.github.segshap.cli.spark;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import picocli.CommandLine.Option;

/** The options of {@code segshap explain} that choose and configure the engine (a picocli mixin). */
public final class SparkOptions {
    /** Where the images are explained. */
    public enum Engine {
        /** In this process, into one explanation folder ({@code --out}). */
        local,
        /** On Apache Spark, one explanation folder per image ({@code --out/images/<id>/}), then merged into {@code --out}. */
        spark
    }

    /** The engine. */
    @Option(names = "--engine", paramLabel = "local|spark",
            description = "local (default): in this process, one explanation folder and a report in --out; spark: "
                    + "an Apache Spark job, one folder per image in --out/images/, then merged into the same "
                    + "explanation folder and report; only in segshap-spark.jar, run with spark-submit (see "
                    + "docs/spark.md).")
    public Engine engine = Engine.local;

    /** The Spark master, or null for spark-submit's (else local[*]). */
    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark (segshap-spark.jar): local[N], or a cluster's master (spark://host:7077, "
                    + "yarn, k8s://https://host:443) when the jar runs with Spark's jars: under spark-submit, whose "
                    + "--master is enough. Default: spark-submit's --master, else local[*].")
    public String master;

    /** Spark tasks. */
    @Option(names = "--partitions", paramLabel = "N",
            description = "With --engine spark: tasks to spread the images over (default: Spark's parallelism).")
    public int partitions;

    /** The id column of a Parquet table. */
    @Option(names = "--id-column", paramLabel = "NAME",
            description = "With --engine spark and a Parquet --images table: the string id column (default: ${DEFAULT-VALUE}).")
    public String idColumn = "id";

    /** The pixel column of a Parquet table. */
    @Option(names = "--pixels-column", paramLabel = "NAME",
            description = "With --engine spark and a Parquet table: the array<float|double> column of channel-major "
                    + "pixels (default: ${DEFAULT-VALUE}).")
    public String pixelsColumn = "pixels";

    /** The image shape of a Parquet table. */
    @Option(names = "--image-shape", paramLabel = "C,H,W",
            description = "With --engine spark and a Parquet table: the shape of every image.")
    public String imageShape;

    /** Whether a Spark run ends by merging its per-image folders (default) or keeps them alone. */
    @Option(names = "--merge", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --engine spark: --merge (default) ends the run by merging the per-image folders into "
                    + "the local engine's explanation folder and report.html in --out; --no-merge keeps only the "
                    + "per-image folders (very large sets; merge later with `segshap merge --out DIR`).")
    public boolean merge = true;

    /** Whether the Spark engine was chosen. */
    public boolean spark() {
        return engine == Engine.spark;
    }

    /** {@code --image-shape} parsed. */
    public ImageShape parsedShape() {
        return parseShape(imageShape);
    }

    /** A {@code --image-shape C,H,W} value parsed; null is a usage error (a Parquet table needs it). */
    public static ImageShape parseShape(String imageShape) {
        if (imageShape == null) {
            throw new CommandException(ExitCode.USAGE, "a Parquet --images table needs --image-shape C,H,W");
        }
        String[] p = imageShape.split(",");
        try {
            if (p.length == 3) {
                return new ImageShape(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                        Integer.parseInt(p[2].trim()));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CommandException(ExitCode.USAGE, "--image-shape " + imageShape + ": expected three positive numbers C,H,W");
    }
}
