package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A counting semaphore. Python: {@code threading.Semaphore}.
 *
 * <p>Model: one counter, {@code value >= 0} at all times. {@code acquire} waits while
 * {@code value == 0}, then decrements it; {@code release(n)} adds {@code n} and wakes up
 * to {@code n} waiters. Like {@link Lock}, a semaphore has no owner: any thread may
 * release. The bounded variant, {@link BoundedSemaphore}, additionally keeps
 * {@code value <= initial value}: a release that would exceed it changes nothing and
 * throws {@link IllegalStateException}{@code ("Semaphore released too many times")};
 * the check and the update are one compare-and-set, so two racing over-releases cannot
 * both get through.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(5);
 * try (Held h = slots.hold()) {   // with slots:
 *     download();
 * }
 * }</pre>
 *
 * <p>Memory effects: actions before a {@code release} happen-before actions after a
 * successful {@code acquire} that takes what it released.
 */
public class Semaphore implements Acquirable {

    /** AQS state = value. Non-fair: a caller may take a free unit ahead of queued waiters. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        /** Upper bound on the value, or -1 for none (plain Semaphore). */
        private final int bound;

        Sync(int value, int bound) {
            setState(value);
            this.bound = bound;
        }

        @Override
        protected int tryAcquireShared(int acquires) {
            for (;;) {
                int available = getState();
                int remaining = available - acquires;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int releases) {
            for (;;) {
                int current = getState();
                long next = (long) current + releases;
                if (bound >= 0 && next > bound) {
                    // Nothing was added: the value is left as it was.
                    throw new IllegalStateException("Semaphore released too many times");
                }
                if (next > Integer.MAX_VALUE) {
                    throw new Error("Maximum permit count exceeded");
                }
                if (compareAndSetState(current, (int) next)) {
                    return true;
                }
            }
        }

        int value() {
            return getState();
        }
    }

    private final Sync sync;

    /** A semaphore with value 1. Python: {@code threading.Semaphore()}. */
    public Semaphore() {
        this(1);
    }

    /**
     * Python: {@code threading.Semaphore(value)}.
     *
     * @param value the initial value
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public Semaphore(int value) {
        this(value, false);
    }

    /** For {@link BoundedSemaphore}: with {@code bounded}, the value may never exceed {@code value}. */
    Semaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        this.sync = new Sync(value, bounded ? value : -1);
    }

    /** Blocks until the value is positive, then decrements it. Python: {@code acquire()}. */
    @Override
    public boolean acquire() {
        try {
            sync.acquireSharedInterruptibly(1);
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /** Python: {@code acquire(blocking)}. */
    @Override
    public boolean acquire(boolean blocking) {
        return blocking ? acquire() : sync.tryAcquireShared(1) >= 0;
    }

    /** Python: {@code acquire(timeout=seconds)}. */
    @Override
    public boolean acquire(double timeout) {
        return acquireNanos(Timeouts.acquireNanos(timeout));
    }

    /** Python: {@code acquire(timeout=...)}. */
    @Override
    public boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    private boolean acquireNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return acquire();
        }
        try {
            return sync.tryAcquireSharedNanos(1, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /** Adds one to the value, waking a waiter. Python: {@code release()}. */
    @Override
    public void release() {
        sync.releaseShared(1);
    }

    /**
     * Adds {@code n} to the value, waking up to {@code n} waiters. Python: {@code release(n)}.
     *
     * @param n how much to add
     * @throws IllegalArgumentException if {@code n < 1} ("n must be one or more")
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be one or more");
        }
        sync.releaseShared(n);
    }

    /**
     * Python: the {@code _value} attribute.
     * @return the current value (a snapshot)
     */
    public int getValue() {
        return sync.value();
    }

    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    /** Python's repr: {@code <Semaphore at 0x1b6d3586: value=3>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " at 0x" + Integer.toHexString(System.identityHashCode(this))
                + ": value=" + getValue() + ">";
    }
}
