package io.github.segshap.spark.output;

import io.github.segshap.cli.run.PerImageRun;
import io.github.segshap.core.explanation.Explanations;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <out>/statistics.parquet/}: one row per image of a Spark run, written by Spark itself
 * (its Parquet writer and commit: {@code _SUCCESS} marks a whole table) from the per-image folders,
 * each read on an executor with its checksums verified. Columns:
 * <ul>
 *   <li>{@code id} (string): the image's id;</li>
 *   <li>{@code position} (int): its place in the input order (the merged arrays' index);</li>
 *   <li>{@code mean_abs_contribution} (array&lt;double&gt;): the mean |contribution| of each player
 *       over every output of the image, players in the order of {@code explanation.json}'s
 *       {@code players};</li>
 *   <li>{@code max_abs_residual} (double): the largest |base + sum of contributions - prediction|
 *       of the image;</li>
 *   <li>{@code model_evaluations} (long): the model evaluations spent on the image.</li>
 * </ul>
 * Read it with {@code spark.read.parquet("out/statistics.parquet")} or
 * {@code pandas.read_parquet("out/statistics.parquet")}. Replaced whole by every run.
 */
public final class StatisticsTable {
    /** The table's folder in the output folder. */
    public static final String NAME = "statistics.parquet";
    /** The table's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("position", DataTypes.IntegerType, false)
            .add("mean_abs_contribution", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("max_abs_residual", DataTypes.DoubleType, false)
            .add("model_evaluations", DataTypes.LongType, false);

    private StatisticsTable() {
    }

    /**
     * Writes the table of the images {@code ids} (in input order) from their folders in
     * {@code <out>/images/}, replacing an earlier table.
     *
     * @param partitions tasks to read the folders in (at least 1)
     * @return the table's folder
     * @throws org.apache.spark.SparkException (wrapped by Spark) when a folder is missing or damaged
     */
    public static Path write(SparkSession spark, Path out, List<String> ids, int partitions) {
        Path root = out.toAbsolutePath().normalize();
        List<Row> keys = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            keys.add(RowFactory.create(ids.get(i), i));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = sc.parallelize(keys, Math.max(1, Math.min(partitions, ids.size())))
                .map(new ImageRow(root.toString()));
        Path table = root.resolve(NAME);
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(table.toUri().toString());
        return table;
    }

    /** One image's row, from its folder (read on an executor). */
    private static final class ImageRow implements Function<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String root;

        ImageRow(String root) {
            this.root = root;
        }

        @Override
        public Row call(Row key) {
            String id = key.getString(0);
            Explanations one = new PerImageRun(Path.of(root)).store().read(id);
            double[] mean = one.meanAbsContribution();
            List<Double> values = new ArrayList<>(mean.length);
            for (double v : mean) {
                values.add(v);
            }
            return RowFactory.create(id, key.getInt(1), values.toArray(Double[]::new), one.maxAbsResidual(0),
                    one.get(0).modelEvaluations());
        }
    }
}
