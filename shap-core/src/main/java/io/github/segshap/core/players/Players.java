package io.github.segshap.core.players;

import io.github.segshap.core.image.ImageShape;

import java.util.List;

/**
 * The players of the game: disjoint sets of input values (channel, row, column) that are switched
 * on and off together. Values that belong to no player always keep the explained image's value.
 *
 * <p>Build them with {@link #of(ImageShape, ChannelGroups)} (one player per channel group, the
 * usual case), {@link #of(ImageShape, PixelRegions)} (spatial patches or a label map, all channels
 * together) or {@link #of(ImageShape, ChannelGroups, PixelRegions)} (their product).
 */
public interface Players {

    /** The shape of the images these players split. */
    ImageShape imageShape();

    /** Number of players M. */
    int count();

    /** The player names, in player order. */
    List<String> names();

    /**
     * The flat channel-major indices of the values player {@code player} owns, ascending.
     *
     * @return a fresh copy
     */
    int[] elements(int player);

    /** Whether every value of the image belongs to some player. */
    boolean coverAllElements();

    /** One player per channel group, over all pixels. */
    static Players of(ImageShape shape, ChannelGroups groups) {
        return PlayerPartition.product(shape, groups, PixelRegions.whole(shape.height(), shape.width()));
    }

    /** One player per pixel region (patch or label), over all channels. */
    static Players of(ImageShape shape, PixelRegions regions) {
        return PlayerPartition.product(shape, ChannelGroups.allTogether(shape.channels()), regions);
    }

    /**
     * One player per (channel group, pixel region) pair: player {@code g * regions + r}, named
     * "group name @ region name".
     */
    static Players of(ImageShape shape, ChannelGroups groups, PixelRegions regions) {
        return PlayerPartition.product(shape, groups, regions);
    }

    /** One player per channel, named {@code channel 0 .. channel C-1}. */
    static Players perChannel(ImageShape shape) {
        return of(shape, ChannelGroups.perChannel(shape.channels()));
    }
}
