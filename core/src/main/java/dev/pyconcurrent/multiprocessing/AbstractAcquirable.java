package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.threading.Acquirable;

import java.time.Duration;

/**
 * The {@link Acquirable} front of the cross-process locks, semaphores and conditions,
 * written once: Python's {@code acquire(blocking=True, timeout=-1)} as four overloads, and
 * {@code with x:} as {@link #hold()}, all on one {@link #acquireNanos(long)}. Stateless:
 * the state lives where the subclass keeps it (the owner's broker, or shared memory).
 */
abstract class AbstractAcquirable implements Acquirable {
    /** For {@link #acquireNanos}: one attempt, no wait (the broker's {@code RemoteRef.NO_WAIT}). */
    static final long NO_WAIT = -1L;
    /** For {@link #acquireNanos}: no limit (the broker's {@code RemoteRef.FOREVER}). */
    static final long FOREVER = Long.MAX_VALUE;

    /**
     * Acquires within a time limit.
     *
     * @param nanos the limit in nanoseconds, {@link #FOREVER} or {@link #NO_WAIT}
     * @return whether it was acquired
     */
    abstract boolean acquireNanos(long nanos);

    /**
     * Python: {@code acquire()}; blocks until acquired.
     *
     * @return {@code true}
     */
    @Override
    public final boolean acquire() {
        return acquireNanos(FOREVER);
    }

    /**
     * Python: {@code acquire(blocking)}; with {@code false}, tries once without waiting.
     *
     * @param blocking whether to wait until acquired
     * @return whether it was acquired
     */
    @Override
    public final boolean acquire(boolean blocking) {
        return acquireNanos(blocking ? FOREVER : NO_WAIT);
    }

    /**
     * Python: {@code acquire(timeout=seconds)}.
     *
     * @param timeout longest wait in seconds; infinity, or exactly -1 as in Python, waits forever
     * @return whether it was acquired in time
     * @throws IllegalArgumentException if the timeout is NaN or negative other than -1
     */
    @Override
    public final boolean acquire(double timeout) {
        return acquireNanos(Timeouts.acquireNanos(timeout));
    }

    /**
     * Python: {@code acquire(timeout=...)}.
     *
     * @param timeout longest wait
     * @return whether it was acquired in time
     * @throws IllegalArgumentException if the timeout is negative
     */
    @Override
    public final boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code with x:}; acquires (blocking).
     *
     * @return a {@link Held} whose {@code close()} releases once
     */
    @Override
    public final Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }
}
