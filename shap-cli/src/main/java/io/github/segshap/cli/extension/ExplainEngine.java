package io.github.segshap.cli.extension;

import io.github.segshap.cli.command.ExplainRequest;

/**
 * An engine of {@code segshap explain --engine NAME} that another jar brings (segshap-spark.jar's
 * {@code spark}); the local engine is the command's own. An engine takes the checked, immutable
 * {@link ExplainRequest} and gives the same numbers as the local engine for the same request.
 */
public interface ExplainEngine {
    /** The name {@code --engine} takes. */
    String name();

    /**
     * Explains what {@code request} asks.
     *
     * @return the exit code (0 when every image was explained)
     * @throws io.github.segshap.command.CommandException for a failure the user can fix
     */
    int explain(ExplainRequest request);
}
