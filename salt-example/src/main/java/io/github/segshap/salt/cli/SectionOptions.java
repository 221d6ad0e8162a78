package io.github.segshap.salt.cli;

import io.github.segshap.command.SizeArgument;
import picocli.CommandLine.Option;

/** The section options of {@code salt explain-section} (a picocli mixin). */
final class SectionOptions {
    @Option(names = "--section-tiles", paramLabel = "ROWSxCOLUMNS",
            description = "Size of the synthetic section in TGS tiles' worth (101 raw samples each; default: "
                    + "${DEFAULT-VALUE}).")
    String tiles = "3x5";

    @Option(names = "--stride", paramLabel = SizeArgument.LABEL,
            description = "Samples between tile origins, at most the tile size (the model's input size; default: 5/8 "
                    + "of the tile, rounded up: 15 for the seed resolution's 24).")
    String stride;

    /** Rows and columns of tiles. */
    int[] tiles() {
        String[] p = tiles.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int r = Integer.parseInt(p[0].trim());
                int c = Integer.parseInt(p[1].trim());
                if (r >= 1 && c >= 1) {
                    return new int[] {r, c};
                }
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("--section-tiles must be ROWSxCOLUMNS, e.g. 3x5; got " + tiles);
    }

    /** The stride {@code {rows, columns}}, or {@code null} for the default (5/8 of the tile). */
    int[] stride() {
        return stride == null ? null : SizeArgument.parse(stride, "--stride");
    }
}
