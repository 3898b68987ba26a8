package dev.pyconcurrent.threading;

import dev.pyconcurrent.testing.Waits;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Thread.setVirtual: JDK 21+ runs the thread on a virtual thread; JDK 17 refuses with a clear message. */
class VirtualThreadTest {
    private static final long WAIT_SECONDS = 60;

    static boolean jdk21() {
        return Runtime.version().feature() >= 21;
    }

    /** java.lang.Thread.isVirtual(), which this release-17 test cannot call directly. */
    static boolean isVirtual(java.lang.Thread t) {
        try {
            return (Boolean) java.lang.Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void onJdk17SetVirtualFailsNamingTheJdkNeeded() {
        // Python has no virtual threads: on a JDK without them the option fails at once, saying what is needed
        assumeTrue(!jdk21(), "runs only on JDK 17 to 20");
        Thread t = new Thread(() -> { });
        assertThatThrownBy(() -> t.setVirtual(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK 21").hasMessageContaining(Runtime.version().toString());
        assertThat(t.isVirtual()).isFalse();
        t.setVirtual(false);
    }

    @Test
    void aVirtualThreadRunsItsTargetLikeAnyThread() {
        // Python: Thread(target=f).start(); join() — the same facade, here on a virtual thread
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        AtomicReference<java.lang.Thread> ranOn = new AtomicReference<>();
        AtomicReference<Thread> facade = new AtomicReference<>();
        Thread t = new Thread(() -> {
            ranOn.set(java.lang.Thread.currentThread());
            facade.set(Threading.currentThread());
        }, "fetcher");
        t.setVirtual(true);
        assertThat(t.isVirtual()).isTrue();
        t.start();
        t.join();
        assertThat(isVirtual(ranOn.get())).isTrue();
        assertThat(ranOn.get().getName()).isEqualTo("fetcher");
        assertThat(facade.get()).isSameAs(t);
        assertThat(t.getNativeId()).isEqualTo(t.getIdent());
        assertThat(t.isAlive()).isFalse();
        assertThatThrownBy(() -> t.setVirtual(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("active thread");
    }

    @Test
    void aVirtualThreadIsListedByEnumerateWhileItRuns() {
        // Python: threading.enumerate() lists every alive Thread
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        });
        t.setVirtual(true);
        t.start();
        try {
            assertThat(Threading.enumerate()).contains(t);
            assertThat(t.isAlive()).isTrue();
        } finally {
            release.countDown();
        }
        t.join();
        assertThat(Threading.enumerate()).doesNotContain(t);
    }

    @Test
    void aThreadStartedFromANonDaemonVirtualThreadIsNotDaemon() {
        // Python: a new thread inherits the daemon flag of the thread that creates it
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        AtomicBoolean childDaemon = new AtomicBoolean(true);
        Thread t = new Thread(() -> childDaemon.set(new Thread(() -> { }).isDaemon()), "parent", false);
        t.setVirtual(true);
        t.start();
        t.join();
        assertThat(childDaemon).isFalse();
        Waits.until("the keep-alive thread to end", () -> !VirtualKeepAlive.keeping());
    }

    @Test
    void aNonDaemonVirtualThreadKeepsTheJvmAliveUntilItEnds() throws Exception {
        // Python: the interpreter waits for non-daemon threads before exiting (a JVM does not wait for virtual ones)
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        try (Child child = new Child("nondaemon")) {
            child.expectLine("main-exit MainThread");
            child.expectLine("main-ended");
            assertThat(child.process.isAlive()).isTrue();
            try (OutputStream stdin = child.process.getOutputStream()) {
                stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("child exits").isTrue();
            assertThat(child.process.exitValue()).isZero();
            assertThat(child.all).contains("thread-done");
        }
    }

    @Test
    void aDaemonVirtualThreadDoesNotKeepTheJvmAlive() throws Exception {
        // Python: daemon threads are abandoned at exit
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        try (Child child = new Child("daemon")) {
            assertThat(child.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("child exits").isTrue();
            assertThat(child.process.exitValue()).isZero();
            assertThat(child.all).contains("main-exit MainThread").doesNotContain("thread-done");
        }
    }

    /** A child JVM running {@link KeepAliveMain} with a virtual worker; its output lines are collected. */
    private static final class Child implements AutoCloseable {
        final java.lang.Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();

        Child(String mode) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KeepAliveMain.class.getName(), mode, "virtual").redirectErrorStream(true).start();
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
}
