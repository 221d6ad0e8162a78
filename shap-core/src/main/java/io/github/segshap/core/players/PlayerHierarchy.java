package io.github.segshap.core.players;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tree over players for Owen values: leaves are players, inner nodes are coalitions of their
 * children that enter the game together (e.g. {{seismic}, {energy, semblance, sobel}}).
 *
 * <p>Immutable. Build one with {@link #flat(int)}, {@link #groups(int[]...)}, {@link #node} /
 * {@link #leaf}, {@link #parse(String)} or {@link HierarchyClustering}.
 */
public final class PlayerHierarchy {
    private final int player;
    private final List<PlayerHierarchy> children;

    private PlayerHierarchy(int player, List<PlayerHierarchy> children) {
        this.player = player;
        this.children = children;
    }

    /** A leaf: one player. */
    public static PlayerHierarchy leaf(int player) {
        if (player < 0) {
            throw new IllegalArgumentException("a hierarchy leaf names player " + player);
        }
        return new PlayerHierarchy(player, List.of());
    }

    /** An inner node with the given children (at least one). */
    public static PlayerHierarchy node(PlayerHierarchy... children) {
        return node(Arrays.asList(children));
    }

    /** An inner node with the given children (at least one). */
    public static PlayerHierarchy node(List<PlayerHierarchy> children) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("a hierarchy node needs at least one child");
        }
        return new PlayerHierarchy(-1, List.copyOf(children));
    }

    /** The flat tree: a root whose children are the M players (Owen values = Shapley values). */
    public static PlayerHierarchy flat(int players) {
        List<PlayerHierarchy> leaves = new ArrayList<>();
        for (int p = 0; p < players; p++) {
            leaves.add(leaf(p));
        }
        return node(leaves);
    }

    /** A two-level tree: a root whose children are the given groups of players. */
    public static PlayerHierarchy groups(int[]... groups) {
        List<PlayerHierarchy> nodes = new ArrayList<>();
        for (int[] g : groups) {
            List<PlayerHierarchy> leaves = new ArrayList<>();
            for (int p : g) {
                leaves.add(leaf(p));
            }
            nodes.add(node(leaves));
        }
        return node(nodes);
    }

    /**
     * Parses a nested brace expression such as {@code {{0,1},{2,{3,4}}}}: braces are nodes,
     * numbers are players.
     */
    public static PlayerHierarchy parse(String text) {
        String s = text.replaceAll("\\s+", "");
        int[] pos = {0};
        PlayerHierarchy h = parseNode(s, pos, text);
        if (pos[0] != s.length()) {
            throw new IllegalArgumentException("unexpected '" + s.substring(pos[0]) + "' after the hierarchy in: " + text);
        }
        return h;
    }

    private static PlayerHierarchy parseNode(String s, int[] pos, String text) {
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("hierarchy ends too early: " + text);
        }
        if (s.charAt(pos[0]) == '{') {
            pos[0]++;
            List<PlayerHierarchy> kids = new ArrayList<>();
            while (true) {
                kids.add(parseNode(s, pos, text));
                if (pos[0] >= s.length()) {
                    throw new IllegalArgumentException("missing '}' in hierarchy: " + text);
                }
                char c = s.charAt(pos[0]++);
                if (c == '}') {
                    return node(kids);
                }
                if (c != ',') {
                    throw new IllegalArgumentException("unexpected '" + c + "' in hierarchy: " + text);
                }
            }
        }
        int start = pos[0];
        while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
            pos[0]++;
        }
        if (start == pos[0]) {
            throw new IllegalArgumentException("expected a player number at position " + start + " of hierarchy: " + text);
        }
        return leaf(Integer.parseInt(s.substring(start, pos[0])));
    }

    /** Whether this node is a single player. */
    public boolean isLeaf() {
        return children.isEmpty();
    }

    /** The player of a leaf. */
    public int player() {
        if (!isLeaf()) {
            throw new IllegalStateException("an inner node has no single player");
        }
        return player;
    }

    /** The children of an inner node (empty for a leaf). */
    public List<PlayerHierarchy> children() {
        return children;
    }

    /** The players below this node, in tree order. */
    public int[] players() {
        List<Integer> out = new ArrayList<>();
        collect(this, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(PlayerHierarchy h, List<Integer> out) {
        if (h.isLeaf()) {
            out.add(h.player);
        } else {
            for (PlayerHierarchy c : h.children) {
                collect(c, out);
            }
        }
    }

    /**
     * Checks that the leaves are exactly players {@code 0 .. players-1}, each once.
     *
     * @throws IllegalArgumentException naming a missing, repeated or unknown player
     */
    public void requireCovers(int players) {
        int[] seen = new int[players];
        for (int p : players()) {
            if (p >= players) {
                throw new IllegalArgumentException("hierarchy names player " + p + " but there are only " + players
                        + " players");
            }
            if (seen[p]++ > 0) {
                throw new IllegalArgumentException("hierarchy names player " + p + " more than once");
            }
        }
        for (int p = 0; p < players; p++) {
            if (seen[p] == 0) {
                throw new IllegalArgumentException("hierarchy does not cover player " + p + " of " + players);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlayerHierarchy h && h.player == player && h.children.equals(children);
    }

    @Override
    public int hashCode() {
        return 31 * player + children.hashCode();
    }

    @Override
    public String toString() {
        if (isLeaf()) {
            return Integer.toString(player);
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < children.size(); i++) {
            b.append(i == 0 ? "" : ",").append(children.get(i));
        }
        return b.append('}').toString();
    }
}
