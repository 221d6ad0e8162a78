package io.github.segshap.core.segmentation;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.masking.BackgroundMasker;
import io.github.segshap.core.masking.Masker;
import io.github.segshap.core.masking.Replacements;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import io.github.segshap.core.provenance.Versions;
import io.github.segshap.core.testing.GaussianImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageExplainerTest {
    private static final ImageShape SHAPE = new ImageShape(3, 4, 5);
    /** A per-pixel model with interactions between the channels. */
    private static final Model MODEL = Model.perImage(OutputShape.of(1, 4, 5), (ImageBatch b, int n, double[] dest,
                                                                                int off) -> {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                double x0 = b.get(n, 0, r, c);
                double x1 = b.get(n, 1, r, c);
                double x2 = b.get(n, 2, r, c);
                double z = 0.8 * x0 - 0.5 * x1 + 1.3 * x0 * x2 + 0.2 * (r - c) + 0.1 * b.get(n, 1, 0, 0);
                dest[off + r * 5 + c] = 1 / (1 + Math.exp(-z));
            }
        }
    });

    @TempDir
    Path tmp;

    static List<Image> images(int n, ImageShape shape, long seed) {
        return GaussianImages.of(n, shape, seed);
    }

    private static List<String> ids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("sample-" + (char) ('a' + i));
        }
        return out;
    }

    private static void assertSameNumbers(Explanations a, Explanations b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.ids(), b.ids());
        assertEquals(a.playerNames(), b.playerNames());
        for (int i = 0; i < a.size(); i++) {
            Explanation x = a.get(i);
            Explanation y = b.get(i);
            assertArrayEquals(x.baseValues(), y.baseValues(), 0, "base values of image " + i);
            assertArrayEquals(x.outputs(), y.outputs(), 0, "outputs of image " + i);
            for (int p = 0; p < x.players(); p++) {
                double[] u = x.values(p);
                double[] v = y.values(p);
                for (int k = 0; k < u.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(u[k]), Double.doubleToRawLongBits(v[k]),
                            "image " + i + " player " + p + " output " + k + ": " + u[k] + " vs " + v[k]);
                }
            }
            assertEquals(x.standardErrors().isPresent(), y.standardErrors().isPresent());
            if (x.standardErrors().isPresent()) {
                assertArrayEquals(x.standardErrors().get()[0], y.standardErrors().get()[0], 0);
            }
            assertEquals(x.modelEvaluations(), y.modelEvaluations());
        }
    }

    // ---------------------------------------------------------------- defaults and immutability

    @Test
    void defaultsAreTheDocumentedOnes() {
        ExplanationOptions o = ExplanationOptions.defaults();
        assertEquals(100, o.background().size());
        assertEquals(42, o.background().seed());
        assertEquals(42, o.explainer().seed());
        assertEquals(10, ExplanationOptions.EXACT_MAX_PLAYERS);
        assertEquals(1e-6, o.additivity().tolerance());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.evaluation().threads());
        assertTrue(o.evaluation().memoryBudget().isEmpty(), "the model's memory budget by default");
        assertEquals(ExplainerKind.AUTO, o.explainer().kind());
        assertEquals(0, o.explainer().budget());
        assertEquals(0, o.background().summary());
        assertTrue(o.additivity().enabled());
        assertTrue(o.keepInputs());
        assertTrue(o.background().given().isEmpty() && o.background().masker().isEmpty()
                && o.players().given().isEmpty());
        assertTrue(o.recorded().isEmpty());
    }

    @Test
    void changingTheBuilderAfterBuildDoesNotChangeTheOptions() {
        List<String> names = new ArrayList<>(List.of("a", "b", "c"));
        int[][] groups = {{0}, {1, 2}};
        ExplanationOptions.Builder b = ExplanationOptions.builder().channelNames(names).seed(5).explainer(ExplainerKind.KERNEL)
                .budget(64);
        ExplanationOptions built = b.build();
        names.set(0, "changed");
        b.seed(6).explainer(ExplainerKind.EXACT).budget(0).channelGroups(groups, List.of("g0", "g1")).backgroundSize(3);
        groups[1][0] = 0;
        assertEquals(5, built.explainer().seed());
        assertEquals(ExplainerKind.KERNEL, built.explainer().kind());
        assertEquals(64, built.explainer().budget());
        assertEquals(List.of("a", "b", "c"), built.players().channelNames().orElseThrow());
        assertTrue(built.players().groups().isEmpty());
        assertEquals(100, built.background().size());
        assertEquals(1, b.build().players().groups().orElseThrow().channels()[1][0], "the builder copied the groups");
    }

    // ---------------------------------------------------------------- results and provenance

    @Test
    void contributionsAddUpAndTheProvenanceSaysHowTheyWereMade() {
        List<Image> images = images(12, SHAPE, 1);
        ExplanationOptions o = ExplanationOptions.builder().backgroundSize(5).model("test model", "sha256:ab").build();
        Explanations ex = ImageExplainer.of(MODEL, o).explain(ids(12), images);
        assertEquals(12, ex.size());
        assertEquals(List.of("channel 0", "channel 1", "channel 2"), ex.playerNames());
        assertEquals("exact", ex.explainer());
        assertTrue(ex.maxAbsResidual() < 1e-12);
        assertEquals(images, ex.inputs());
        assertEquals(ids(12), ex.ids());

        Provenance p = ex.provenance().orElseThrow();
        List<Integer> drawn = BackgroundDraw.indices(12, 5, 42);
        List<Image> rows = new ArrayList<>();
        List<String> rowIds = new ArrayList<>();
        for (int i : drawn) {
            rows.add(images.get(i));
            rowIds.add(ids(12).get(i));
        }
        assertEquals("exact", p.explainer());
        assertEquals("auto", p.explainerOptions().get("requested_explainer"));
        assertEquals("drawn from the explained images", p.explainerOptions().get("background"));
        assertEquals("background", p.masker());
        assertEquals(5, p.backgroundSize());
        assertEquals(Fingerprint.ofImages(rows), p.backgroundFingerprint());
        assertEquals(rowIds, p.backgroundIds());
        assertEquals(42, p.backgroundSeed());
        assertEquals(42, p.seed());
        assertEquals(0, p.budget());
        assertEquals(ex.playerNames(), p.players());
        assertEquals("channels", p.playerDefinition());
        assertEquals("test model", p.model());
        assertEquals("sha256:ab", p.modelFingerprint());
        assertEquals("none", p.padding());
        assertEquals(Versions.library(), p.libraryVersion());
        assertEquals(Versions.java(), p.javaVersion());
        assertFalse(p.created().isEmpty());
    }

    @Test
    void kernelProvenanceRecordsItsBudgetAndPlayerDefinition() {
        List<Image> images = images(4, SHAPE, 2);
        List<Image> background = images(3, SHAPE, 3);
        ExplanationOptions o = ExplanationOptions.builder().channelGroups(new int[][] {{0}, {1, 2}}, List.of("x", "yz"))
                .patches(2, 2).background(List.of("t1", "t2", "t3"), background).seed(9).build();
        Provenance p = ImageExplainer.of(MODEL, o).provenanceFor(Explanations.indexIds(4), images);
        assertEquals("exact", p.explainer(), "2 groups x 4 patches = 8 players are exact under AUTO");
        o = o.toBuilder().patches(3, 2).build();
        p = ImageExplainer.of(MODEL, o).provenanceFor(Explanations.indexIds(4), images);
        assertEquals("kernel", p.explainer());
        assertEquals(2 * 12 + 2050, p.budget(), "the Kernel default budget 2M + 2050 for M = 12");
        assertEquals("groups 0;1,2 patches 3x2", p.playerDefinition());
        assertEquals("x @ patch (0,0)", p.players().get(0));
        assertEquals(List.of("t1", "t2", "t3"), p.backgroundIds());
        assertEquals("given", p.explainerOptions().get("background"));
        assertEquals(9, p.seed());
    }

    @Test
    void backgroundSummaryGivesKWeightedRows() {
        List<Image> images = images(20, SHAPE, 4);
        ImageExplainer explainer = ImageExplainer.of(MODEL, ExplanationOptions.builder().backgroundSummary(4).build());
        Masker masker = explainer.maskerFor(images);
        Replacements rows = assertInstanceOf(BackgroundMasker.class, masker).background();
        assertEquals(4, rows.count());
        double sum = 0;
        for (int r = 0; r < rows.count(); r++) {
            assertTrue(rows.weight(r) > 0);
            sum += rows.weight(r);
        }
        assertEquals(1, sum, 1e-12);
        Explanations ex = explainer.explain(images);
        Provenance p = ex.provenance().orElseThrow();
        assertEquals("4", p.explainerOptions().get("background_summary"));
        assertEquals(20, p.backgroundSize(), "the rows summarised are recorded");
        assertTrue(ex.maxAbsResidual() < 1e-12);
        Explanations full = ImageExplainer.of(MODEL).explain(images);
        assertEquals(full.get(0).modelEvaluations() - 1, 5 * (ex.get(0).modelEvaluations() - 1),
                "each masked coalition costs 4 model evaluations instead of 20 (the grand coalition 1)");
    }

    @Tag("campaign")
    @Test
    void aSummaryOfAtLeastTheRowsIsTheRowsAndIsNotRecordedAsASummary() {
        List<Image> images = images(4, SHAPE, 4);
        Explanations asked = ImageExplainer.of(MODEL, ExplanationOptions.builder().backgroundSummary(10).build())
                .explain(images);
        Provenance p = asked.provenance().orElseThrow();
        assertFalse(p.explainerOptions().containsKey("background_summary"),
                "10 rows asked of a background of 4: the 4 rows are used, so no summary is recorded: "
                        + p.explainerOptions());
        assertEquals(4, p.backgroundSize());
        Explanations plain = ImageExplainer.of(MODEL).explain(images);
        assertSameNumbers(plain, asked);
        assertEquals(plain.provenance().orElseThrow().explainerOptions(), p.explainerOptions(),
                "the same recipe as no summary at all");
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void streamingGivesTheOneShotResultsAndAsksOnlyForTheCurrentBatch() {
        List<Image> images = images(7, SHAPE, 5);
        List<Image> background = images(4, SHAPE, 6);
        ExplanationOptions o = ExplanationOptions.builder().patches(3, 4).explainer(ExplainerKind.KERNEL).budget(300).seed(3)
                .background(background).threads(2).build();
        ImageExplainer explainer = ImageExplainer.of(MODEL, o);
        Explanations once = explainer.explain(ids(7), images);
        assertEquals(12, once.players());

        AtomicInteger highest = new AtomicInteger(-1);
        List<Image> lazy = new AbstractList<>() {
            @Override
            public Image get(int index) {
                highest.accumulateAndGet(index, Math::max);
                return images.get(index);
            }

            @Override
            public int size() {
                return images.size();
            }
        };
        List<Explanations> parts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        explainer.explain(ids(7), lazy, 3, part -> {
            int end = parts.stream().mapToInt(Explanations::size).sum() + part.size();
            assertEquals(end - 1, highest.get(), "only the images up to this batch were asked for");
            parts.add(part);
            sizes.add(part.size());
        });
        assertEquals(List.of(3, 3, 1), sizes);
        Explanations streamed = Explanations.concat(parts);
        assertSameNumbers(once, streamed);
        assertTrue(once.provenance().orElseThrow().sameRecipe(streamed.provenance().orElseThrow()));
        assertEquals(once.inputs(), streamed.inputs());
    }

    @Test
    void streamingWithADrawnBackgroundDrawsFromTheWholeList() {
        List<Image> images = images(9, SHAPE, 7);
        ImageExplainer explainer = ImageExplainer.of(MODEL, ExplanationOptions.builder().backgroundSize(4)
                .keepInputs(false).build());
        Explanations once = explainer.explain(images);
        List<Explanations> parts = new ArrayList<>();
        explainer.explain(Explanations.indexIds(9), images, 2, parts::add);
        assertEquals(5, parts.size());
        Explanations streamed = Explanations.concat(parts);
        assertSameNumbers(once, streamed);
        assertFalse(streamed.hasInputs());
        assertEquals(once.provenance().orElseThrow().backgroundFingerprint(),
                streamed.provenance().orElseThrow().backgroundFingerprint());
    }

    // ---------------------------------------------------------------- re-creation

    @Test
    void anExactExplanationIsRecreatedFromItsSavedProvenance() {
        List<Image> images = images(6, SHAPE, 8);
        Explanations first = ImageExplainer.of(MODEL, ExplanationOptions.builder().channelNames("a", "b", "c")
                .backgroundSize(4).backgroundSeed(17).build()).explain(ids(6), images);
        Path dir = ExplanationFolder.write(first, tmp.resolve("exact"));
        Explanations saved = ExplanationFolder.read(dir);
        ExplanationOptions again = ExplanationOptions.fromProvenance(saved.provenance().orElseThrow()).build();
        Explanations second = ImageExplainer.of(MODEL, again).explain(saved.ids(), saved.inputs());
        assertSameNumbers(saved, second);
        assertTrue(saved.provenance().orElseThrow().sameRecipe(second.provenance().orElseThrow().withCreated(
                saved.provenance().orElseThrow().created())));
    }

    @Test
    void aSeededKernelExplanationIsRecreatedFromItsSavedProvenance() {
        List<Image> images = images(3, SHAPE, 9);
        List<Image> background = images(5, SHAPE, 10);
        List<String> bgIds = List.of("t0", "t1", "t2", "t3", "t4");
        ExplanationOptions o = ExplanationOptions.builder().channelGroups(new int[][] {{0, 2}, {1}}, List.of("p", "q"))
                .patches(2, 3).explainer(ExplainerKind.KERNEL).budget(200).seed(11).background(bgIds, background)
                .model("the test model", "").build();
        Explanations first = ImageExplainer.of(MODEL, o).explain(ids(3), images);
        assertTrue(first.get(0).standardErrors().isPresent());
        Path dir = ExplanationFolder.write(first, tmp.resolve("kernel"));
        Explanations saved = ExplanationFolder.read(dir);
        ExplanationOptions again = ExplanationOptions.fromProvenance(saved.provenance().orElseThrow())
                .background(bgIds, background).build();
        assertEquals("the test model", again.modelDescription().orElseThrow());
        Explanations second = ImageExplainer.of(MODEL, again).explain(saved.ids(), saved.inputs());
        assertSameNumbers(saved, second);

        Explanations otherSeed = ImageExplainer.of(MODEL, o.toBuilder().seed(12).build()).explain(ids(3), images);
        assertNotEquals(first.get(0).values(0)[0], otherSeed.get(0).values(0)[0], "the seed matters: the test can fail");
    }

    @Test
    void aRecreationWithOtherBackgroundRowsNamesTheMismatch() {
        List<Image> images = images(3, SHAPE, 11);
        List<Image> background = images(5, SHAPE, 12);
        Explanations first = ImageExplainer.of(MODEL, ExplanationOptions.builder().background(background).build())
                .explain(images);
        Provenance recorded = first.provenance().orElseThrow();
        List<Image> other = new ArrayList<>(background);
        other.set(2, images.get(0));
        ImageExplainer wrong = ImageExplainer.of(MODEL, ExplanationOptions.fromProvenance(recorded).background(other)
                .build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.explain(images));
        assertTrue(e.getMessage().contains("background_fingerprint is '" + Fingerprint.ofImages(other)
                + "', recorded '" + recorded.backgroundFingerprint() + "'"), e.getMessage());
        ImageExplainer missing = ImageExplainer.of(MODEL, ExplanationOptions.fromProvenance(recorded).build());
        e = assertThrows(IllegalArgumentException.class, () -> missing.explain(images));
        assertTrue(e.getMessage().contains("explainer_options") && e.getMessage().contains("background_size is '3',"
                + " recorded '5'") && e.getMessage().contains("give again the background rows"), e.getMessage());
    }

    @Test
    void everyPlayerDefinitionIsReadBack() {
        List<Image> images = images(3, SHAPE, 13);
        List<ExplanationOptions> all = List.of(ExplanationOptions.defaults(),
                ExplanationOptions.builder().channelNames("a", "b", "c").build(),
                ExplanationOptions.builder().patches(2, 2).build(),
                ExplanationOptions.builder().channelNames("a", "b", "c").patches(1, 2).build(),
                ExplanationOptions.builder().channelGroups(new int[][] {{2}, {0, 1}}, List.of("g", "h")).build(),
                ExplanationOptions.builder().channelGroups(new int[][] {{2}, {0, 1}}, List.of("g", "h")).patches(2, 1)
                        .build());
        for (ExplanationOptions o : all) {
            Provenance p = ImageExplainer.of(MODEL, o).provenanceFor(Explanations.indexIds(3), images);
            Provenance q = ImageExplainer.of(MODEL, ExplanationOptions.fromProvenance(p).build())
                    .provenanceFor(Explanations.indexIds(3), images);
            assertEquals(p.players(), q.players(), p.playerDefinition());
            assertEquals(p.playerDefinition(), q.playerDefinition());
        }
        Provenance bad = ImageExplainer.of(MODEL).provenanceFor(Explanations.indexIds(3), images).toBuilder()
                .players(List.of("a"), "superpixels 7").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplanationOptions.fromProvenance(bad));
        assertTrue(e.getMessage().contains("'superpixels 7'"), e.getMessage());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputsAreNamed() {
        ImageExplainer explainer = ImageExplainer.of(MODEL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> explainer.explain(List.of()));
        assertTrue(e.getMessage().contains("no images to explain: the list is empty"), e.getMessage());

        List<Image> mixed = new ArrayList<>(images(2, SHAPE, 14));
        mixed.add(images(1, new ImageShape(3, 4, 6), 14).get(0));
        e = assertThrows(IllegalArgumentException.class, () -> explainer.explain(mixed));
        assertTrue(e.getMessage().contains("image 2 has shape 3x4x6 but image 0 has shape 3x4x5"), e.getMessage());

        ImageExplainer withBackground = ImageExplainer.of(MODEL, ExplanationOptions.builder()
                .background(images(2, new ImageShape(3, 5, 5), 15)).build());
        e = assertThrows(IllegalArgumentException.class, () -> withBackground.explain(images(2, SHAPE, 15)));
        assertTrue(e.getMessage().contains("background image 0 has shape 3x5x5 but the explained images have shape "
                + "3x4x5"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> explainer.explain(images(1, SHAPE, 16)));
        assertTrue(e.getMessage().contains("one image and no background"), e.getMessage());

        ImageExplainer twoNames = ImageExplainer.of(MODEL, ExplanationOptions.builder().channelNames("a", "b").build());
        e = assertThrows(IllegalArgumentException.class, () -> twoNames.explain(images(2, SHAPE, 17)));
        assertTrue(e.getMessage().contains("2 channel names [a, b] for images with 3 channels"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> explainer.explain(List.of("x"), images(2, SHAPE, 18)));
        assertTrue(e.getMessage().contains("1 ids for 2 images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> explainer.explain(List.of("x", "x"), images(2, SHAPE, 18)));
        assertTrue(e.getMessage().contains("'x' appears twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> explainer.explain(ids(2), images(2, SHAPE, 18), 0, part -> { }));
        assertTrue(e.getMessage().contains("batch size must be at least 1, got 0"), e.getMessage());

        double[] nan = new double[SHAPE.size()];
        nan[SHAPE.index(2, 1, 3)] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> Image.of(SHAPE, nan));
        assertTrue(e.getMessage().contains("channel 2, row 1, column 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExplanationOptions.builder().backgroundSummary(0));
        assertTrue(e.getMessage().contains("k >= 1, got 0"), e.getMessage());
    }

    @Test
    void backgroundDrawIsSeededAndKeepsOrder() {
        List<Image> images = images(130, new ImageShape(1, 1, 1), 19);
        List<Image> bg = BackgroundDraw.rows(images, 100, 42);
        assertEquals(100, bg.size());
        assertEquals(bg, BackgroundDraw.rows(images, 100, 42));
        assertNotEquals(bg, BackgroundDraw.rows(images, 100, 43));
        assertEquals(images.subList(0, 5), BackgroundDraw.rows(images.subList(0, 5), 100, 42));
        List<Integer> idx = BackgroundDraw.indices(130, 100, 42);
        for (int i = 1; i < idx.size(); i++) {
            assertTrue(idx.get(i - 1) < idx.get(i));
        }
    }

    @Test
    void aModelWithDropoutLeftOnIsNamedBeforeAnythingIsExplained() {
        java.util.Random noise = new java.util.Random(9);
        Model dropout = Model.perImage(OutputShape.of(1, 4, 5), (b, n, dest, off) -> {
            for (int i = 0; i < 20; i++) {
                dest[off + i] = noise.nextBoolean() ? 0 : 2 * b.get(n, 0, i / 5, i % 5);
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageExplainer.of(dropout, ExplanationOptions.defaults()).explain(images(4, SHAPE, 5)));
        assertTrue(e.getMessage().contains("not deterministic"), e.getMessage());
    }

    @Test
    void aPermutationBudgetBeyondAnIntIsNamedNotAnArithmeticError() {
        ExplanationOptions o = ExplanationOptions.builder().explainer(ExplainerKind.PERMUTATION)
                .budget(3_000_000_000L).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageExplainer.of(MODEL, o).explain(images(4, SHAPE, 6)));
        assertTrue(e.getMessage().contains("Permutation budget") && e.getMessage().contains("3000000000"),
                e.getMessage());
    }
}
