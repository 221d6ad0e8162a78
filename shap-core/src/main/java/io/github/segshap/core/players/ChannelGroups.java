package io.github.segshap.core.players;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A grouping of input channels into players, e.g. {seismic} {energy, semblance} {sobel}.
 * Groups are non-empty and disjoint; channels in no group are never masked.
 */
public final class ChannelGroups {
    private final int[][] groups;
    private final List<String> names;

    private ChannelGroups(int[][] groups, List<String> names) {
        this.groups = groups;
        this.names = names;
    }

    /** One group per channel, named {@code channel 0 .. channel C-1}. */
    public static ChannelGroups perChannel(int channels) {
        int[][] g = new int[channels][];
        List<String> n = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            g[c] = new int[] {c};
            n.add("channel " + c);
        }
        return new ChannelGroups(g, List.copyOf(n));
    }

    /** One group per channel with the given channel names. */
    public static ChannelGroups perChannel(List<String> names) {
        int[][] g = new int[names.size()][];
        for (int c = 0; c < g.length; c++) {
            g[c] = new int[] {c};
        }
        return of(g, names);
    }

    /** All channels as one group (used for spatial-only players). */
    static ChannelGroups allTogether(int channels) {
        int[] all = new int[channels];
        for (int c = 0; c < channels; c++) {
            all[c] = c;
        }
        return new ChannelGroups(new int[][] {all}, List.of("all channels"));
    }

    /**
     * Explicit groups.
     *
     * @param groups channel indices of each group; not modified
     * @param names  one name per group
     * @throws IllegalArgumentException for an empty group, a negative channel, a channel in two
     *                                  groups, or a name count that differs from the group count
     */
    public static ChannelGroups of(int[][] groups, List<String> names) {
        if (groups.length == 0) {
            throw new IllegalArgumentException("at least one channel group is needed");
        }
        if (names.size() != groups.length) {
            throw new IllegalArgumentException(groups.length + " channel groups but " + names.size() + " names");
        }
        int[][] copy = new int[groups.length][];
        java.util.Map<Integer, Integer> owner = new java.util.HashMap<>();
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].length == 0) {
                throw new IllegalArgumentException("channel group " + g + " (" + names.get(g) + ") is empty");
            }
            copy[g] = groups[g].clone();
            Arrays.sort(copy[g]);
            for (int c : copy[g]) {
                if (c < 0) {
                    throw new IllegalArgumentException("channel group " + g + " names channel " + c);
                }
                Integer previous = owner.put(c, g);
                if (previous != null) {
                    throw new IllegalArgumentException("channel " + c + " is in channel groups " + previous
                            + " (" + names.get(previous) + ") and " + g + " (" + names.get(g)
                            + "): groups must not overlap");
                }
            }
        }
        return new ChannelGroups(copy, List.copyOf(names));
    }

    /** Explicit groups named {@code group 0 .. group G-1}. */
    public static ChannelGroups of(int[]... groups) {
        List<String> n = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            n.add("group " + g);
        }
        return of(groups, n);
    }

    /** Number of groups. */
    public int count() {
        return groups.length;
    }

    /** The channels of group {@code g} (a copy, ascending). */
    public int[] channels(int g) {
        return groups[g].clone();
    }

    /** The group names. */
    public List<String> names() {
        return names;
    }

    /** The largest channel index used. */
    int maxChannel() {
        int max = -1;
        for (int[] g : groups) {
            max = Math.max(max, g[g.length - 1]);
        }
        return max;
    }
}
