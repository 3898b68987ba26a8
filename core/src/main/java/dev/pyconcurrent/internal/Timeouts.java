package dev.pyconcurrent.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Timeout conversion shared by every blocking call. Python passes timeouts as float
 * seconds; Java callers may also pass a {@link Duration}. Both become nanoseconds,
 * saturated at {@link Long#MAX_VALUE} (which callers treat as "forever").
 *
 * <p>Negative or NaN timeouts are rejected with {@link IllegalArgumentException}
 * naming the value, in one wording everywhere: {@value #NEGATIVE} (Python words it two ways,
 * {@code "timeout value must be a non-negative number"} in {@code threading} and
 * {@code "'timeout' must be a non-negative number"} in {@code queue}). The one exception is
 * {@code acquire(timeout)} of the locks and semaphores ({@link #acquireNanos(double)}), where
 * Python's {@code timeout=-1} means "no limit". Not part of the public API.
 */
public final class Timeouts {
    private Timeouts() {
    }

    /** The start of the message for a negative or NaN timeout. */
    public static final String NEGATIVE = "timeout must be a non-negative number of seconds";

    /** The timeout of Python's {@code lock.acquire(timeout=-1)}: no limit. */
    public static final double NO_LIMIT = -1;

    /**
     * Nanoseconds for an {@code acquire(timeout)}: exactly {@code -1} is Python's "no limit" and gives
     * {@link Long#MAX_VALUE}; otherwise as {@link #toNanos(double)}.
     * @param seconds a timeout in seconds, or -1
     * @return the timeout in nanoseconds
     * @throws IllegalArgumentException if {@code seconds} is NaN or negative other than -1
     */
    public static long acquireNanos(double seconds) {
        if (seconds == NO_LIMIT) {
            return Long.MAX_VALUE;
        }
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException(NEGATIVE + " or -1 (no limit), got " + seconds);
        }
        return toNanos(seconds);
    }

    /**
     * Nanoseconds in {@code seconds}; +infinity and very large values saturate to {@link Long#MAX_VALUE}.
     * @param seconds a timeout in seconds
     * @return the timeout in nanoseconds
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public static long toNanos(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException(NEGATIVE + ", got " + seconds);
        }
        double nanos = seconds * 1e9;
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    /**
     * Nanoseconds in {@code timeout}, saturated; {@code null} is a {@link NullPointerException}.
     * @param timeout a timeout
     * @return the timeout in nanoseconds
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(NEGATIVE + ", got " + timeout);
        }
        return TimeUnit.NANOSECONDS.convert(timeout);   // saturates at Long.MAX_VALUE
    }

    /**
     * The {@link System#nanoTime()} deadline {@code nanos} from now, saturated.
     * @param nanos a timeout in nanoseconds
     * @return the deadline, for {@link #remaining(long)}
     */
    public static long deadline(long nanos) {
        long now = System.nanoTime();
        long d = now + nanos;
        // overflow: treat as "never"
        return (nanos > 0 && d - now < 0) ? now + Long.MAX_VALUE : d;
    }

    /**
     * Nanoseconds left until {@code deadline} (may be zero or negative).
     * @param deadline a value from {@link #deadline(long)}
     * @return the nanoseconds left
     */
    public static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }
}
