package dev.pyconcurrent.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition against a deadline (no fixed sleeps deciding anything). */
final class Waits {
    private Waits() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, Duration.ofSeconds(60));
    }

    static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
