package io.github.segshap.salt.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.salt.prepare.data.SaltDataset;
import io.github.segshap.salt.prepare.data.SaltDatasetReader;
import io.github.segshap.salt.prepare.data.SaltSample;
import io.github.segshap.salt.prepare.data.SyntheticSaltGenerator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A section is prepared as the training tiles were: one tile as a section is the prepared tile, bit for bit. */
class SectionPreparationTest {
    @TempDir
    Path dir;

    /** A small synthetic data set in {@code dir/data}. */
    private Path data() {
        return SyntheticSaltGenerator.builder().count(30).seed(5).build().writeTo(dir.resolve("data"));
    }

    private static PreparedData prepare(Path data, ResolutionMode mode) {
        return DataPipeline.builder().dataDir(data).resolution(mode).progressBars(false).build().run();
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aTileAsASectionIsThePreparedTile(ResolutionMode mode) {
        Path data = data();
        PreparedData prepared = prepare(data, mode);
        Map<String, SaltSample> raw = SaltDatasetReader.builder().build().read(data).byId();
        SplitData train = prepared.train();
        for (int i = 0; i < 3; i++) {
            SaltSample s = raw.get(train.ids().get(i));
            Image section = SectionPreparation.prepare(s.imageAsDoubles(), s.height(), s.width(), prepared);
            assertEquals(new ImageShape(4, mode.size(), mode.size()), section.shape());
            float[] tile = train.image(i);
            double[] expected = new double[tile.length];
            for (int k = 0; k < tile.length; k++) {
                expected[k] = tile[k];
            }
            assertArrayEquals(expected, section.toArray(), "tile " + s.id() + " in " + mode);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aSectionOfAnySizeIsScaledAsTheTilesWere(ResolutionMode mode) {
        Path data = data();
        PreparedData prepared = prepare(data, mode);
        SaltDataset raw = SaltDatasetReader.builder().build().read(data);
        double[] tile = raw.byId().get(prepared.train().ids().get(0)).imageAsDoubles();
        double[] grey = new double[202 * 303];
        for (int k = 0; k < grey.length; k++) {
            grey[k] = tile[k % tile.length];
        }
        Image section = SectionPreparation.prepare(grey, 202, 303, prepared);
        // seed: [::2] 101 x 152, resized by 48 / 51 to 95 x 143, [::2] 48 x 72
        ImageShape expected = mode == ResolutionMode.SEED ? new ImageShape(4, 48, 72) : new ImageShape(4, 202, 303);
        assertEquals(expected, section.shape());
    }
}
