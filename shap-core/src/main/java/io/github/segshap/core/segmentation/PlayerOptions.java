package io.github.segshap.core.segmentation;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.Players;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the players are, as part of {@link ExplanationOptions}: one per channel (the default, named
 * {@code channel 0 .. channel C-1} unless {@link #channelNames} are given), groups of channels, a
 * grid of patches (alone or crossed with the channels or groups), or any {@link Players} given
 * explicitly (which override the rest). Immutable; {@link #resolve} makes the players for an
 * image shape.
 *
 * @param channelNames the input channels' names (one player each), when given
 * @param groups       the channel groups, when given (they win over channel names)
 * @param patchRows    rows of the patch grid; 0 without patches
 * @param patchColumns columns of the patch grid; 0 without patches
 * @param given        players given explicitly, when given
 */
public record PlayerOptions(Optional<List<String>> channelNames, Optional<Groups> groups, int patchRows,
                            int patchColumns, Optional<Players> given) {
    /** One player per channel, default names. */
    public static final PlayerOptions DEFAULT = new PlayerOptions(Optional.empty(), Optional.empty(), 0, 0,
            Optional.empty());

    /**
     * Players that are groups of channels.
     *
     * @param channels {@code channels[g]} lists group g's channels (copied in and out)
     * @param names    the groups' names
     */
    public record Groups(int[][] channels, List<String> names) {
        /** Copies the arrays and the names. */
        public Groups {
            channels = deepCopy(Objects.requireNonNull(channels, "channels"));
            names = List.copyOf(names);
        }

        /** A copy of the groups' channels. */
        @Override
        public int[][] channels() {
            return deepCopy(channels);
        }

        private static int[][] deepCopy(int[][] a) {
            int[][] out = new int[a.length][];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].clone();
            }
            return out;
        }
    }

    /** Copies the names and checks the patch grid. */
    public PlayerOptions {
        channelNames = channelNames.map(List::copyOf);
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(given, "given");
        boolean none = patchRows == 0 && patchColumns == 0;
        if (!none && (patchRows < 1 || patchColumns < 1)) {
            throw new IllegalArgumentException("patch grid must be at least 1x1, got " + patchRows + "x" + patchColumns);
        }
    }

    /** These players with the channels named. */
    public PlayerOptions withChannelNames(List<String> names) {
        return new PlayerOptions(Optional.of(names), groups, patchRows, patchColumns, given);
    }

    /** These players with channel groups. */
    public PlayerOptions withGroups(int[][] channels, List<String> names) {
        return new PlayerOptions(channelNames, Optional.of(new Groups(channels, names)), patchRows, patchColumns,
                given);
    }

    /** These players over a {@code rows x columns} grid of patches. */
    public PlayerOptions withPatches(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("patch grid must be at least 1x1, got " + rows + "x" + columns);
        }
        return new PlayerOptions(channelNames, groups, rows, columns, given);
    }

    /** These options with players given explicitly. */
    public PlayerOptions withGiven(Players players) {
        return new PlayerOptions(channelNames, groups, patchRows, patchColumns,
                Optional.of(Objects.requireNonNull(players, "players")));
    }

    /**
     * The players for images of {@code shape}.
     *
     * @throws IllegalArgumentException when the given players, the channel names or the groups do
     *                                  not fit the shape
     */
    public Players resolve(ImageShape shape) {
        if (given.isPresent()) {
            shape.requireSame(given.get().imageShape(), "the players' image");
            return given.get();
        }
        ChannelGroups channels = null;
        if (groups.isPresent()) {
            channels = ChannelGroups.of(groups.get().channels(), groups.get().names());
        } else if (channelNames.isPresent()) {
            List<String> names = channelNames.get();
            if (names.size() != shape.channels()) {
                throw new IllegalArgumentException(names.size() + " channel names " + names + " for images with "
                        + shape.channels() + " channels");
            }
            channels = ChannelGroups.perChannel(names);
        }
        if (patchRows > 0) {
            PixelRegions patches = PixelRegions.grid(shape.height(), shape.width(), patchRows, patchColumns);
            return channels == null ? Players.of(shape, patches) : Players.of(shape, channels, patches);
        }
        return channels == null ? Players.perChannel(shape) : Players.of(shape, channels);
    }
}
