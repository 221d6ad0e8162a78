package io.github.segshap.core.masking;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.MersenneTwister;

import java.util.ArrayList;
import java.util.List;

/**
 * Summaries of a large background into a few weighted rows, so each coalition costs fewer model
 * calls.
 */
public final class BackgroundSummary {
    private BackgroundSummary() {
    }

    /**
     * k-means summary as {@code shap.kmeans}: k-means++ clusters of the background images; each
     * cluster becomes one row weighted by its size, whose every value is snapped to the nearest
     * value that value position takes in the cluster's members (so the rows stay on the data). With
     * {@code k >= rows} the rows are returned unchanged and equally weighted.
     *
     * @param rows the background images, all of one shape; not modified
     * @param k    the number of rows to keep, at least 1
     * @param seed the seed for k-means++ initialisation (same seed, same summary)
     */
    public static Replacements kmeans(List<Image> rows, int k, long seed) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the background is empty: nothing to summarise");
        }
        if (k < 1) {
            throw new IllegalArgumentException("a background summary needs k >= 1, got " + k);
        }
        if (k >= rows.size()) {
            return Replacements.uniform(rows);
        }
        ImageShape shape = rows.get(0).shape();
        List<DoublePoint> points = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            shape.requireSame(rows.get(i).shape(), "background image " + i);
            points.add(new DoublePoint(rows.get(i).toArray()));
        }
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(k, 100,
                new EuclideanDistance(), new MersenneTwister(seed));
        List<CentroidCluster<DoublePoint>> clusters = clusterer.cluster(points);
        List<Image> images = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (CentroidCluster<DoublePoint> cluster : clusters) {
            if (cluster.getPoints().isEmpty()) {
                continue;
            }
            double[] centre = cluster.getCenter().getPoint().clone();
            for (int j = 0; j < centre.length; j++) {
                double best = Double.NaN;
                double bestDist = Double.POSITIVE_INFINITY;
                for (DoublePoint p : cluster.getPoints()) {
                    double v = p.getPoint()[j];
                    double d = Math.abs(v - centre[j]);
                    if (d < bestDist) {
                        bestDist = d;
                        best = v;
                    }
                }
                centre[j] = best;
            }
            images.add(Image.of(shape, centre));
            weights.add((double) cluster.getPoints().size());
        }
        return Replacements.of(images, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
