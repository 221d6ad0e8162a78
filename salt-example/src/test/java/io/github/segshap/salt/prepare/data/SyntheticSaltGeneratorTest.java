package io.github.segshap.salt.prepare.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSaltGeneratorTest {

    @Test
    void deterministicAndSeedControlled() {
        SyntheticSaltGenerator a = SyntheticSaltGenerator.builder().count(60).seed(5).build();
        SyntheticSaltGenerator b = SyntheticSaltGenerator.builder().count(60).seed(5).build();
        SyntheticSaltGenerator c = SyntheticSaltGenerator.builder().count(60).seed(6).build();
        int differ = 0;
        for (int i = 0; i < 60; i++) {
            assertEquals(a.sample(i).id(), b.sample(i).id());
            assertArrayEquals(a.sample(i).image(), b.sample(i).image());
            assertArrayEquals(a.sample(i).mask(), b.sample(i).mask());
            if (!java.util.Arrays.equals(a.sample(i).image(), c.sample(i).image())) {
                differ++;
            }
        }
        assertTrue(differ > 50, "another seed gives other images");
    }

    @Test
    void masksAreExactlyTheBodiesAndTheMixIsSaltLike() {
        SyntheticSaltGenerator g = SyntheticSaltGenerator.builder().count(400).build();
        int empty = 0;
        int constant = 0;
        int bodies = 0;
        Set<String> ids = new HashSet<>();
        for (SyntheticSaltGenerator.Sample s : g.samples()) {
            assertTrue(s.id().matches("[0-9a-f]{10}"), s.id());
            assertTrue(ids.add(s.id()), "duplicate id " + s.id());
            boolean[] mask = s.mask();
            boolean any = false;
            for (int r = 0; r < 101; r++) {
                for (int c = 0; c < 101; c++) {
                    boolean inside = s.body().isPresent() && s.body().get().contains(r, c);
                    assertEquals(inside, mask[r * 101 + c], s.id() + " at " + r + "," + c);
                    any |= inside;
                }
            }
            empty += any ? 0 : 1;
            bodies += s.body().isPresent() ? 1 : 0;
            byte[] img = s.image();
            boolean same = true;
            for (byte v : img) {
                same &= v == img[0];
            }
            constant += same ? 1 : 0;
        }
        assertTrue(empty > 80 && empty < 240, "some empty masks: " + empty);
        assertTrue(constant >= 1 && constant < 20, "a few constant images: " + constant);
        assertTrue(bodies > 200, "bodies: " + bodies);
    }

    @Test
    void writesTheTgsLayoutThatTheReaderReadsBack(@TempDir Path dir) throws IOException {
        SyntheticSaltGenerator g = SyntheticSaltGenerator.builder().count(30).seed(11).build();
        Path out = g.writeTo(dir.resolve("synthetic"));
        SaltDataset ds = SaltDatasetReader.builder().build().read(out);
        assertEquals(30, ds.size());
        assertTrue(ds.skipped().isEmpty());
        for (int i = 0; i < 30; i++) {
            SyntheticSaltGenerator.Sample s = g.sample(i);
            SaltSample read = ds.byId().get(s.id());
            assertArrayEquals(s.image(), read.imageBytes());
            assertArrayEquals(s.mask(), read.mask());
        }
        // a second call reuses the folder; a different generator refuses it
        long modified = Files.getLastModifiedTime(out.resolve("synthetic.properties")).toMillis();
        assertEquals(out, g.writeTo(out));
        assertEquals(modified, Files.getLastModifiedTime(out.resolve("synthetic.properties")).toMillis());
        assertThrows(IllegalStateException.class,
                () -> SyntheticSaltGenerator.builder().count(31).seed(11).build().writeTo(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no temporary folder left behind");
        }
        assertFalse(Files.exists(out.resolve("train/images/.tmp")));
    }
}
