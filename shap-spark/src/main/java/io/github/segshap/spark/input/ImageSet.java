package io.github.segshap.spark.input;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images of a Spark job, listed on the driver: their ids in a fixed order (the order the
 * background is drawn in, so the draw does not depend on the partitioning) and, per partition, how
 * each is read on an executor.
 * <ul>
 *   <li>{@link #files}: one file (a stack: ids {@code "0" .. "N-1"}, as the single-machine
 *       command names them) or a folder of files with one extension, sorted by name; a file of one
 *       image is named by its file name without the extension, a file of N images gives
 *       {@code <name>-0 .. <name>-(N-1)}, a file that cannot be decoded gives one id that fails in
 *       the job with the decoder's error. The files must be on a file system every executor sees
 *       (a shared mount, or local files in local mode). The driver decodes each file once to count
 *       its images.</li>
 *   <li>{@link #parquet}: a table with a string id column and an array column of float or double
 *       pixels (channel-major {@code C x H x W}, the image shape given); ids sorted.</li>
 * </ul>
 */
public interface ImageSet {
    /** Where the images come from, for messages and the provenance. */
    String source();

    /** The ids, in the set's order; unique. */
    List<String> ids();

    /** The images at these positions of {@link #ids()}, read on the driver (e.g. the drawn background). */
    List<Image> read(List<Integer> positions);

    /**
     * The first image that can be read, in the set's order (its shape is the one the job expects;
     * images that cannot be read fail in the job).
     *
     * @throws IllegalArgumentException with the first image's error when none can be read
     */
    default Image sample() {
        IllegalArgumentException first = null;
        for (int i = 0; i < ids().size(); i++) {
            try {
                return read(List.of(i)).get(0);
            } catch (IllegalArgumentException e) {
                first = first == null ? e : first;
            }
        }
        throw new IllegalArgumentException("no image of " + source() + " can be read; the first: "
                + (first == null ? "there are none" : first.getMessage()), first);
    }

    /** Every image, as inputs spread over about {@code partitions} partitions. */
    JavaRDD<ImageInput> inputs(JavaSparkContext context, int partitions);

    /**
     * The images of a {@code .npy} or PNG file or of a folder of them.
     *
     * @param given     a file, or a folder whose files ending in {@code extension} are read (made
     *                  absolute here: the inputs name absolute files)
     * @param extension the files' extension in a folder, e.g. {@code .npy} or {@code .png}
     * @param decoder   how to read a file
     * @throws IllegalArgumentException when the folder holds no such file, a file holds no image,
     *                                  or two files give the same id
     */
    static ImageSet files(Path given, String extension, ImageDecoder decoder) {
        Path path = given.toAbsolutePath().normalize();   // executors have other working folders
        List<ImageInput.FileImage> inputs = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                        .filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(path + " holds no " + extension + " files");
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                String stem = name.substring(0, name.length() - extension.length());
                int n = count(f, decoder);
                for (int i = 0; i < n; i++) {
                    inputs.add(new ImageInput.FileImage(n == 1 ? stem : stem + "-" + i, f.toString(), i, decoder));
                }
            }
        } else {
            int n = count(path, decoder);
            for (int i = 0; i < n; i++) {
                inputs.add(new ImageInput.FileImage(Integer.toString(i), path.toString(), i, decoder));
            }
        }
        return new FileSet(given.toString(), List.copyOf(inputs));   // the source as given: it is in the recipe
    }

    /**
     * The images of a Parquet table (a file or a folder of part files).
     *
     * @param spark     the session that reads it
     * @param path      the table
     * @param idColumn  the column of image ids (strings, unique)
     * @param pixels    the column of pixels: arrays of float or double, channel-major
     * @param shape     the shape of every image
     * @throws IllegalArgumentException naming a missing column or one of another type
     */
    static ImageSet parquet(SparkSession spark, String path, String idColumn, String pixels, ImageShape shape) {
        Dataset<Row> table = spark.read().parquet(path);
        StructField[] fields = table.schema().fields();
        DataType idType = type(fields, idColumn, path);
        DataType pixelType = type(fields, pixels, path);
        if (!idType.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("column '" + idColumn + "' of " + path + " is " + idType.simpleString()
                    + "; expected string ids");
        }
        if (!(pixelType instanceof ArrayType a) || !(a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType))) {
            throw new IllegalArgumentException("column '" + pixels + "' of " + path + " is "
                    + pixelType.simpleString() + "; expected array<float> or array<double> pixels");
        }
        Dataset<Row> selected = table.select(functions.col(idColumn).as("id"),
                functions.col(pixels).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as("pixels"));
        List<String> ids = new ArrayList<>(selected.select("id").as(Encoders.STRING()).collectAsList());
        ids.sort(null);
        requireUnique(ids, path);
        return new ParquetSet(path + " (column " + pixels + ")", List.copyOf(ids), selected, shape);
    }

    private static DataType type(StructField[] fields, String column, String path) {
        for (StructField f : fields) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new IllegalArgumentException(path + " has no column '" + column + "'; its columns are "
                + Arrays.stream(fields).map(StructField::name).toList());
    }

    /** The images of a file; 1 for a file that cannot be decoded (its one id then fails with the error). */
    private static int count(Path file, ImageDecoder decoder) {
        try {
            return Math.max(1, decoder.decode(file).size());
        } catch (IllegalArgumentException e) {
            return 1;
        }
    }

    private static void requireUnique(List<String> ids, String source) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null) {
                throw new IllegalArgumentException(source + " has an image without an id (null)");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(source + " has two images with id '" + id + "'");
            }
        }
    }

    /** Images of files, listed. */
    record FileSet(String source, List<ImageInput.FileImage> inputs) implements ImageSet {
        /** Checks the ids. */
        public FileSet {
            requireUnique(inputs.stream().map(ImageInput::id).toList(), source);
        }

        @Override
        public List<String> ids() {
            return inputs.stream().map(ImageInput::id).toList();
        }

        @Override
        public List<Image> read(List<Integer> positions) {
            return positions.stream().map(i -> inputs.get(i).load()).toList();
        }

        @Override
        public JavaRDD<ImageInput> inputs(JavaSparkContext context, int partitions) {
            return context.parallelize(new ArrayList<ImageInput>(inputs), Math.max(1, Math.min(partitions,
                    inputs.size())));
        }
    }

    /** Images of a table. */
    record ParquetSet(String source, List<String> ids, Dataset<Row> table, ImageShape shape) implements ImageSet {
        @Override
        public List<Image> read(List<Integer> positions) {
            List<String> wanted = positions.stream().map(ids::get).toList();
            List<Row> rows = table.filter(functions.col("id").isin(wanted.toArray())).collectAsList();
            List<Image> out = new ArrayList<>();
            for (String id : wanted) {
                Row row = rows.stream().filter(r -> r.getString(0).equals(id)).findFirst().orElseThrow();
                out.add(input(row, source, shape).load());
            }
            return out;
        }

        @Override
        public JavaRDD<ImageInput> inputs(JavaSparkContext context, int partitions) {
            String src = source;
            int c = shape.channels();
            int h = shape.height();
            int w = shape.width();
            JavaRDD<ImageInput> rows = table.javaRDD().map(row -> input(row, src, new ImageShape(c, h, w)));
            return rows.getNumPartitions() < partitions ? rows.repartition(partitions) : rows;
        }

        private static ImageInput input(Row row, String source, ImageShape shape) {
            double[] px = null;
            if (!row.isNullAt(1)) {
                List<Object> values = row.getList(1);
                px = new double[values.size()];
                for (int i = 0; i < px.length; i++) {
                    Object v = values.get(i);
                    px[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
                }
            }
            return new ImageInput.InlineImage(row.getString(0), source, shape.channels(), shape.height(),
                    shape.width(), px);
        }
    }
}
