package io.github.segshap.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.core.image.Layout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PNG folder's entries that cannot be images are named with exit 4, never skipped or misread. */
@Tag("campaign")
class PngFolderFaultsTest {
    @TempDir
    Path dir;

    private Path folderWithOnePng() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("pngs"));
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("a.png").toFile());
        return folder;
    }

    private static CommandException refused(Path folder) {
        CommandException e = assertThrows(CommandException.class, () -> ImageFiles.read(folder, Layout.NCHW, "--images"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e.getMessage());
        return e;
    }

    @Test
    void aDanglingLinkIsNamed() throws IOException {
        Path folder = folderWithOnePng();
        Files.createSymbolicLink(folder.resolve("b.png"), dir.resolve("gone.png"));
        String m = refused(folder).getMessage();
        assertTrue(m.contains("b.png") && m.contains("symbolic link to nothing"), m);
    }

    @Test
    void aLinkLoopIsNamed() throws IOException {
        Path folder = folderWithOnePng();
        Files.createSymbolicLink(folder.resolve("c.png"), folder.resolve("d.png"));
        Files.createSymbolicLink(folder.resolve("d.png"), folder.resolve("c.png"));
        String m = refused(folder).getMessage();
        assertTrue(m.contains("c.png") && m.contains("symbolic link"), m);
    }

    @Test
    void aJpegNamedPngIsNamed() throws IOException {
        Path folder = folderWithOnePng();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "jpg", folder.resolve("e.png").toFile());
        String m = refused(folder).getMessage();
        assertTrue(m.contains("e.png") && m.contains("not a PNG") && m.contains("JPEG"), m);
    }

    @Test
    void aLinkToAPngIsRead() throws IOException {
        Path folder = folderWithOnePng();
        Files.createSymbolicLink(folder.resolve("f.png"), folder.resolve("a.png"));
        assertEquals(2, ImageFiles.read(folder, Layout.NCHW, "--images").size());
    }
}
