package io.github.segshap.core.players;

import io.github.segshap.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlayersTest {
    private static final ImageShape SHAPE = new ImageShape(4, 4, 6);

    @Test
    void channelGroupsOwnWholeChannels() {
        Players p = Players.of(SHAPE, ChannelGroups.of(new int[][] {{0}, {1, 2}, {3}},
                List.of("seismic", "energy+semblance", "sobel")));
        assertEquals(List.of("seismic", "energy+semblance", "sobel"), p.names());
        assertEquals(24, p.elements(0).length);
        assertEquals(48, p.elements(1).length);
        assertEquals(SHAPE.index(1, 0, 0), p.elements(1)[0]);
        assertTrue(p.coverAllElements());
        Players partial = Players.of(SHAPE, ChannelGroups.of(new int[] {0}, new int[] {2}));
        assertFalse(partial.coverAllElements());
    }

    @Test
    void productOfChannelsAndPatches() {
        Players p = Players.of(SHAPE, ChannelGroups.perChannel(4), PixelRegions.grid(4, 6, 2, 3));
        assertEquals(24, p.count());
        assertEquals("channel 1 @ patch (1,2)", p.names().get(6 + 5));
        // player 4*g + ... : group 1, region 5 = rows 2-3, cols 4-5
        assertArrayEquals(new int[] {SHAPE.index(1, 2, 4), SHAPE.index(1, 2, 5), SHAPE.index(1, 3, 4),
                SHAPE.index(1, 3, 5)}, p.elements(6 + 5));
    }

    @Test
    void labelMapsAreCompactedInLabelOrder() {
        int[][] labels = {{7, 7, -1}, {3, 7, 3}};
        PixelRegions r = PixelRegions.labels(labels);
        assertEquals(List.of("region 3", "region 7"), r.names());
        Players p = Players.of(new ImageShape(2, 2, 3), r);
        assertEquals(2, p.count());
        assertEquals(4, p.elements(0).length, "region 3 has 2 pixels x 2 channels");
        assertFalse(p.coverAllElements(), "label -1 is never masked");
    }

    @Test
    void hierarchyParsesAndClusters() {
        PlayerHierarchy h = PlayerHierarchy.parse("{ {0}, {1, 2, 3} }");
        assertEquals("{{0},{1,2,3}}", h.toString());
        h.requireCovers(4);
        double[][] signals = {{1, 2, 3, 4}, {1, 2, 3, 4.1}, {4, 1, 3, 2}, {4, 1, 3.1, 2}};
        PlayerHierarchy c = HierarchyClustering.fromSignals(signals);
        c.requireCovers(4);
        List<PlayerHierarchy> top = c.children();
        assertEquals(2, top.size());
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), top.stream()
                .map(n -> java.util.Arrays.stream(n.players()).sorted().boxed().toList()).sorted(
                        (a, b) -> a.get(0) - b.get(0)).toList(), "correlated players are grouped first");
    }
}
