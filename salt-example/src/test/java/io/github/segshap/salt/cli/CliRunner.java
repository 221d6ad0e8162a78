package io.github.segshap.salt.cli;

import io.github.segshap.salt.workflow.SaltWorkflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
