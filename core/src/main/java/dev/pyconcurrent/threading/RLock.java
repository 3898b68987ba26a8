package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A reentrant lock. Python: {@code threading.RLock}.
 *
 * <p>Model: the state is (owner, count). UNLOCKED is (none, 0). {@code acquire} by a
 * thread T moves (none, 0) → (T, 1), or (T, n) → (T, n + 1) at once, and waits while
 * another thread owns it. {@code release} by the owner moves (T, n) → (T, n - 1), and
 * (T, 1) → (none, 0) wakes one waiter. Invariants: count == 0 exactly when there is no
 * owner; only the owner changes the count. Releasing a lock the caller does not own is
 * an {@link IllegalMonitorStateException}{@code ("cannot release un-acquired lock")},
 * Python's {@code RuntimeError}.
 *
 * <pre>{@code
 * RLock lock = new RLock();
 * try (Held outer = lock.hold()) {      // with lock:
 *     try (Held inner = lock.hold()) {  //     with lock:   (same thread: no deadlock)
 *         balance += amount;
 *     }
 * }
 * }</pre>
 *
 * <p>A {@link Condition} over an {@code RLock} releases it fully in {@code await} and
 * restores the same count afterwards.
 *
 * <p>Memory effects: actions before the final {@code release} happen-before actions after
 * a later successful {@code acquire} in another thread.
 */
public final class RLock implements Acquirable {

    /** AQS state = count; the owner is AQS's exclusive owner thread. Non-fair, like Python's. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int acquires) {
            java.lang.Thread current = java.lang.Thread.currentThread();
            int c = getState();
            if (c == 0) {
                if (compareAndSetState(0, acquires)) {
                    setExclusiveOwnerThread(current);
                    return true;
                }
            } else if (getExclusiveOwnerThread() == current) {
                int next = c + acquires;
                if (next < 0) {
                    throw new Error("Maximum lock count exceeded");
                }
                setState(next);
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int releases) {
            if (getExclusiveOwnerThread() != java.lang.Thread.currentThread()) {
                throw new IllegalMonitorStateException("cannot release un-acquired lock");
            }
            int c = getState() - releases;
            boolean free = c == 0;
            if (free) {
                setExclusiveOwnerThread(null);
            }
            setState(c);
            return free;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == java.lang.Thread.currentThread();
        }

        /** Fast path first, as ReentrantLock does; then queue interruptibly. */
        void lockInterruptibly() throws InterruptedException {
            if (java.lang.Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!tryAcquire(1)) {
                acquireInterruptibly(1);
            }
        }

        int count() {
            return getState();
        }

        java.lang.Thread owner() {
            return getExclusiveOwnerThread();
        }
    }

    private final Sync sync = new Sync();

    /** Creates an unlocked reentrant lock. Python: {@code threading.RLock()}. */
    public RLock() {
    }

    /** Blocks until this thread owns the lock, then adds one to the count. Python: {@code acquire()}. */
    @Override
    public boolean acquire() {
        try {
            sync.lockInterruptibly();
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /** Python: {@code acquire(blocking)}; the owner always succeeds at once. */
    @Override
    public boolean acquire(boolean blocking) {
        return blocking ? acquire() : sync.tryAcquire(1);
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
            return sync.tryAcquireNanos(1, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Subtracts one from the count; at zero the lock is free. Python: {@code release()}.
     *
     * @throws IllegalMonitorStateException if the calling thread does not own the lock
     */
    @Override
    public void release() {
        sync.release(1);
    }

    /**
     * Whether any thread holds the lock now (not only the caller). Python 3.14: {@code RLock.locked()}.
     *
     * @return true if some thread owns it
     */
    public boolean locked() {
        return sync.count() != 0;
    }

    /**
     * Python: {@code _is_owned()}.
     * @return whether the calling thread owns the lock
     */
    public boolean isOwnedByCurrentThread() {
        return sync.isHeldExclusively();
    }

    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    // ---- hooks for Condition (Python's _release_save / _acquire_restore) ----

    /** Releases every level held by the caller (who must own it) and returns the count. */
    int releaseSave() {
        int count = sync.count();
        if (count == 0 || !sync.isHeldExclusively()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        sync.release(count);
        return count;
    }

    /** Re-acquires to {@code count} levels, ignoring interrupts (the flag is kept). */
    void acquireRestore(int count) {
        sync.acquire(count);
    }

    /** Python's repr: {@code <locked RLock owner=main count=2>}. */
    @Override
    public String toString() {
        java.lang.Thread owner = sync.owner();
        int count = sync.count();
        return "<" + (count == 0 ? "unlocked" : "locked") + " RLock owner="
                + (owner == null ? "None" : owner.getName()) + " count=" + count
                + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
