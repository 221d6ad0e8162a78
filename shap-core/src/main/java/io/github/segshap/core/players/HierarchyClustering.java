package io.github.segshap.core.players;

import io.github.segshap.core.image.Image;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a binary {@link PlayerHierarchy} by agglomerative clustering of players (average linkage
 * on the distance {@code 1 - |correlation|}), so players that carry similar information are
 * grouped before they meet the others, as shap's Partition explainer does with its clustering.
 */
public final class HierarchyClustering {
    private HierarchyClustering() {
    }

    /**
     * Clusters players by how their values co-vary over the given images: each player is described
     * by its values at every owned pixel position across the images, summarised per image and pixel
     * as the mean over the player's channels.
     *
     * @param players the players
     * @param images  at least two images of the players' shape (e.g. the background)
     */
    public static PlayerHierarchy fromImages(Players players, List<Image> images) {
        if (images.size() < 2) {
            throw new IllegalArgumentException("clustering players needs at least 2 images, got " + images.size());
        }
        int m = players.count();
        double[][] signals = new double[m][images.size()];
        for (int p = 0; p < m; p++) {
            int[] el = players.elements(p);
            for (int n = 0; n < images.size(); n++) {
                players.imageShape().requireSame(images.get(n).shape(), "image " + n);
                double s = 0;
                for (int e : el) {
                    s += images.get(n).valueAt(e);
                }
                signals[p][n] = s / el.length;
            }
        }
        return fromSignals(signals);
    }

    /**
     * Clusters players described by one signal each ({@code signals[player][sample]}).
     * Constant signals have correlation 0 with every other.
     */
    public static PlayerHierarchy fromSignals(double[][] signals) {
        int m = signals.length;
        if (m == 0) {
            throw new IllegalArgumentException("no players to cluster");
        }
        if (m == 1) {
            return PlayerHierarchy.node(PlayerHierarchy.leaf(0));
        }
        double[][] dist = new double[m][m];
        PearsonsCorrelation pc = new PearsonsCorrelation();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double r = pc.correlation(signals[i], signals[j]);
                double d = Double.isFinite(r) ? 1 - Math.abs(r) : 1;
                dist[i][j] = d;
                dist[j][i] = d;
            }
        }
        List<PlayerHierarchy> clusters = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            clusters.add(PlayerHierarchy.leaf(p));
            members.add(new int[] {p});
        }
        while (clusters.size() > 1) {
            int bi = 0;
            int bj = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    double d = averageLinkage(dist, members.get(i), members.get(j));
                    if (d < best - 1e-15) {
                        best = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            PlayerHierarchy merged = PlayerHierarchy.node(clusters.get(bi), clusters.get(bj));
            int[] a = members.get(bi);
            int[] b = members.get(bj);
            int[] ab = new int[a.length + b.length];
            System.arraycopy(a, 0, ab, 0, a.length);
            System.arraycopy(b, 0, ab, a.length, b.length);
            clusters.remove(bj);
            members.remove(bj);
            clusters.set(bi, merged);
            members.set(bi, ab);
        }
        return clusters.get(0);
    }

    private static double averageLinkage(double[][] dist, int[] a, int[] b) {
        double s = 0;
        for (int i : a) {
            for (int j : b) {
                s += dist[i][j];
            }
        }
        return s / (a.length * (double) b.length);
    }
}
