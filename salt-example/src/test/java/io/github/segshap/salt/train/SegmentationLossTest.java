package io.github.segshap.salt.train;

import io.github.segshap.zoo.loss.FocalLoss;
import io.github.segshap.zoo.loss.LovaszLoss;
import io.github.segshap.zoo.loss.LossSum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SegmentationLossTest {

    @Test
    void labelsParseBackAndMakeTheirLosses() {
        for (SegmentationLoss l : SegmentationLoss.values()) {
            assertEquals(l, SegmentationLoss.parse(l.label()));
            assertEquals(l, SegmentationLoss.parse(l.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertInstanceOf(FocalLoss.class, SegmentationLoss.FOCAL.create(100));
        assertEquals(new LovaszLoss(100), SegmentationLoss.LOVASZ.create(100));
        assertEquals(new LossSum(new FocalLoss(), 1, new LovaszLoss(100), 100),
                SegmentationLoss.FOCAL_LOVASZ.create(100));
        assertThrows(IllegalArgumentException.class, () -> SegmentationLoss.parse("dice"));
    }
}
