package io.github.segshap.core.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.segmentation.ImageExplainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs are maps of the image when of its size or smaller by one integer factor; others are refused. */
@Tag("campaign")
class OutputShapeTest {
    private static final ImageShape SALT = new ImageShape(4, 101, 101);
    private static final ImageShape TEXT_LINE = new ImageShape(3, 48, 192);

    @Test
    void mapsOfTheImageOrOfAStrideAreMaps() {
        assertTrue(OutputShape.map(101, 101).isMapOf(SALT));
        assertTrue(OutputShape.of(3, 101, 101).isMapOf(SALT));
        assertTrue(OutputShape.of(2, 26, 26).isMapOf(SALT), "stride 4, rounded up");
        assertTrue(OutputShape.of(2, 25, 25).isMapOf(SALT), "stride 4, rounded down");
        assertTrue(OutputShape.of(101, 101).isMapOf(SALT), "[H, W]");
        assertTrue(OutputShape.of(1, 12, 48).isMapOf(TEXT_LINE), "stride 4 of 48 x 192");
        assertTrue(OutputShape.of(1, 1, 1).isMapOf(SALT), "a stride of the whole image: one value per plane");
    }

    @Test
    void sequencesVectorsAndOtherSizesAreNot() {
        assertFalse(OutputShape.of(1, 24, 6625).isMapOf(TEXT_LINE), "OCR sequence logits");
        assertFalse(OutputShape.of(24, 6625).isMapOf(TEXT_LINE));
        assertFalse(OutputShape.of(10).isMapOf(SALT), "class scores");
        assertFalse(OutputShape.of(1, 26, 51).isMapOf(SALT), "two different factors");
        assertFalse(OutputShape.of(1, 202, 202).isMapOf(SALT), "larger than the image");
        assertFalse(OutputShape.of(1, 30, 30).isMapOf(SALT), "101 / 30 is no integer factor");
    }

    @Test
    void theRefusalNamesTheOutputTheInputAndWhatIsAccepted() {
        OutputShape ocr = OutputShape.of(1, 24, 6625);
        OutputNotAMapException e = assertThrows(OutputNotAMapException.class,
                () -> ocr.requireMapOf(TEXT_LINE, "the recogniser"));
        String m = e.getMessage();
        assertTrue(m.contains("[1, 24, 6625]") && m.contains("3x48x192") && m.contains("the recogniser")
                && m.contains("48x192") && m.contains("12x48 for a stride-4 network"), m);
        OutputShape map = OutputShape.map(48, 192);
        assertSame(map, map.requireMapOf(TEXT_LINE, "a segmenter"));
    }

    @Test
    void theSegmentationFacadeRefusesOutputsThatAreNotMaps() {
        ImageShape shape = new ImageShape(2, 4, 6);
        Model sequence = Model.perImage(OutputShape.of(1, 3, 7), (b, n, dest, off) -> { });
        List<Image> images = List.of(Image.of(shape, new double[48]), Image.of(shape, new double[48]));
        OutputNotAMapException e = assertThrows(OutputNotAMapException.class,
                () -> ImageExplainer.of(sequence).explain(images));
        assertTrue(e.getMessage().contains("[1, 3, 7]") && e.getMessage().contains("2x4x6"), e.getMessage());
    }
}
