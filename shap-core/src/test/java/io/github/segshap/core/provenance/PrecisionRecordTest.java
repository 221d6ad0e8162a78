package io.github.segshap.core.provenance;

import io.github.segshap.core.io.ProvenanceJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reduced-precision record: its error, its provenance keys written and read back. */
class PrecisionRecordTest {

    @Test
    void theErrorIsTheRelativeRmsAndTheLargestDifference() {
        // differences 0.1, 0, -0.2, 0 against values 1, 2, 2, 0: RMS ratio sqrt(0.05 / 9)
        PrecisionRecord r = PrecisionRecord.measure("int8", "minmax over 2 images (sha256:x)",
                new double[] {1, 2, 2, 0}, new double[] {1.1, 2, 1.8, 0}, List.of("a", "b"));
        assertEquals(Math.sqrt(0.05 / 9), r.relativeRms(), 1e-12);
        assertEquals(0.2, r.maxAbs(), 1e-12);
        assertTrue(r.aboveAdvice());
        assertTrue(r.warning().contains("7.45% RMS"), r.warning());
        PrecisionRecord same = PrecisionRecord.measure("int8", "c", new double[] {1, 2}, new double[] {1, 2},
                List.of("a"));
        assertEquals(0, same.relativeRms());
        assertFalse(same.aboveAdvice());
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecord.measure("int8", "c", new double[] {1}, new double[] {1, 2}, List.of("a")));
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecord.measure("int8", "c", new double[] {1}, new double[] {1}, List.of()));
    }

    @Test
    void theKeysAreWrittenToTheProvenanceAndReadBack() {
        PrecisionRecord r = new PrecisionRecord("int8", "minmax over 16 images (sha256:ab)", 0.0042, 0.0031,
                List.of("img-7", "img-9"));
        Provenance p = r.addTo(Provenance.builder("exact").build());
        assertEquals("int8", p.extra().get(PrecisionRecord.PRECISION));
        assertEquals("2", p.extra().get(PrecisionRecord.IMAGES));
        assertEquals("img-7,img-9", p.extra().get(PrecisionRecord.HELD_OUT_IDS));
        Provenance read = ProvenanceJson.fromJson(ProvenanceJson.toJson(p));
        assertEquals(r, PrecisionRecord.of(read).orElseThrow());
        assertTrue(r.summary().startsWith("int8 passes: contributions within 0.42% RMS of float32"), r.summary());
        assertTrue(r.summary().endsWith("the predictions explained are the int8 model's"), r.summary());
    }

    @Test
    void aProvenanceWithoutTheKeysIsFloat32AndAHalfRecordIsAnError() {
        assertTrue(PrecisionRecord.of(Provenance.builder("exact").build()).isEmpty());
        assertTrue(PrecisionRecord.of(Provenance.builder("exact").extra(PrecisionRecord.PRECISION, "float32").build())
                .isEmpty());
        Provenance half = Provenance.builder("exact").extra(PrecisionRecord.PRECISION, "int8").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecord.of(half));
        assertTrue(e.getMessage().contains(PrecisionRecord.CALIBRATION), e.getMessage());
    }
}
