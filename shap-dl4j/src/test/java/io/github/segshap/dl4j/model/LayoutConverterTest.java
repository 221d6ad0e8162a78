package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.OutputShape;
import io.github.segshap.dl4j.TestNets;
import io.github.segshap.core.image.Layout;
import io.github.segshap.zoo.UNet;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.github.segshap.dl4j.model.ModelFixtures.SHAPE;
import static io.github.segshap.dl4j.model.ModelFixtures.batchValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout detection and the NCHW/NHWC conversions of inputs and outputs. */
class LayoutConverterTest {
    private static final ImageShape SMALL = new ImageShape(2, 2, 3);

    /** Value = 100 x image + 10 x channel + pixel, so every position is recognisable. */
    private static double[] labelled(int images, ImageShape shape) {
        double[] v = new double[images * shape.size()];
        for (int n = 0; n < images; n++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int p = 0; p < shape.pixels(); p++) {
                    v[n * shape.size() + c * shape.pixels() + p] = 100 * n + 10 * c + p;
                }
            }
        }
        return v;
    }

    @Test
    void detectsTheFirstConvolutionsDataFormat() {
        assertEquals(Layout.NCHW, LayoutConverter.detect(TestNets.convNet(3, 6, 5, 2, 1, CNN2DFormat.NCHW)));
        assertEquals(Layout.NHWC, LayoutConverter.detect(TestNets.convNet(3, 6, 5, 2, 1, CNN2DFormat.NHWC)));
        assertEquals(Layout.NCHW, LayoutConverter.detect(TestNets.convGraph(3, 6, 5, 1)));
        assertEquals(Layout.NCHW, LayoutConverter.detect(UNet.builder().filters(2).kernel(3).inputShape(2, 8, 8)
                .build()));
        MultiLayerNetwork nhwc = TestNets.convNet(3, 6, 5, 2, 1, CNN2DFormat.NHWC);
        assertEquals(Layout.NHWC, LayoutConverter.of(nhwc, null).layout());
        assertEquals(Layout.NCHW, LayoutConverter.of(nhwc, Layout.NCHW).layout(), "an explicit layout wins");
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new LayoutConverter(null, DataType.FLOAT));
        assertTrue(e.getMessage().contains("detect"), e.getMessage());
    }

    @Test
    void nchwInputKeepsTheValuesInOrder() {
        double[] v = labelled(3, SMALL);
        INDArray in = new LayoutConverter(Layout.NCHW, DataType.FLOAT).toInput(new ImageBatch(SMALL, 3, v), 1, 2);
        try {
            assertArrayEquals(new long[] {2, 2, 2, 3}, in.shape());
            assertEquals(DataType.FLOAT, in.dataType());
            assertEquals(100 + 10 * 1 + 4, in.getDouble(0, 1, 1, 1), 0.0);
            assertEquals(200 + 5, in.getDouble(1, 0, 1, 2), 0.0);
        } finally {
            in.close();
        }
    }

    @Test
    void nhwcInputPutsChannelsLastInEitherPrecision() {
        double[] v = labelled(2, SMALL);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray in = new LayoutConverter(Layout.NHWC, type).toInput(new ImageBatch(SMALL, 2, v).in(Layout.NHWC), 0, 2);
            try {
                assertArrayEquals(new long[] {2, 2, 3, 2}, in.shape());
                assertEquals(type, in.dataType());
                for (int n = 0; n < 2; n++) {
                    for (int c = 0; c < 2; c++) {
                        for (int p = 0; p < 6; p++) {
                            assertEquals(100 * n + 10 * c + p, in.getDouble(n, p / 3, p % 3, c), 0.0,
                                    type + " image " + n + " channel " + c + " pixel " + p);
                        }
                    }
                }
            } finally {
                in.close();
            }
        }
    }

    @Test
    void nhwcOutputsComeBackChannelsFirst() {
        LayoutConverter nhwc = new LayoutConverter(Layout.NHWC, DataType.FLOAT);
        OutputShape os = nhwc.outputShape(new long[] {1, 2, 3, 4});
        assertEquals(OutputShape.of(4, 2, 3), os, "[1, H, W, C] is C maps of H x W");
        assertEquals(OutputShape.of(4, 2, 3), new LayoutConverter(Layout.NCHW, DataType.FLOAT)
                .outputShape(new long[] {1, 4, 2, 3}));
        double[] channelsFirst = labelled(2, new ImageShape(4, 2, 3));
        INDArray out = nhwc.toInput(new ImageBatch(new ImageShape(4, 2, 3), 2, channelsFirst).in(Layout.NHWC), 0, 2);
        try {
            double[] back = new double[5 + channelsFirst.length];
            nhwc.copyOutput(out, 2, os, back, 5);
            for (int i = 0; i < channelsFirst.length; i++) {
                assertEquals(channelsFirst[i], back[5 + i], 0.0, "value " + i);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> nhwc.copyOutput(out, 3, os, back, 0));
            assertTrue(e.getMessage().contains("[2, 2, 3, 4] for 3 images"), e.getMessage());
        } finally {
            out.close();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> nhwc.outputShape(new long[] {2, 4}));
        assertTrue(e.getMessage().contains("batch dimension of 1"), e.getMessage());
    }

    @Test
    void doubleOutputsAreCopiedExactly() {
        LayoutConverter nchw = new LayoutConverter(Layout.NCHW, DataType.DOUBLE);
        double[] v = {0.1, 1e-17, -3.25, Math.PI};
        INDArray out = Nd4j.create(v, new long[] {2, 2}, 'c');
        double[] dest = new double[4];
        nchw.copyOutput(out, 2, OutputShape.of(2), dest, 0);
        assertArrayEquals(v, dest, 0.0);
        out.close();
    }

    // moved from Dl4jModelTest
    @Test
    void channelsLastNetworkTakesTheSameImages() {
        MultiLayerNetwork nchw = TestNets.convNet(3, 6, 5, 2, 4, CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = TestNets.convNet(3, 6, 5, 2, 4, CNN2DFormat.NHWC);
        nhwc.setParams(nchw.params().dup());
        Dl4jModel a = Dl4jModel.of(nchw);
        Dl4jModel b = Dl4jModel.of(nhwc);
        assertEquals(Layout.NHWC, b.inputSpec().layout());
        assertEquals(OutputShape.of(2, 6, 5), b.outputShape(SHAPE));
        List<Image> images = TestNets.images(3, SHAPE, 4);
        ImageBatch batch = new ImageBatch(SHAPE, 3, batchValues(images));
        assertArrayEquals(a.predict(batch), b.predict(batch), 1e-6);
        assertArrayEquals(b.predict(batch), b.predict(batch.in(Layout.NHWC)),
                "an NHWC batch is taken as it is and gives the same numbers, bit for bit");
    }
}
