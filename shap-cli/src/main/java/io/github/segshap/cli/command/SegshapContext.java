package io.github.segshap.cli.command;

import io.github.segshap.core.model.Model;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the {@code segshap} subcommands get from the program, passed to their constructors by the
 * command line's factory ({@link io.github.segshap.command.ContextFactory}).
 *
 * @param console   where progress lines, messages and the summary go
 * @param modelHook applied to every loaded model before it is explained (tests wrap it here)
 */
public record SegshapContext(PrintStream console, UnaryOperator<Model> modelHook) {
    /** Checks the parts. */
    public SegshapContext {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(modelHook, "modelHook");
    }
}
