package io.github.segshap.cli.input;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The players of {@code --players} and their {@code --names}, as an immutable value: one player per
 * channel by default, or groups of channels written {@code 0;1,2;3} (groups separated by {@code ;},
 * channels by {@code ,}). The groups must cover every channel exactly once: a channel in two groups
 * or in none is a {@link ExitCode#USAGE} error naming the channels. Names default to
 * {@code channel i} for a single channel and {@code channels i+j} for a group.
 */
public final class PlayerGroups {
    private final int[][] groups;
    private final List<String> names;
    private final boolean perChannel;

    private PlayerGroups(int[][] groups, List<String> names, boolean perChannel) {
        this.groups = groups;
        this.names = List.copyOf(names);
        this.perChannel = perChannel;
    }

    /**
     * Parses the options for images of {@code channels} channels.
     *
     * @param spec     the {@code --players} value ({@code null} or {@code channels}: one per channel)
     * @param names    the {@code --names} value, comma-separated ({@code null}: the defaults)
     * @param channels the images' channel count
     */
    public static PlayerGroups parse(String spec, String names, int channels) {
        boolean perChannel = spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("channels");
        int[][] groups;
        if (perChannel) {
            groups = new int[channels][];
            for (int c = 0; c < channels; c++) {
                groups[c] = new int[] {c};
            }
        } else {
            groups = groups(spec.trim(), channels);
        }
        List<String> n = new ArrayList<>();
        if (names != null && !names.isBlank()) {
            for (String s : names.split(",", -1)) {
                n.add(s.trim());
            }
            if (n.size() != groups.length) {
                throw new CommandException(ExitCode.USAGE, "--names gives " + n.size() + " names " + n + " for "
                        + groups.length + " players" + (perChannel ? " (one per channel)" : " (--players " + spec + ")"));
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String name : n) {
                if (name.isEmpty()) {
                    throw new CommandException(ExitCode.USAGE, "--names " + names + " has an empty name: every player"
                            + " needs one");
                }
                if (!seen.add(name)) {
                    throw new CommandException(ExitCode.USAGE, "--names " + names + " gives the name '" + name
                            + "' twice: each player needs its own name");
                }
            }
        } else {
            for (int[] g : groups) {
                n.add(g.length == 1 ? "channel " + g[0] : "channels " + join(g, "+"));
            }
        }
        return new PlayerGroups(groups, n, perChannel);
    }

    private static int[][] groups(String spec, int channels) {
        String[] parts = spec.split(";", -1);
        int[][] groups = new int[parts.length][];
        int[] owner = new int[channels];
        Arrays.fill(owner, -1);
        TreeSet<Integer> overlapping = new TreeSet<>();
        for (int g = 0; g < parts.length; g++) {
            String[] cs = parts[g].split(",", -1);
            groups[g] = new int[cs.length];
            for (int k = 0; k < cs.length; k++) {
                String t = cs[k].trim();
                int c;
                try {
                    c = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new CommandException(ExitCode.USAGE, "--players " + spec + ": '" + t + "' in group " + (g + 1)
                            + " is not a channel number (write groups as 0;1,2;3)");
                }
                if (c < 0 || c >= channels) {
                    throw new CommandException(ExitCode.USAGE, "--players " + spec + ": channel " + c + " does not exist; "
                            + "the images have channels 0.." + (channels - 1));
                }
                if (owner[c] >= 0) {
                    overlapping.add(c);
                }
                owner[c] = g;
                groups[g][k] = c;
            }
        }
        if (!overlapping.isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "--players " + spec + ": the groups overlap: channel"
                    + (overlapping.size() > 1 ? "s " : " ") + join(overlapping) + " in more than one group");
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int c = 0; c < channels; c++) {
            if (owner[c] < 0) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "--players " + spec + " leaves out channel"
                    + (missing.size() > 1 ? "s " : " ") + join(missing) + ": every channel must be in one group");
        }
        return groups;
    }

    private static String join(int[] g, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < g.length; i++) {
            b.append(i == 0 ? "" : sep).append(g[i]);
        }
        return b.toString();
    }

    private static String join(TreeSet<Integer> s) {
        return join(s.stream().mapToInt(Integer::intValue).toArray(), ", ");
    }

    /** Whether there is one player per channel (no groups given). */
    public boolean perChannel() {
        return perChannel;
    }

    /** The groups ({@code groups()[g]} lists group g's channels; a copy). */
    public int[][] groups() {
        int[][] out = new int[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            out[i] = groups[i].clone();
        }
        return out;
    }

    /** The players' names, in order. */
    public List<String> names() {
        return names;
    }
}
