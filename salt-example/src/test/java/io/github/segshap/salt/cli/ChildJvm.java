package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the salt command in a child JVM (real exit codes, its own environment and native runtime). */
final class ChildJvm {
    /** What the child printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    private ChildJvm() {
    }

    /** The main class on the test class path, with these environment variables set. */
    static Result main(Map<String, String> environment, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                SaltCommand.class.getName()));
        cmd.addAll(List.of(args));
        return run(cmd, environment, workDir);
    }

    /** {@code java -jar jar args} in {@code workDir}. */
    static Result jar(Path jar, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of(), workDir);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result run(List<String> cmd, Map<String, String> environment, Path workDir)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the child JVM did not finish: " + cmd);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
