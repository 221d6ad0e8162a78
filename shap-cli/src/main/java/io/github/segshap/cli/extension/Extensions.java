package io.github.segshap.cli.extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import picocli.CommandLine.Command;

/**
 * The {@link SegshapExtension}s of the class path, merged: their subcommands and their explain
 * engines by name. Two extensions that add one name are refused, naming both.
 */
public final class Extensions {
    /** The jar that reads DL4J model zips and runs {@code export-onnx}. */
    public static final String DL4J_JAR = "segshap-dl4j.jar";
    /** The jar that runs {@code explain --engine spark} under {@code spark-submit}. */
    public static final String SPARK_JAR = "segshap-spark.jar";

    private final Map<String, Class<?>> subcommands;
    private final Map<String, ExplainEngine> engines;

    private Extensions(Map<String, Class<?>> subcommands, Map<String, ExplainEngine> engines) {
        this.subcommands = Map.copyOf(subcommands);
        this.engines = Map.copyOf(engines);
    }

    /** The extensions listed in {@code META-INF/services} on the class path of this class. */
    public static Extensions load() {
        List<SegshapExtension> found = new ArrayList<>();
        ServiceLoader.load(SegshapExtension.class, SegshapExtension.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /**
     * The given extensions merged.
     *
     * @throws IllegalStateException when two add a subcommand or an engine of one name
     */
    public static Extensions of(List<? extends SegshapExtension> extensions) {
        Map<String, Class<?>> subcommands = new LinkedHashMap<>();
        Map<String, ExplainEngine> engines = new LinkedHashMap<>();
        for (SegshapExtension e : extensions) {
            for (Class<?> c : e.subcommands()) {
                Command command = c.getAnnotation(Command.class);
                if (command == null || command.name().isEmpty()) {
                    throw new IllegalStateException(e.getClass().getName() + " adds " + c.getName()
                            + ", which is not a named picocli @Command");
                }
                unique(subcommands, command.name(), c, "subcommand");
            }
            for (ExplainEngine engine : e.engines()) {
                unique(engines, engine.name(), engine, "explain engine");
            }
        }
        return new Extensions(subcommands, engines);
    }

    private static <T> void unique(Map<String, T> map, String name, T value, String what) {
        T before = map.putIfAbsent(name, value);
        if (before != null) {
            throw new IllegalStateException("two extensions add the " + what + " '" + name + "': "
                    + origin(before) + " and " + origin(value));
        }
    }

    private static String origin(Object o) {
        return o instanceof Class<?> c ? c.getName() : o.getClass().getName();
    }

    /** The subcommand classes by name, in the order found. */
    public Map<String, Class<?>> subcommands() {
        return subcommands;
    }

    /** Whether an extension adds the subcommand {@code name}. */
    public boolean hasSubcommand(String name) {
        return subcommands.containsKey(name);
    }

    /**
     * The explain engine called {@code name}.
     *
     * @throws CommandException a usage error when no extension adds it, saying which jar has it
     */
    public ExplainEngine requireEngine(String name) {
        return engine(name).orElseThrow(() -> new CommandException(ExitCode.USAGE, "--engine " + name
                + " is not in this jar" + (name.equals("spark") ? ": it runs the explanation as an Apache Spark job; "
                + "submit " + SPARK_JAR + " with spark-submit instead (spark-submit --master 'local[4]' " + SPARK_JAR
                + " explain --engine spark --master 'local[4]' ...; see docs/spark.md)" : "")));
    }

    /** The explain engine called {@code name}, if an extension adds it. */
    public Optional<ExplainEngine> engine(String name) {
        return Optional.ofNullable(engines.get(Objects.requireNonNull(name, "name")));
    }
}
