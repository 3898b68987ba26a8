package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A primitive, non-reentrant lock. Python: {@code threading.Lock}.
 *
 * <p>Model: two states, UNLOCKED and LOCKED. {@code acquire} moves UNLOCKED → LOCKED,
 * waiting while LOCKED; {@code release} moves LOCKED → UNLOCKED and wakes one waiter.
 * Unlike {@link java.util.concurrent.locks.ReentrantLock} the lock has no owner:
 * <em>any</em> thread may release it (Python allows this, and it makes a {@code Lock}
 * usable as a binary signal). Acquiring it twice in one thread blocks forever, as in
 * Python; use {@link RLock} for reentrancy. Releasing an unlocked lock is an
 * {@link IllegalStateException}{@code ("release unlocked lock")}.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * try (Held h = lock.hold()) {   // with lock:
 *     counter++;
 * }
 * }</pre>
 *
 * <p>Memory effects: actions before a {@code release} happen-before actions after a
 * later successful {@code acquire}, as with any {@link java.util.concurrent.locks.Lock}.
 */
public final class Lock implements Acquirable {

    /** AQS state: 0 = UNLOCKED, 1 = LOCKED. No owner is recorded. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int ignored) {
            // UNLOCKED fails the CAS; of two racing releases of one LOCKED lock, exactly one wins it.
            if (!compareAndSetState(1, 0)) {
                throw new IllegalStateException("release unlocked lock");
            }
            return true;
        }

        boolean isLocked() {
            return getState() != 0;
        }
    }

    private final Sync sync = new Sync();

    /** Creates an unlocked lock. Python: {@code threading.Lock()}. */
    public Lock() {
    }

    @Override
    public boolean acquire() {
        try {
            sync.acquireInterruptibly(1);
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    @Override
    public boolean acquire(boolean blocking) {
        return blocking ? acquire() : sync.tryAcquire(1);
    }

    @Override
    public boolean acquire(double timeout) {
        return acquireNanos(Timeouts.acquireNanos(timeout));
    }

    @Override
    public boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    private boolean acquireNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return acquire();
        }
        try {
            return sync.tryAcquireNanos(1, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Unlocks; any thread may call it. Python: {@code release()}.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    @Override
    public void release() {
        sync.release(1);
    }

    /**
     * Python: {@code locked()}.
     * @return whether some thread holds the lock
     */
    public boolean locked() {
        return sync.isLocked();
    }

    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    /** Acquires, ignoring interrupts (the flag is kept): {@link Condition}'s re-acquire after a wait. */
    void acquireUninterruptibly() {
        sync.acquire(1);
    }

    /** Python's repr: {@code <unlocked Lock>} or {@code <locked Lock>}. */
    @Override
    public String toString() {
        return "<" + (locked() ? "locked" : "unlocked") + " Lock>";
    }
}
