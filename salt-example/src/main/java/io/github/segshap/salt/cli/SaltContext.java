package io.github.segshap.salt.cli;

import io.github.segshap.salt.workflow.SaltWorkflow;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the salt subcommands get from the program, passed to their constructors by the command
 * line's factory ({@link io.github.segshap.command.ContextFactory}).
 *
 * @param console    where progress lines and the summary go
 * @param customizer called with each workflow before it runs (tests hook in here)
 */
record SaltContext(PrintStream console, Consumer<SaltWorkflow> customizer) {
    SaltContext {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(customizer, "customizer");
    }
}
