package io.github.segshap.spark.cluster;

import org.apache.spark.SparkConf;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;

/**
 * How the executors of a cluster get segshap's classes. Executors on a stock Spark distribution
 * hold only Spark's jars; they load the application's classes from {@value #SPARK_JARS}, which
 * {@code spark-submit} sets to the jar it runs. When the program runs otherwise ({@code java -cp
 * segshap-spark.jar:$SPARK_HOME/jars/* ...}) nothing sets it, so a cluster session sets it to the
 * jar segshap's classes were loaded from (their {@link CodeSource}). Classes loaded from a folder
 * (an IDE, {@code target/classes}) cannot be shipped that way: the note says so.
 *
 * @param sparkJars the {@value #SPARK_JARS} a cluster session must set, or empty when it is set already or
 *                  cannot be set
 * @param note      one line for the console: where the executors load segshap from
 */
public record JobJar(Optional<String> sparkJars, String note) {
    /** Spark's setting of the jars shipped to (and loaded by) every executor. */
    public static final String SPARK_JARS = "spark.jars";

    /** How this JVM's executors get segshap: from the {@value #SPARK_JARS} already set, or from the jar of these classes. */
    public static JobJar resolve() {
        String preset = new SparkConf().get(SPARK_JARS, "");
        return resolve(preset.isBlank() ? Optional.empty() : Optional.of(preset), location(JobJar.class));
    }

    /**
     * The decision for a {@value #SPARK_JARS} already set (or not) and the place segshap's classes came from.
     *
     * @param preset   the {@value #SPARK_JARS} set by spark-submit or {@code -Dspark.jars}, if any
     * @param location the jar or folder the classes were loaded from, or null when unknown
     */
    static JobJar resolve(Optional<String> preset, Path location) {
        if (preset.isPresent()) {
            return new JobJar(Optional.empty(), "executors load segshap from " + SPARK_JARS + " (" + preset.get() + ")");
        }
        if (location != null && Files.isRegularFile(location)
                && location.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return new JobJar(Optional.of(location.toString()), "executors load segshap from " + location + " ("
                    + SPARK_JARS + ", set to the jar this program runs from)");
        }
        return new JobJar(Optional.empty(), "warning: segshap's classes come from " + (location == null
                ? "an unknown place" : "the folder " + location) + ", not from a jar, and " + SPARK_JARS + " is not "
                + "set: executors find them only if their class path holds them (spark.executor.extraClassPath); "
                + "else every task fails with ClassNotFoundException. Run segshap-spark.jar (spark-submit "
                + "... segshap-spark.jar explain ...), or set " + SPARK_JARS + " to a jar of these classes");
    }

    /** The jar or folder {@code type} was loaded from, or null when its class loader does not say. */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
