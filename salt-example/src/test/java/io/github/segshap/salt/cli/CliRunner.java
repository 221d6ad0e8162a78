package io.github.segshap.salt.cli;

import io.github.segshap.salt.workflow.SaltWorkflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the {@code salt} command line in-process and keeps its exit code, output and errors. */
final class CliRunner {

    /** What one execution produced. */
    record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    /**
     * The options of a tiny run (60 synthetic samples, 1 epoch, a small background, 2 threads, no
     * progress bars), each given only to the subcommands that take it.
     *
     * @param background training images in the explanation background
     */
    record Tiny(int background) {
        String[] args(String command, Path out, String... more) {
            boolean all = command.equals("run-all");
            List<String> a = new ArrayList<>(List.of(command, "--out", out.toString(), "--no-progress"));
            if (all || List.of("prepare", "train", "explain").contains(command)) {
                a.addAll(List.of("--synthetic-samples", "60"));
            }
            if (all || command.equals("train")) {
                a.addAll(List.of("--epochs", "1"));
            }
            if (all || command.equals("explain")) {
                a.addAll(List.of("--background", String.valueOf(background), "--threads", "2"));
            }
            a.addAll(List.of(more));
            return a.toArray(String[]::new);
        }
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        return run(w -> { }, args);
    }

    static Run run(Consumer<SaltWorkflow> customizer, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = SaltCommand.commandLine(new SaltCommand(console, customizer));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute(args);
        console.flush();
        return new Run(code, bytes.toString(StandardCharsets.UTF_8) + out, err.toString());
    }
}
