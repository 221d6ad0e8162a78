package io.github.segshap.cli;

import io.github.segshap.core.image.ImageBatch;
import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.OutputShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A child process for {@link ResumeFaultsTest}: {@code segshap} with a model that stalls for good
 * once the batch folder named by {@code args[0]} exists (the first batch is whole), so the test can
 * kill the process (SIGKILL) in the middle of the second batch. The rest of the arguments are the
 * command line.
 */
public final class StallingExplain {
    private StallingExplain() {
    }

    public static void main(String[] args) {
        Path firstBatch = Path.of(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        SegshapCommand program = new SegshapCommand(System.out, inner -> new Model() {
            @Override
            public OutputShape outputShape(ImageShape input) {
                return inner.outputShape(input);
            }

            @Override
            public double[] predict(ImageBatch batch) {
                while (Files.isDirectory(firstBatch)) {
                    System.out.println("stalled");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                return inner.predict(batch);
            }

            @Override
            public boolean isThreadSafe() {
                return inner.isThreadSafe();
            }
        });
        System.exit(SegshapCommand.commandLine(program).execute(command));
    }
}
