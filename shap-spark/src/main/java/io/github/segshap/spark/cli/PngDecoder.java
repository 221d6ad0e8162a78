package io.github.segshap.spark.cli;

import io.github.segshap.command.CommandException;
import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.spark.input.ImageDecoder;
import io.github.segshap.spark.input.ImageRows;

import java.nio.file.Path;
import java.util.List;

/**
 * PNG files as the command line reads them ({@link ImageFiles#readPng}), one image each, for a
 * shap-spark job; a file that is not a grey or RGB PNG is an {@link IllegalArgumentException} (its
 * image fails alone).
 */
public record PngDecoder() implements ImageDecoder {
    private static final long serialVersionUID = 1L;

    @Override
    public ImageRows decode(Path file) {
        try {
            return ImageRows.of(List.of(ImageFiles.readPng(file, "--images")));
        } catch (CommandException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
