package io.github.segshap.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks that the programs speak one vocabulary: walking every command and subcommand (with their
 * mixins), a flag name has one meaning - the same value type, the same value label (what a user
 * types: {@code FILE|N}, {@code local|spark}) and the same default wherever both show one - and an
 * exit code one description. Descriptions may differ with the command's context (rows or tiles).
 */
public final class FlagVocabulary {
    private FlagVocabulary() {
    }

    /** One command's use of a flag. */
    private record Use(String command, String type, String label, String defaultValue) {
        String meaning() {
            return type + " " + label;
        }
    }

    /**
     * The flags used with more than one meaning.
     *
     * @param programs the programs' top command lines
     * @param allowed  flag names allowed several meanings (documented, with the reason, by the caller)
     * @return one line per clash, naming the flag and each command's type, label and default; empty when all agree
     */
    public static List<String> flagClashes(Collection<CommandLine> programs, Set<String> allowed) {
        Map<String, List<Use>> uses = new TreeMap<>();
        for (CommandLine program : programs) {
            walk(program, uses);
        }
        List<String> clashes = new ArrayList<>();
        for (Map.Entry<String, List<Use>> e : uses.entrySet()) {
            if (allowed.contains(e.getKey())) {
                continue;
            }
            List<Use> list = e.getValue();
            boolean sameMeaning = list.stream().map(Use::meaning).distinct().count() == 1;
            boolean sameDefault = list.stream().map(Use::defaultValue).filter(Objects::nonNull).distinct().count() <= 1;
            if (!sameMeaning || !sameDefault) {
                StringBuilder b = new StringBuilder(e.getKey()).append(" has several meanings:");
                for (Use u : list) {
                    b.append(" [").append(u.command).append(": ").append(u.type).append(' ').append(u.label)
                            .append(u.defaultValue == null ? "" : ", default " + u.defaultValue).append(']');
                }
                clashes.add(b.toString());
            }
        }
        return clashes;
    }

    /**
     * The exit codes described differently by two commands' help.
     *
     * @param programs the programs' top command lines
     * @return one line per clash; empty when every code has one description
     */
    public static List<String> exitCodeClashes(Collection<CommandLine> programs) {
        Map<String, Map<String, String>> descriptions = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (CommandLine program : programs) {
            collect(program, descriptions);
        }
        for (Map.Entry<String, Map<String, String>> e : descriptions.entrySet()) {
            if (e.getValue().values().stream().distinct().count() > 1) {
                clashes.add("exit code " + e.getKey() + " has several descriptions: " + e.getValue());
            }
        }
        return clashes;
    }

    private static void collect(CommandLine cl, Map<String, Map<String, String>> descriptions) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().exitCodeList().forEach((code, text) -> descriptions
                .computeIfAbsent(code.strip(), c -> new TreeMap<>()).put(spec.qualifiedName(), text.strip()));
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, descriptions);
        }
    }

    private static void walk(CommandLine cl, Map<String, List<Use>> uses) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String type = o.auxiliaryTypes().length > 0 && o.auxiliaryTypes()[0].isEnum()
                    ? "enum" + Arrays.toString(o.auxiliaryTypes()[0].getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
                    : o.type().getSimpleName();
            String label = o.typeInfo().isBoolean() ? "" : o.paramLabel();
            String def = o.defaultValue() != null ? o.defaultValue() : defaultOf(spec, o);
            uses.computeIfAbsent(o.longestName(), k -> new ArrayList<>())
                    .add(new Use(spec.qualifiedName(), box(type), label, def));
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl && !sub.getCommandSpec().name().equals(spec.name())) {
                walk(sub, uses);
            }
        }
    }

    private static String defaultOf(CommandSpec spec, OptionSpec o) {
        try {
            String d = spec.defaultValueProvider() == null ? null : spec.defaultValueProvider().defaultValue(o);
            if (d != null) {
                return d;
            }
        } catch (Exception e) {
            throw new IllegalStateException("the default of " + o.longestName() + " in " + spec.qualifiedName()
                    + " cannot be read: " + e.getMessage(), e);
        }
        Object initial = o.initialValue();
        return initial == null || o.typeInfo().isBoolean() ? null : String.valueOf(initial);
    }

    /** {@code int} and {@code Integer} are one type at the command line. */
    private static String box(String type) {
        return switch (type) {
            case "int" -> "Integer";
            case "long" -> "Long";
            case "double" -> "Double";
            case "boolean" -> "Boolean";
            default -> type;
        };
    }
}
