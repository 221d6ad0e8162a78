package io.github.segshap.core.explainers;

import io.github.segshap.core.evaluation.CoalitionEvaluator;
import io.github.segshap.core.evaluation.EvaluationOptions;
import io.github.segshap.core.explanation.AdditivityException;
import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.BaselineMasker;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.players.ChannelGroups;
import io.github.segshap.core.players.PixelRegions;
import io.github.segshap.core.players.PlayerHierarchy;
import io.github.segshap.core.players.Players;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every misuse gets an exception whose message names the problem and the values. */
class ErrorMessagesTest {
    private static final ImageShape SHAPE = new ImageShape(3, 4, 5);
    private static final Model SUM = Model.perImage(OutputShape.map(4, 5), (batch, n, dest, off) -> {
        for (int i = 0; i < 20; i++) {
            dest[off + i] = batch.get(n, 0, i / 5, i % 5) + 2 * batch.get(n, 1, i / 5, i % 5);
        }
    });

    private static Image image(ImageShape shape, double value) {
        double[] v = new double[shape.size()];
        java.util.Arrays.fill(v, value);
        return Image.of(shape, v);
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable run, String... parts) {
        Throwable t = assertThrows(type, run);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message '" + t.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void nullArgumentsAreNamed() {
        BackgroundMasker masker = BackgroundMasker.of(List.of(image(SHAPE, 0)));
        Players players = Players.perChannel(SHAPE);
        assertMessage(IllegalArgumentException.class, () -> ExactExplainer.builder(null, players, masker),
                "model must not be null");
        assertMessage(IllegalArgumentException.class, () -> KernelExplainer.builder(SUM, null, masker),
                "players must not be null");
        assertMessage(IllegalArgumentException.class, () -> PermutationExplainer.builder(SUM, players, null),
                "masker must not be null");
        Explainer e = ExactExplainer.builder(SUM, players, masker).build();
        assertMessage(IllegalArgumentException.class, () -> e.explain(null), "image must not be null");
        assertMessage(IllegalArgumentException.class, () -> e.explainAll(null), "list is null");
    }

    @Test
    void budgetsOutOfRangeAreNamed() {
        BackgroundMasker masker = BackgroundMasker.of(List.of(image(SHAPE, 0)));
        Players players = Players.perChannel(SHAPE);
        assertMessage(IllegalArgumentException.class,
                () -> KernelExplainer.builder(SUM, players, masker).budget(-5), "Kernel budget", "-5");
        assertMessage(IllegalArgumentException.class,
                () -> PermutationExplainer.builder(SUM, players, masker).permutations(3_000_000_000L),
                "Permutation budget", "3000000000");
        assertMessage(IllegalArgumentException.class,
                () -> PermutationExplainer.builder(SUM, players, masker).permutations(0), "Permutation budget", "0");
    }

    @Test
    void emptyBackground() {
        assertMessage(IllegalArgumentException.class, () -> BackgroundMasker.of(List.of()), "background is empty");
        assertMessage(IllegalArgumentException.class, () -> BaselineMasker.channelMeans(List.of()), "background is empty");
    }

    @Test
    void backgroundOfAnotherShape() {
        BackgroundMasker masker = BackgroundMasker.of(List.of(image(new ImageShape(4, 4, 5), 0)));
        Explainer e = ExactExplainer.builder(SUM, Players.perChannel(SHAPE), masker).build();
        assertMessage(IllegalArgumentException.class, () -> e.explain(image(SHAPE, 1)), "background", "4x4x5", "3x4x5");
        BackgroundMasker wrongSize = BackgroundMasker.of(List.of(image(new ImageShape(3, 5, 5), 0)));
        Explainer e2 = ExactExplainer.builder(SUM, Players.perChannel(SHAPE), wrongSize).build();
        assertMessage(IllegalArgumentException.class, () -> e2.explain(image(SHAPE, 1)), "3x5x5", "3x4x5");
        assertMessage(IllegalArgumentException.class, () -> Replacements.uniform(List.of(image(SHAPE, 0),
                image(new ImageShape(3, 4, 4), 0))), "background image 1", "3x4x4");
    }

    @Test
    void imageOfAnotherShapeThanThePlayers() {
        Explainer e = ExactExplainer.builder(SUM, Players.perChannel(SHAPE), BaselineMasker.zeros()).build();
        assertMessage(IllegalArgumentException.class, () -> e.explain(image(new ImageShape(2, 4, 5), 1)),
                "image has shape 2x4x5", "3x4x5");
    }

    @Test
    void overlappingAndEmptyPlayers() {
        assertMessage(IllegalArgumentException.class, () -> ChannelGroups.of(new int[] {0, 1}, new int[] {1, 2}),
                "channel 1", "groups 0", "overlap");
        assertMessage(IllegalArgumentException.class, () -> ChannelGroups.of(new int[] {0}, new int[] {}),
                "channel group 1", "empty");
        assertMessage(IllegalArgumentException.class, () -> Players.of(SHAPE, ChannelGroups.of(new int[] {0}, new int[] {5})),
                "channel 5", "3 channels");
        assertMessage(IllegalArgumentException.class, () -> Players.of(SHAPE, PixelRegions.grid(5, 5, 2, 2)),
                "5x5", "4x5");
        Players overlapping = new Players() {
            @Override
            public ImageShape imageShape() {
                return SHAPE;
            }

            @Override
            public int count() {
                return 2;
            }

            @Override
            public List<String> names() {
                return List.of("a", "b");
            }

            @Override
            public int[] elements(int player) {
                return player == 0 ? new int[] {0, 1, 2} : new int[] {2, 3};
            }

            @Override
            public boolean coverAllElements() {
                return false;
            }
        };
        assertMessage(IllegalArgumentException.class,
                () -> new CoalitionEvaluator(SUM, overlapping, EvaluationOptions.defaults()),
                "players 0 (a) and 1 (b) overlap", "row 0, column 2");
    }

    @Test
    void nanOrInfiniteImages() {
        double[] v = new double[SHAPE.size()];
        v[SHAPE.index(2, 3, 1)] = Double.NaN;
        assertMessage(IllegalArgumentException.class, () -> Image.of(SHAPE, v), "NaN", "channel 2, row 3, column 1");
        v[SHAPE.index(2, 3, 1)] = Double.POSITIVE_INFINITY;
        assertMessage(IllegalArgumentException.class, () -> Image.of(SHAPE, v), "Infinity");
    }

    @Test
    void nanModelOutput() {
        Model nan = Model.perImage(OutputShape.map(4, 5), (batch, n, dest, off) -> {
            for (int i = 0; i < 20; i++) {
                dest[off + i] = i == 7 && batch.get(n, 0, 0, 0) > 0.5 ? Double.NaN : 0;
            }
        });
        Explainer e = ExactExplainer.builder(nan, Players.perChannel(SHAPE), BaselineMasker.zeros()).build();
        assertMessage(IllegalStateException.class, () -> e.explain(image(SHAPE, 1)), "model output 7", "NaN",
                "[0, 1, 2]");
    }

    @Test
    void modelOutputSizeThatChanges() {
        AtomicInteger calls = new AtomicInteger();
        Model changing = new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return OutputShape.map(4, 5);
            }

            @Override
            public double[] predict(io.github.segshap.core.image.ImageBatch batch) {
                return new double[batch.count() * (calls.incrementAndGet() == 1 ? 20 : 19)];
            }
        };
        Explainer e = ExactExplainer.builder(changing, Players.perChannel(SHAPE), BaselineMasker.zeros())
                .memoryBudget(1).build();
        assertMessage(IllegalStateException.class, () -> e.explain(image(SHAPE, 1)), "returned 19 values",
                "[1, 4, 5]", "must not change");
    }

    @Test
    void budgetSmallerThanMPlus2() {
        Players players = Players.of(SHAPE, PixelRegions.grid(4, 5, 2, 2));
        assertMessage(IllegalArgumentException.class,
                () -> KernelExplainer.builder(SUM, players, BaselineMasker.zeros()).budget(5).build(),
                "budget of 5", "4 players", "M + 2 = 6");
    }

    @Test
    void tooManyPlayersForExact() {
        ImageShape big = new ImageShape(1, 8, 8);
        Players players = Players.of(big, PixelRegions.grid(8, 8, 8, 8));
        Model m = Model.perImage(OutputShape.of(1), (batch, n, dest, off) -> dest[off] = 0);
        assertMessage(IllegalArgumentException.class,
                () -> ExactExplainer.builder(m, players, BaselineMasker.zeros()).build(), "2^64", "64 players",
                "limit of 20");
    }

    @Test
    void hierarchyThatDoesNotCoverThePlayers() {
        Players players = Players.perChannel(SHAPE);
        assertMessage(IllegalArgumentException.class, () -> PartitionExplainer.builder(SUM, players,
                BaselineMasker.zeros()).hierarchy(PlayerHierarchy.parse("{{0},{1}}")).build(), "does not cover player 2");
        assertMessage(IllegalArgumentException.class, () -> PartitionExplainer.builder(SUM, players,
                BaselineMasker.zeros()).hierarchy(PlayerHierarchy.parse("{{0,1},{1,2}}")).build(), "player 1 more than once");
        assertMessage(IllegalArgumentException.class, () -> PartitionExplainer.builder(SUM, players,
                BaselineMasker.zeros()).hierarchy(PlayerHierarchy.parse("{{0,1},{2,3}}")).build(), "player 3",
                "only 3 players");
        assertMessage(IllegalArgumentException.class, () -> PlayerHierarchy.parse("{{0,1},{2"), "missing '}'");
    }

    @Test
    void additivityFailureNamesTheWorstOutput() {
        Explanation e = Explanation.builder(List.of("a"), OutputShape.map(2, 2)).baseValues(new double[4])
                .values(new double[][] {{1, 1, 1, 1}}).outputs(new double[] {1, 1, 1.5, 1}).build();
        AdditivityException ex = assertThrows(AdditivityException.class, () -> e.checkAdditivity(1e-3));
        assertEquals(2, ex.outputIndex());
        assertEquals(0.5, ex.residual(), 1e-15);
        assertEquals(1e-3, ex.tolerance());
        assertTrue(ex.getMessage().contains("output 2") && ex.getMessage().contains("[0, 1, 0]"), ex.getMessage());
    }

    @Test
    void emptyImageList() {
        Explainer e = ExactExplainer.builder(SUM, Players.perChannel(SHAPE), BaselineMasker.zeros()).build();
        assertMessage(IllegalArgumentException.class, () -> e.explainAll(List.of()), "no images", "empty");
    }
}
