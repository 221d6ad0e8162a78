package io.github.segshap.command.folder;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * The {@code --force} option of both programs (a picocli mixin): replace this program's own results
 * in {@code --out} ({@link OutputFolder#replaceOwn}). A folder that is not the program's stays
 * refused with or without it.
 */
public final class ForceOption {
    @Option(names = "--force",
            description = "Replace this program's own results in --out: removes only the files and folders its "
                    + "marker (.segshap-folder.json) records as written by it, then starts again as in a new folder. "
                    + "Files it did not write stay; a folder that is not its own is still refused.")
    boolean force;

    /** Whether {@code --force} was given. */
    public boolean given() {
        return force;
    }

    /** With {@code --force}, removes what {@code folder}'s marker records as ours; nothing otherwise. */
    public void apply(OutputFolder folder, PrintStream console) {
        if (force) {
            folder.replaceOwn(console);
        }
    }
}
