package dev.pyconcurrent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests. Never "sleep then assume blocked": poll a condition
 * against a deadline and fail with a message when it does not come true.
 */
public final class Waits {
    /** Long enough for a loaded 2-core machine; far below the global JUnit timeout. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Waits() {
    }

    /** Polls {@code condition} until true, failing with {@code what} after {@link #DEFAULT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, DEFAULT);
    }

    /** Polls {@code condition} until true, failing with {@code what} after {@code timeout}. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                java.lang.Thread.sleep(1);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** Waits until {@code t} is parked or waiting (blocked in a lock, condition or sleep). */
    public static void untilBlocked(java.lang.Thread t) {
        until(t.getName() + " to block", () -> {
            java.lang.Thread.State s = t.getState();
            return s == java.lang.Thread.State.WAITING || s == java.lang.Thread.State.TIMED_WAITING
                    || s == java.lang.Thread.State.BLOCKED;
        });
    }
}
