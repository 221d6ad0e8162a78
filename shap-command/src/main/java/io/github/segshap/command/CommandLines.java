package io.github.segshap.command;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The picocli set-up both programs share: case-insensitive enum values, help 110 columns wide,
 * enum defaults shown as typed ({@code auto}, not {@code AUTO}), the exit-code list of
 * {@link ExitCode} in the top command's help, the {@link FailureHandler}, and the logging set-up.
 */
public final class CommandLines {
    /** Width of the help text. */
    public static final int HELP_WIDTH = 110;

    private CommandLines() {
    }

    /**
     * Configures {@code cl} (a program's top command, its subcommands already added).
     *
     * @param cl     the command line
     * @param faults the exceptions the program names
     * @return {@code cl}
     */
    public static CommandLine configure(CommandLine cl, Faults faults) {
        return configure(cl, faults, arg -> null);
    }

    /**
     * Configures {@code cl} with a program's own way to show some defaults.
     *
     * @param cl       the command line
     * @param faults   the exceptions the program names
     * @param defaults a default's text for an option, or null for the usual one (enums in lower case)
     * @return {@code cl}
     */
    public static CommandLine configure(CommandLine cl, Faults faults, Function<ArgSpec, String> defaults) {
        Objects.requireNonNull(defaults, "defaults");
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setDefaultValueProvider(arg -> {
            String own = defaults.apply(arg);
            if (own != null) {
                return own;
            }
            return arg.initialValue() instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : null;
        });
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        FailureHandler handler = new FailureHandler(faults);
        cl.setParameterExceptionHandler(handler);
        cl.setExecutionExceptionHandler(handler);
        cl.setExecutionStrategy(FailureHandler.catchingErrors(cl.getExecutionStrategy()));
        return cl;
    }

    /**
     * Quiet third-party logging (slf4j-simple at WARN, short logger names, no thread names) and a
     * headless AWT, unless the user set the properties.
     */
    public static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("java.awt.headless", "true");
    }

    /**
     * {@link #configureLogging()}, and the program's own loggers at INFO with the time of day (for
     * programs whose stages report as they go).
     *
     * @param ownPackage the package prefix logged at INFO
     */
    public static void configureLogging(String ownPackage) {
        setIfAbsent("org.slf4j.simpleLogger.log." + Objects.requireNonNull(ownPackage, "ownPackage"), "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        configureLogging();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * A version line from the jar manifest of {@code cls}'s package.
     *
     * @param cls  a class of the program
     * @param name what precedes the version
     * @return e.g. {@code segshap 0.1.0}, or {@code segshap development} outside a jar
     */
    public static String version(Class<?> cls, String name) {
        String v = cls.getPackage().getImplementationVersion();
        return name + " " + (v == null ? "development" : v);
    }
}
