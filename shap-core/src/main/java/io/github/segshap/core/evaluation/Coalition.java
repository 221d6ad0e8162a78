package io.github.segshap.core.evaluation;

import java.util.Arrays;

/** An immutable set of present players out of M. */
public final class Coalition {
    private final int players;
    private final long[] words;
    private final int size;

    private Coalition(int players, long[] words) {
        this.players = players;
        this.words = words;
        int s = 0;
        for (long w : words) {
            s += Long.bitCount(w);
        }
        this.size = s;
    }

    /** The empty coalition of M players. */
    public static Coalition empty(int players) {
        return new Coalition(players, new long[(players + 63) >>> 6]);
    }

    /** The grand coalition of M players. */
    public static Coalition full(int players) {
        long[] w = new long[(players + 63) >>> 6];
        for (int p = 0; p < players; p++) {
            w[p >>> 6] |= 1L << p;
        }
        return new Coalition(players, w);
    }

    /** A coalition from a membership array. */
    public static Coalition of(boolean[] present) {
        long[] w = new long[(present.length + 63) >>> 6];
        for (int p = 0; p < present.length; p++) {
            if (present[p]) {
                w[p >>> 6] |= 1L << p;
            }
        }
        return new Coalition(present.length, w);
    }

    /** A coalition of at most 64 players from a bit mask (bit p = player p). */
    public static Coalition ofMask(int players, long mask) {
        if (players > 64) {
            throw new IllegalArgumentException("a bit mask holds at most 64 players, got " + players);
        }
        long[] w = new long[(players + 63) >>> 6];
        if (w.length > 0) {
            w[0] = players == 64 ? mask : mask & ((1L << players) - 1);
        }
        return new Coalition(players, w);
    }

    /** A coalition with the given players present. */
    public static Coalition ofPlayers(int players, int... present) {
        long[] w = new long[(players + 63) >>> 6];
        for (int p : present) {
            if (p < 0 || p >= players) {
                throw new IllegalArgumentException("player " + p + " is not one of " + players + " players");
            }
            w[p >>> 6] |= 1L << p;
        }
        return new Coalition(players, w);
    }

    /** Number of players M of the game. */
    public int players() {
        return players;
    }

    /** Number of present players |S|. */
    public int size() {
        return size;
    }

    /** Whether player p is present. */
    public boolean contains(int p) {
        return (words[p >>> 6] & (1L << p)) != 0;
    }

    /** This coalition with player p added. */
    public Coalition with(int p) {
        long[] w = words.clone();
        w[p >>> 6] |= 1L << p;
        return new Coalition(players, w);
    }

    /** This coalition with player p removed. */
    public Coalition without(int p) {
        long[] w = words.clone();
        w[p >>> 6] &= ~(1L << p);
        return new Coalition(players, w);
    }

    /** The complement: every player not in this coalition. */
    public Coalition complement() {
        long[] w = words.clone();
        Coalition all = full(players);
        for (int i = 0; i < w.length; i++) {
            w[i] = ~w[i] & all.words[i];
        }
        return new Coalition(players, w);
    }

    /** The union with another coalition of the same game. */
    public Coalition union(Coalition other) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] |= other.words[i];
        }
        return new Coalition(players, w);
    }

    /** Whether no player is present. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether every player is present. */
    public boolean isFull() {
        return size == players;
    }

    /**
     * Compares two coalitions of the same game by their rank in the binary reflected Gray code
     * (player M-1 the most significant bit): coalitions next to each other in this order differ in
     * few players, and consecutive ranks in exactly one.
     */
    static int compareGrayRank(Coalition a, Coalition b) {
        boolean oddAboveA = false;
        boolean oddAboveB = false;
        for (int i = a.words.length - 1; i >= 0; i--) {
            long ra = inverseGray(a.words[i]) ^ (oddAboveA ? -1L : 0);
            long rb = inverseGray(b.words[i]) ^ (oddAboveB ? -1L : 0);
            if (ra != rb) {
                return Long.compareUnsigned(ra, rb);
            }
            oddAboveA ^= (Long.bitCount(a.words[i]) & 1) != 0;
            oddAboveB ^= (Long.bitCount(b.words[i]) & 1) != 0;
        }
        return 0;
    }

    /** The rank of a 64-bit Gray code word: bit i is the parity of the word's bits i and above. */
    private static long inverseGray(long g) {
        long x = g;
        x ^= x >>> 1;
        x ^= x >>> 2;
        x ^= x >>> 4;
        x ^= x >>> 8;
        x ^= x >>> 16;
        x ^= x >>> 32;
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coalition c && c.players == players && Arrays.equals(c.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * players + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int p = 0; p < players; p++) {
            if (contains(p)) {
                b.append(b.length() > 1 ? "," : "").append(p);
            }
        }
        return b.append('}').toString();
    }
}
