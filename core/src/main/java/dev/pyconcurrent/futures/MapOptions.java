package dev.pyconcurrent.futures;

import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options of {@link Executor#map}: fluent and immutable (each setter returns a new object).
 * Python: the keyword arguments {@code timeout}, {@code chunksize} and {@code buffersize} of {@code Executor.map}.
 *
 * <pre>{@code
 * executor.map(fn, items, MapOptions.defaults().timeout(5).buffersize(100));
 * }</pre>
 */
public final class MapOptions {
    private static final long NO_TIMEOUT = -1;
    private static final MapOptions DEFAULTS = new MapOptions(NO_TIMEOUT, 1, 0);

    private final long timeoutNanos;   // NO_TIMEOUT: wait forever
    private final int chunksize;       // >= 1
    private final int buffersize;      // 0: submit everything at once

    private MapOptions(long timeoutNanos, int chunksize, int buffersize) {
        this.timeoutNanos = timeoutNanos;
        this.chunksize = chunksize;
        this.buffersize = buffersize;
    }

    /**
     * No timeout, chunksize 1, no buffersize. Python's defaults.
     * @return the default options
     */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The whole map must finish within {@code seconds}, counted from the {@code map} call.
     * Python: {@code timeout=}.
     *
     * @param seconds the timeout; negative or NaN: {@link IllegalArgumentException}
     * @return new options
     */
    public MapOptions timeout(double seconds) {
        return new MapOptions(Timeouts.toNanos(seconds), chunksize, buffersize);
    }

    /**
     * As {@link #timeout(double)}. Python: {@code map(..., timeout=t)}.
     *
     * @param t the timeout; negative: {@link IllegalArgumentException}
     * @return new options
     */
    public MapOptions timeout(Duration t) {
        return new MapOptions(Timeouts.toNanos(t), chunksize, buffersize);
    }

    /**
     * Items per message to a process pool's worker; ignored by thread pools, as in Python.
     * Python: {@code chunksize=}.
     *
     * @param n at least 1, else {@link IllegalArgumentException}
     * @return new options
     */
    public MapOptions chunksize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1, got " + n);
        }
        return new MapOptions(timeoutNanos, n, buffersize);
    }

    /**
     * At most {@code n} items submitted ahead of the consumer; the input is read lazily, so an endless
     * {@link Iterable} works. Python 3.14: {@code buffersize=}.
     *
     * @param n at least 1, else {@link IllegalArgumentException}
     * @return new options
     */
    public MapOptions buffersize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("buffersize must be None or > 0, got " + n);
        }
        return new MapOptions(timeoutNanos, chunksize, n);
    }

    /**
     * Returns the timeout, or empty for none.
     *
     * @return the timeout, or empty for none
     */
    public Optional<Duration> getTimeout() {
        return timeoutNanos == NO_TIMEOUT ? Optional.empty() : Optional.of(Duration.ofNanos(timeoutNanos));
    }

    /**
     * Returns the timeout in nanoseconds, {@link Long#MAX_VALUE} for none.
     *
     * @return the timeout in nanoseconds, {@link Long#MAX_VALUE} for none
     */
    public long getTimeoutNanos() {
        return timeoutNanos == NO_TIMEOUT ? Long.MAX_VALUE : timeoutNanos;
    }

    /**
     * Returns the chunk size, 1 by default.
     *
     * @return the chunk size, 1 by default
     */
    public int getChunksize() {
        return chunksize;
    }

    /**
     * Returns the buffer size, or empty for "submit everything at once".
     *
     * @return the buffer size, or empty for "submit everything at once"
     */
    public OptionalInt getBuffersize() {
        return buffersize == 0 ? OptionalInt.empty() : OptionalInt.of(buffersize);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapOptions m && m.timeoutNanos == timeoutNanos
                && m.chunksize == chunksize && m.buffersize == buffersize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeoutNanos, chunksize, buffersize);
    }

    @Override
    public String toString() {
        return "MapOptions[timeout=" + getTimeout().map(Duration::toString).orElse("None")
                + ", chunksize=" + chunksize
                + ", buffersize=" + (buffersize == 0 ? "None" : Integer.toString(buffersize)) + "]";
    }
}
