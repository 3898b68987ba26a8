package dev.pyconcurrent.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example's {@code main} in a fresh JVM with this test's class path. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** What the child did: whether it exited within the limit, its exit code, and its output. */
    record Run(boolean exited, int exitCode, String stdout) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    static Run run(Class<?> main, long limitSeconds, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        File out = File.createTempFile("example-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out)
                    .start();
            boolean exited = process.waitFor(limitSeconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            return new Run(exited, exited ? process.exitValue() : -1, text);
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
