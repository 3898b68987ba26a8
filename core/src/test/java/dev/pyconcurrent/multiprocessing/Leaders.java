package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests of an owner's thread reading a child's connection itself ({@code Broker.Session.lead}) share. */
final class Leaders {
    private Leaders() {
    }

    /** @return whether {@code t} is reading a connection itself, as a waiting {@code recv} or {@code get} lent one does */
    static boolean leads(java.lang.Thread t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("lead"));
    }

    /** Waits until {@code t} reads the child's connection itself. */
    static void awaitLeading(java.lang.Thread t) {
        Waits.until(t.getName() + " reads the child's connection", () -> leads(t));
    }

    /**
     * Runs {@code n} round trips, each on a thread of its own that ends after it, and counts the file descriptors
     * this process has more afterwards.
     *
     * @param roundTrip sends {@code k} to the child and waits for its answer (leading its connection meanwhile)
     * @param expected  the answer to {@code k}
     * @return descriptors open after the round trips less those open before
     */
    static long descriptorsLeftByThreads(int n, IntFunction<Object> roundTrip, IntFunction<Object> expected) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds));
        long before = count(fds);
        for (int i = 0; i < n; i++) {
            int k = i;
            CompletableFuture<Object> got = new CompletableFuture<>();
            java.lang.Thread t = new java.lang.Thread(() -> got.complete(roundTrip.apply(k)));
            t.start();
            assertThat(got.get(60, TimeUnit.SECONDS)).isEqualTo(expected.apply(k));
            t.join();
        }
        return count(fds) - before;
    }

    private static long count(Path fds) throws Exception {
        try (var l = Files.list(fds)) {
            return l.count();
        }
    }
}
