package io.github.segshap.cli.model;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.model.ModelFormat;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.onnx.graph.OnnxGraph;
import io.github.segshap.onnx.graph.OnnxGraph.Dim;
import io.github.segshap.onnx.graph.OnnxGraph.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files loaded through the formats on the class path and fitted with their input spec. */
class ModelFilesTest {
    @TempDir
    Path dir;

    /** An NHWC identity-like net of 3 channels: Transpose to NCHW, Sigmoid, one map out. */
    private Path nhwcNet(String name) {
        OnnxGraph g = new OnnxGraph("t", 13);
        String x = g.input("image", ElementType.FLOAT, Dim.of("N"), Dim.of("H"), Dim.of("W"), Dim.of(3));
        String y = g.node("ReduceMean", List.of(x), OnnxGraph.Attribute.ints("axes", 3),
                OnnxGraph.Attribute.integer("keepdims", 1));
        y = g.node("Sigmoid", List.of(y));
        g.output(y, "mask", ElementType.FLOAT, Dim.of("N"), Dim.of("H"), Dim.of("W"), Dim.of(1));
        Path file = dir.resolve(name);
        g.write(file);
        return file;
    }

    @Test
    void bothFormatsAreOnTheCommandLinesClassPath() {
        List<String> names = ModelFormat.available().stream().map(ModelFormat::name).toList();
        assertEquals(List.of("DL4J model zip", "ONNX"), names);
    }

    @Test
    void aFileNoFormatReadsListsTheFormatsThereAre() throws Exception {
        Path text = Files.writeString(dir.resolve("model.txt"), "not a model");
        CommandException e = assertThrows(CommandException.class, () -> ModelFiles.load(text, null, null));
        assertEquals(ExitCode.MODEL, e.exitCode());
        assertTrue(e.getMessage().contains("no model format on the class path reads it")
                && e.getMessage().contains("ONNX (*.onnx)") && e.getMessage().contains("DL4J model zip"), e.getMessage());
    }

    @Test
    void anOnnxFileIsLoadedThroughItsFormatAndSaysItsLayout() {
        Path file = nhwcNet("net.onnx");
        try (LoadedModel m = ModelFiles.load(file, null, null)) {
            assertEquals(Layout.NHWC, m.inputLayout());
            assertTrue(m.description().startsWith("ONNX model net.onnx (input 'image' [-1, -1, -1, 3] NHWC"),
                    m.description());
            ImageShape shape = new ImageShape(3, 5, 5);
            assertSame(m, ModelFiles.fit(m, shape, Layout.NHWC, true, "--images x"), "nothing to pad");
            CommandException e = assertThrows(CommandException.class,
                    () -> ModelFiles.fit(m, new ImageShape(5, 3, 5), Layout.NCHW, false, "--images x"));
            assertTrue(e.getMessage().contains("the images were read as nchw, the model takes nhwc"), e.getMessage());
            CommandException names = assertThrows(CommandException.class, () -> ModelFiles.load(file, null, "nope"));
            assertEquals(ExitCode.MODEL, names.exitCode());
        }
    }

    @Test
    void aPaddedFitIsThePaddingDecorator() {
        OnnxGraph g = new OnnxGraph("fixed", 13);
        String x = g.input("image", ElementType.FLOAT, Dim.of("N"), Dim.of(1), Dim.of(8), Dim.of(8));
        g.output(g.node("Sigmoid", List.of(x)), "mask", ElementType.FLOAT, Dim.of("N"), Dim.of(1), Dim.of(8),
                Dim.of(8));
        Path file = dir.resolve("fixed.onnx");
        g.write(file);
        try (LoadedModel m = ModelFiles.load(file, null, null)) {
            ImageShape shape = new ImageShape(1, 6, 7);
            LoadedModel fitted = ModelFiles.fit(m, shape, Layout.NCHW, true, "--images x");
            assertInstanceOf(PaddedModel.class, fitted.model());
            assertEquals("mirror to 8x8", fitted.model().record(shape).padding());
            java.util.List<String> said = new java.util.ArrayList<>();
            ModelFiles.fit(m, shape, Layout.NCHW, true, "--images x", said::add);
            assertEquals(java.util.List.of("padding 7x6 images to 8x8 (mirror) for the model; outputs cropped back"),
                    said, "--pad auto says on the console when it pads");
            CommandException e = assertThrows(CommandException.class,
                    () -> ModelFiles.fit(m, shape, Layout.NCHW, false, "--images x"));
            assertTrue(e.getMessage().contains("--pad auto"), e.getMessage());
        }
    }
}
