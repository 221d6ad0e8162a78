package io.github.segshap.cli.extension;

import io.github.segshap.cli.SegshapCommand;
import io.github.segshap.command.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extensions merge their subcommands and engines and refuse a name twice; without segshap-dl4j's and
 * segshap-spark's extensions (shap-cli's class path), {@code export-onnx} and {@code --engine spark}
 * name the jar that has them, with the exit codes of a model problem and a usage error.
 */
class ExtensionsTest {
    @TempDir
    Path dir;

    @Command(name = "hello")
    static final class Hello implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    record Engine(String name) implements ExplainEngine {
        @Override
        public int explain(io.github.segshap.cli.command.ExplainRequest request) {
            return 0;
        }
    }

    @Test
    void subcommandsAndEnginesAreFoundByName() {
        SegshapExtension a = new SegshapExtension() {
            @Override
            public List<Class<?>> subcommands() {
                return List.of(Hello.class);
            }
        };
        SegshapExtension b = new SegshapExtension() {
            @Override
            public List<ExplainEngine> engines() {
                return List.of(new Engine("fast"));
            }
        };
        Extensions e = Extensions.of(List.of(a, b));
        assertTrue(e.hasSubcommand("hello"));
        assertEquals(Hello.class, e.subcommands().get("hello"));
        assertEquals("fast", e.engine("fast").orElseThrow().name());
        assertTrue(e.engine("spark").isEmpty());
    }

    @Test
    void aNameAddedTwiceOrAClassWithoutCommandIsRefused() {
        SegshapExtension twice = new SegshapExtension() {
            @Override
            public List<ExplainEngine> engines() {
                return List.of(new Engine("fast"), new Engine("fast"));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Extensions.of(List.of(twice)));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
        SegshapExtension plain = new SegshapExtension() {
            @Override
            public List<Class<?>> subcommands() {
                return List.of(String.class);
            }
        };
        e = assertThrows(IllegalStateException.class, () -> Extensions.of(List.of(plain)));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void exportOnnxWithoutDl4jNamesSegshapDl4jJar() {
        String[] out = new String[1];
        int exit = run(out, "export-onnx", "--model", dir.resolve("model.zip").toString(), "--out",
                dir.resolve("m.onnx").toString());
        assertEquals(ExitCode.MODEL.code(), exit, out[0]);
        assertTrue(out[0].contains(Extensions.DL4J_JAR), out[0]);
        assertEquals(0, run(out, "export-onnx", "--help"), out[0]);
        assertTrue(out[0].contains(Extensions.DL4J_JAR), out[0]);
    }

    @Test
    void sparkEngineWithoutSparkSaysHowToRunIt() throws Exception {
        Path images = Files.writeString(dir.resolve("images.npy"), "not read");
        Path model = Files.writeString(dir.resolve("model.onnx"), "not read");
        String[] out = new String[1];
        int exit = run(out, "explain", "--engine", "spark", "--model", model.toString(), "--images",
                images.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.USAGE.code(), exit, out[0]);
        assertTrue(out[0].contains("spark-submit") && out[0].contains(Extensions.SPARK_JAR), out[0]);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    private static int run(String[] output, String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        CommandLine cl = SegshapCommand.commandLine(new SegshapCommand(new PrintStream(console, true,
                StandardCharsets.UTF_8), UnaryOperator.identity()));
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        int exit = cl.execute(args);
        output[0] = console.toString(StandardCharsets.UTF_8) + text;
        return exit;
    }
}
