package dev.pyconcurrent.threading;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** JVM exit and daemon threads, checked in a child JVM running {@link KeepAliveMain}. */
class ThreadExitTest {

    private static final long WAIT_SECONDS = 60;

    /** A child JVM whose output lines are collected by a reader thread. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();

        Child(String mode) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KeepAliveMain.class.getName(), mode)
                    .redirectErrorStream(true)
                    .start();
            java.lang.Thread reader = new java.lang.Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        all.add(line);
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child went away
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        void expectLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(line).as("line starting %s; output so far %s", prefix, all).isNotNull();
                if (line.startsWith(prefix)) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void nonDaemonThreadKeepsTheJvmAliveUntilItEnds() throws Exception {
        // Python: the interpreter waits for non-daemon threads before exiting
        try (Child child = new Child("nondaemon")) {
            child.expectLine("main-exit MainThread");
            child.expectLine("main-ended");
            // main() has returned and the main thread is gone: only our thread holds the JVM
            assertThat(child.process.isAlive()).isTrue();
            try (OutputStream stdin = child.process.getOutputStream()) {
                stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("child exits").isTrue();
            assertThat(child.process.exitValue()).isZero();
            child.expectLine("thread-done");
        }
    }

    @Test
    void daemonThreadDoesNotBlockExit() throws Exception {
        // Python: daemon threads are killed when the main program ends (SCENARIOS T3)
        try (Child child = new Child("daemon")) {
            child.expectLine("main-exit MainThread");
            // nothing is written to stdin: the daemon thread would wait forever
            assertThat(child.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("child exits").isTrue();
            assertThat(child.process.exitValue()).isZero();
            child.process.getInputStream().close();
            assertThat(child.all).doesNotContain("thread-done");
        }
    }
}
