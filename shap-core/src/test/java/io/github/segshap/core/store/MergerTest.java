package io.github.segshap.core.store;

import io.github.segshap.core.explanation.Explanation;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.io.CorruptFolderException;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one merge of a store's units: the same bytes as {@link ExplanationFolder#write} of the whole
 * batch, from a store of one unit per image or of batches in any order; a missing, damaged or
 * foreign unit is named and leaves the target as it was; and its heap does not grow with the number
 * of images (a child JVM with a small heap merges what it could not hold).
 */
class MergerTest {
    private static final String FP = "image_fingerprint";

    @TempDir
    Path tmp;

    static Provenance recipe(long seed) {
        return Provenance.builder("kernel").seed(seed).players(List.of("a", "b", "c"), "channels")
                .created("2026-01-02T03:04:05Z").build();
    }

    /** {@code n} images 2 x h x h, 3 players, one output plane, with inputs, labels and standard errors. */
    static Explanations images(int n, int h, long seed, Provenance p) {
        SplittableRandom r = new SplittableRandom(seed);
        OutputShape os = OutputShape.of(1, h, h);
        ImageShape is = new ImageShape(2, h, h);
        List<String> ids = new ArrayList<>();
        List<Image> inputs = new ArrayList<>();
        List<Explanation> items = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        int k = h * h;
        for (int i = 0; i < n; i++) {
            double[][] values = new double[3][k];
            double[][] se = new double[3][k];
            double[] base = new double[k];
            double[] out = new double[k];
            boolean[] mask = new boolean[k];
            for (int o = 0; o < k; o++) {
                base[o] = r.nextDouble();
                out[o] = base[o];
                for (int q = 0; q < 3; q++) {
                    values[q][o] = r.nextGaussian();
                    se[q][o] = r.nextDouble();
                    out[o] += values[q][o];
                }
                mask[o] = r.nextBoolean();
            }
            double[] pixels = new double[is.size()];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = r.nextGaussian();
            }
            ids.add("img" + i);
            inputs.add(Image.of(is, pixels));
            labels.add(mask);
            items.add(Explanation.builder(List.of("a", "b", "c"), os).baseValues(base).outputs(out).values(values)
                    .standardErrors(se).modelEvaluations(100 + i).explainer("kernel").build());
        }
        return Explanations.of(ids, inputs, items, is, p).withLabels(labels);
    }

    /** One unit per image, each stamped with the recipe and its own fingerprint (as a Spark job writes them). */
    static ResultStore perImage(Path dir, Explanations all, Provenance recipe) {
        ResultStore store = ResultStore.at(dir);
        for (int i = 0; i < all.size(); i++) {
            Explanations one = all.subset(i);
            store.put(all.id(i), one.withProvenance(recipe.withExtra(FP, Fingerprint.ofImages(one.inputs()))));
        }
        return store;
    }

    static void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String f : ExplanationFolder.FILES) {
            assertEquals(Files.exists(expected.resolve(f)), Files.exists(actual.resolve(f)), f);
            if (Files.exists(expected.resolve(f))) {
                assertEquals(-1, Files.mismatch(expected.resolve(f), actual.resolve(f)), f + " differs");
            }
        }
        assertEquals(-1, Files.mismatch(expected.resolve(ExplanationFolder.JSON), actual.resolve(ExplanationFolder.JSON)),
                Files.readString(expected.resolve(ExplanationFolder.JSON)) + "\n----\n"
                        + Files.readString(actual.resolve(ExplanationFolder.JSON)));
    }

    @Test
    void perImageUnitsMergeToTheBytesOfTheWholeBatchWritten() throws IOException {
        Explanations all = images(7, 4, 1, recipe(1));
        Path whole = ExplanationFolder.write(all.withProvenance(recipe(1).withExtra("images_fingerprint",
                Fingerprint.ofImages(all.inputs()))), tmp.resolve("whole"));
        ResultStore store = perImage(tmp.resolve("images"), all, recipe(1));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Merger.Merged m = Merger.of(store, all.ids()).recipe(recipe(1), p -> p.withoutExtra(FP))
                .imagesFingerprint("images_fingerprint").into(out);
        assertSameFiles(whole, out);
        assertEquals(all.ids(), m.ids());
        assertEquals(List.of("a", "b", "c"), m.players());
        assertEquals(all.maxAbsResidual(), m.maxAbsResidual());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(out.resolve(ExplanationFolder.PARTIAL_PREFIX + "files")));
        Merger.of(store, all.ids()).recipe(recipe(1), p -> p.withoutExtra(FP)).imagesFingerprint("images_fingerprint")
                .into(out);
        assertSameFiles(whole, out);   // rerunnable: the same bytes again
    }

    @Test
    void batchesInAnyOrderMergeInTheOrderOfTheIds() throws IOException {
        Explanations all = images(6, 3, 2, recipe(1));
        Path whole = ExplanationFolder.write(all, tmp.resolve("whole"));
        ResultStore store = ResultStore.at(tmp.resolve("batches"));
        store.put("0-5", all.subset(0, 5));   // a batch of images that are not neighbours
        store.put("1-2", all.subset(1, 2));
        store.put("3-4", all.subset(3, 4));
        Merger.of(store, all.ids()).unitOf(store.unitsById()::get).recipe(recipe(1), UnaryOperator.identity())
                .into(tmp.resolve("out"));
        assertSameFiles(whole, tmp.resolve("out"));
    }

    @Test
    void aDamagedMissingOrForeignUnitIsNamedAndNothingIsWritten() throws IOException {
        Explanations all = images(4, 3, 3, recipe(1));
        ResultStore store = perImage(tmp.resolve("images"), all, recipe(1));
        Path out = tmp.resolve("out");
        Merger merger = Merger.of(store, all.ids()).recipe(recipe(1), p -> p.withoutExtra(FP));

        Path damaged = store.folder("img2").resolve("contributions.npy");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 3] ^= 1;
        Files.write(damaged, bytes);
        CorruptFolderException c = assertThrows(CorruptFolderException.class, () -> merger.into(out));
        assertEquals(damaged, c.file());
        assertNothingWritten(out);

        store.remove("img2");
        MissingUnitException missing = assertThrows(MissingUnitException.class, () -> merger.into(out));
        assertEquals("img2", missing.id());
        assertTrue(missing.getMessage().contains("img2"), missing.getMessage());
        assertNothingWritten(out);

        store.put("img2", all.subset(2).withProvenance(recipe(9).withExtra(FP, "x")));
        OtherRecipeException other = assertThrows(OtherRecipeException.class, () -> merger.into(out));
        assertEquals(List.of("seed"), other.differences());
        assertNothingWritten(out);

        store.put("img2", all.subset(1).withProvenance(recipe(1)));   // the folder of another image
        assertThrows(CorruptFolderException.class, () -> merger.into(out));
        assertNothingWritten(out);
    }

    private static void assertNothingWritten(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "the target holds nothing after a refused merge");
        }
    }

    /**
     * Images of the memory test: 64 x 64, so that 240 of them take about 80 MB in memory (3 players
     * with standard errors, 2 input channels, masks).
     */
    private static final int BIG = 64;
    private static final int COUNT = 240;
    private static final String HEAP = "-Xmx40m";

    @Test
    void theMergesHeapDoesNotGrowWithTheImages() throws Exception {
        Path dir = tmp.resolve("images");
        ResultStore store = ResultStore.at(dir);
        for (int i = 0; i < COUNT; i += 20) {   // written 20 at a time: this JVM holds no more either
            Explanations part = images(20, BIG, i, recipe(1));
            for (int j = 0; j < 20; j++) {
                Explanations one = part.subset(j);
                String id = "img" + (i + j);
                store.put(id, Explanations.of(List.of(id), one.inputs(), one.all(), one.imageShape(), recipe(1))
                        .withLabels(one.labels()));
            }
        }
        Path out = tmp.resolve("out");
        Child streamed = child("stream", dir, out);
        assertEquals(0, streamed.exit, streamed.output);
        assertEquals(COUNT, ExplanationFolder.readIds(out).size());
        Child everything = child("load", dir, tmp.resolve("out2"));
        assertNotEquals(0, everything.exit, "loading every image must not fit in " + HEAP + ", or the bound proves "
                + "nothing: " + everything.output);
        assertTrue(everything.output.contains("OutOfMemoryError"), everything.output);
    }

    record Child(int exit, String output) {
    }

    private static Child child(String mode, Path dir, Path out) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), MergeMain.class.getName(), mode, dir.toString(),
                out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Child(p.exitValue(), output);
    }

    /** The child JVM: {@code stream DIR OUT} merges with the {@link Merger}; {@code load DIR OUT} holds every image first. */
    public static final class MergeMain {
        public static void main(String[] args) {
            ResultStore store = ResultStore.at(Path.of(args[1]));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                ids.add("img" + i);
            }
            if (args[0].equals("stream")) {
                Merger.of(store, ids).into(Path.of(args[2]));
            } else {
                ExplanationFolder.write(store.merge(ids), Path.of(args[2]));
            }
        }
    }
}
