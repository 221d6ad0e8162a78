package io.github.segshap.core.provenance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One wording of the padding: the salt example's older one is read as PaddedModel's. */
class PaddingWordsTest {
    @Test
    void theSaltExamplesOlderPaddingReadsAsTheModelsOwn() {
        Provenance old = Provenance.builder("exact")
                .padding("mirror (NumPy reflect) 101x101 to 104x104, outputs cropped back").build();
        Provenance now = Provenance.builder("exact").padding("mirror to 104x104").build();
        assertEquals("mirror to 104x104", old.padding());
        assertTrue(old.sameRecipe(now), "a saved salt sample still matches");
        assertEquals("none", Provenance.builder("exact").build().padding());
        assertEquals("reflect 3x4 to 4x4", Provenance.builder("exact").padding("reflect 3x4 to 4x4").build().padding());
    }
}
