package io.github.segshap.core.explainers;

import io.github.segshap.core.Arguments;
import io.github.segshap.core.evaluation.Coalition;
import io.github.segshap.core.evaluation.CoalitionEvaluator;
import io.github.segshap.core.evaluation.CoalitionValues;
import io.github.segshap.core.evaluation.MaskedGame;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.players.Players;

import java.util.List;

/**
 * What every explainer does around its estimator: check the image, get the replacements, evaluate
 * coalitions, build the explanation and check its additivity.
 */
abstract class AbstractExplainer implements Explainer {
    final Players players;
    final Masker masker;
    final CoalitionEvaluator evaluator;
    final long seed;
    private final double tolerance;
    private final boolean check;

    AbstractExplainer(ExplainerBuilder<?> b) {
        this.players = b.players;
        this.masker = b.masker;
        this.evaluator = new CoalitionEvaluator(b.model, b.players, b.evaluation.build());
        this.seed = b.seed;
        this.tolerance = b.additivityTolerance;
        this.check = b.checkAdditivity;
    }

    @Override
    public Players players() {
        return players;
    }

    @Override
    public final Explanation explain(Image image) {
        Arguments.notNull(image, "image");
        players.imageShape().requireSame(image.shape(), "image");
        Replacements replacements = masker.replacementsFor(image);
        Game game = new Game(image, replacements);
        Explanation e = estimate(game).build();
        if (check) {
            double scale = 1;
            for (double o : e.outputs()) {
                scale = Math.max(scale, Math.abs(o));
            }
            e.checkAdditivity(tolerance * scale);
        }
        return e;
    }

    /** Computes the explanation's values for one image. */
    abstract Explanation.Builder estimate(Game game);

    /** A new explanation builder for this explainer's players and outputs. */
    Explanation.Builder explanation(String explainer) {
        return Explanation.builder(players.names(), evaluator.outputShape()).explainer(explainer);
    }

    /** The coalitional game of one explained image; counts the model evaluations it costs. */
    final class Game {
        final Image image;
        final Replacements replacements;
        private final MaskedGame masked;
        long evaluations;

        Game(Image image, Replacements replacements) {
            this.image = image;
            this.replacements = replacements;
            this.masked = evaluator.game(image, replacements, masker.isImageIndependent());
        }

        int players() {
            return players.count();
        }

        int outputs() {
            return evaluator.outputShape().size();
        }

        double[][] values(List<Coalition> coalitions) {
            CoalitionValues v = masked.values(coalitions, "explaining " + image);
            evaluations += v.modelEvaluations();
            return v.values();
        }

        /** The values of the coalitions written into {@code into} (one row of K per coalition; Modified). */
        void valuesInto(List<Coalition> coalitions, double[][] into) {
            evaluations += masked.valuesInto(coalitions, into, "explaining " + image);
        }

        double[] value(Coalition coalition) {
            return values(List.of(coalition))[0];
        }
    }
}
