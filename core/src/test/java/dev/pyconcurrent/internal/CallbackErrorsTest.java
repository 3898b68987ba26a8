package dev.pyconcurrent.internal;

import dev.pyconcurrent.futures.BrokenThreadPoolException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.multiprocessing.AsyncResult;
import dev.pyconcurrent.multiprocessing.ThreadPool;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Exceptions raised by callbacks reach the user: through slf4j, or on stderr when slf4j has no provider. */
class CallbackErrorsTest {

    @Test
    void aBoundProviderIsUsed() {
        // Python: with a handler configured, records go to the handler, not to the last resort
        // (this test JVM has slf4j-simple on its class path)
        assertThat(LazyLogger.hasProvider()).isTrue();
        assertThat(new LazyLogger(CallbackErrorsTest.class).get()).isNotInstanceOf(LastResortLogger.class);
    }

    @Test
    void withoutProviderCallbackExceptionsAreOnStderr() throws Exception {
        // Python: an exception in a done-callback, an apply_async callback or an initializer is printed, not lost
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(CallbackErrors.class, LoggerFactory.class, NoProviderMain.class)) {
            classPath.add(location(c));
        }
        assertThat(String.join(",", classPath)).doesNotContain("slf4j-simple");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File err = File.createTempFile("callback-errors-", ".err");
        try {
            Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classPath),
                    NoProviderMain.class.getName())
                    .redirectError(err)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exits").isTrue();
            String text = Files.readString(err.toPath(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(text).isZero();
            assertThat(text).as("slf4j is not started without a provider, so prints no warning")
                    .doesNotContain("SLF4J");
            assertThat(text).contains("exception calling callback for <Future",
                    "java.lang.IllegalStateException: done-callback boom",
                    "callback of an async result raised",
                    "java.lang.IllegalArgumentException: applyAsync callback boom",
                    "error callback of an async result raised",
                    "java.lang.UnsupportedOperationException: error callback boom",
                    "Exception in initializer:",
                    "java.lang.IllegalStateException: initializer boom",
                    "\tat dev.pyconcurrent.internal.CallbackErrorsTest$NoProviderMain");
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs in a JVM with core and slf4j-api only: three callbacks and an initializer that raise. */
    public static final class NoProviderMain {
        public static void main(String[] args) {
            try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
                Future<Integer> f = ex.submit(() -> 1);
                f.result();
                f.addDoneCallback(done -> {
                    throw new IllegalStateException("done-callback boom");
                });
            }
            try (ThreadPool pool = new ThreadPool(1)) {
                AsyncResult<Integer> ok = pool.applyAsync(() -> 2, r -> {
                    throw new IllegalArgumentException("applyAsync callback boom");
                });
                ok.get();
                AsyncResult<Integer> failed = pool.applyAsync(() -> {
                    throw new ArithmeticException("task failed");
                }, r -> { }, e -> {
                    throw new UnsupportedOperationException("error callback boom");
                });
                failed.await();
            }
            try (ThreadPoolExecutor broken = new ThreadPoolExecutor(1, "init", () -> {
                throw new IllegalStateException("initializer boom");
            })) {
                Future<Integer> f = broken.submit(() -> 3);
                if (!(f.exception() instanceof BrokenThreadPoolException)) {
                    throw new AssertionError("expected a broken pool, got " + f.exception());
                }
            }
        }
    }
}
