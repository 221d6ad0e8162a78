package io.github.segshap.core.players;

import io.github.segshap.core.image.ImageShape;

import java.util.ArrayList;
import java.util.List;

/** The immutable {@link Players} built from channel groups and pixel regions. */
final class PlayerPartition implements Players {
    private final ImageShape shape;
    private final List<String> names;
    private final int[][] elements;
    private final boolean coverAll;

    private PlayerPartition(ImageShape shape, List<String> names, int[][] elements) {
        this.shape = shape;
        this.names = names;
        this.elements = elements;
        long owned = 0;
        for (int[] e : elements) {
            owned += e.length;
        }
        this.coverAll = owned == shape.size();
    }

    static PlayerPartition product(ImageShape shape, ChannelGroups groups, PixelRegions regions) {
        if (groups.maxChannel() >= shape.channels()) {
            throw new IllegalArgumentException("channel groups use channel " + groups.maxChannel()
                    + " but the image has " + shape.channels() + " channels");
        }
        if (regions.height() != shape.height() || regions.width() != shape.width()) {
            throw new IllegalArgumentException("pixel regions are " + regions.height() + "x" + regions.width()
                    + " but the image is " + shape.height() + "x" + shape.width());
        }
        int nr = regions.count();
        int[] regionSize = new int[nr];
        for (int r = 0; r < shape.height(); r++) {
            for (int c = 0; c < shape.width(); c++) {
                int l = regions.regionAt(r, c);
                if (l >= 0) {
                    regionSize[l]++;
                }
            }
        }
        for (int l = 0; l < nr; l++) {
            if (regionSize[l] == 0) {
                throw new IllegalArgumentException("pixel region " + l + " (" + regions.names().get(l) + ") is empty");
            }
        }
        int m = groups.count() * nr;
        int[][] elements = new int[m][];
        int[] fill = new int[m];
        for (int g = 0; g < groups.count(); g++) {
            int nc = groups.channels(g).length;
            for (int l = 0; l < nr; l++) {
                elements[g * nr + l] = new int[nc * regionSize[l]];
            }
        }
        for (int g = 0; g < groups.count(); g++) {
            for (int ch : groups.channels(g)) {
                for (int r = 0; r < shape.height(); r++) {
                    for (int c = 0; c < shape.width(); c++) {
                        int l = regions.regionAt(r, c);
                        if (l >= 0) {
                            int p = g * nr + l;
                            elements[p][fill[p]++] = shape.index(ch, r, c);
                        }
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(m);
        for (String gn : groups.names()) {
            for (String rn : regions.names()) {
                names.add(nr == 1 && rn.equals("all pixels") ? gn
                        : groups.count() == 1 && gn.equals("all channels") ? rn : gn + " @ " + rn);
            }
        }
        return new PlayerPartition(shape, List.copyOf(names), elements);
    }

    @Override
    public ImageShape imageShape() {
        return shape;
    }

    @Override
    public int count() {
        return elements.length;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public int[] elements(int player) {
        return elements[player].clone();
    }

    @Override
    public boolean coverAllElements() {
        return coverAll;
    }

    @Override
    public String toString() {
        return "Players" + names;
    }
}
