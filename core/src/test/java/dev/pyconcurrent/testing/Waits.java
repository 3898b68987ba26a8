package dev.pyconcurrent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests. Never "sleep then assume blocked": poll a condition
 * against a deadline and fail with a message when it does not come true.
 *
 * <p>The poll interval starts at 1 ms and doubles up to {@link #MAX_POLL_MILLIS}, so a condition
 * that is soon true is seen at once and an expensive one (a round trip to a child JVM or a cluster
 * member) is not asked a thousand times a second. The other modules' tests use this class through
 * core's test jar.
 */
public final class Waits {
    /** Long enough for a loaded 2-core machine; far below the global JUnit timeout. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    /** For conditions that wait on child JVMs or cluster members starting on a loaded machine. */
    public static final Duration SLOW = Duration.ofSeconds(60);

    /** The longest pause between two polls. */
    static final long MAX_POLL_MILLIS = 16;

    private Waits() {
    }

    /** Polls {@code condition} until true, failing with {@code what} after {@link #DEFAULT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, DEFAULT);
    }

    /** Polls {@code condition} until true, failing with {@code what} after {@code timeout}. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                java.lang.Thread.sleep(pause);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
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
