package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A condition variable over a {@link Lock} or {@link RLock}. Python: {@code threading.Condition}.
 *
 * <p>Model, as in CPython's {@code threading.py}: a FIFO queue of waiters. {@code await}
 * (the caller must hold the lock) enqueues a fresh waiter, releases the lock completely
 * (an {@code RLock} held n deep is released n times: Python's {@code _release_save}),
 * parks until its waiter is signalled, the timeout passes or the thread is interrupted,
 * then re-acquires the lock to the same depth ({@code _acquire_restore}) before
 * returning or throwing. {@code signal(n)} (lock held) dequeues up to {@code n} waiters
 * in FIFO order and wakes them; they then compete for the lock.
 *
 * <p>Each waiter has three states: WAITING → SIGNALLED (by {@code signal}) or
 * WAITING → CANCELLED (by its own thread on timeout or interruption), decided by one
 * compare-and-set, so a signal is never spent on a waiter that has already given up:
 * the signaller skips it and wakes the next one. A waiter that is interrupted after it
 * was signalled returns {@code true} normally with its interrupt flag still set, so the
 * signal is not lost either.
 *
 * <p>Ownership: over an {@code RLock} "holds the lock" is exact. A plain {@code Lock}
 * has no owner, so, like CPython's {@code Condition._is_owned}, a {@code Lock} counts as
 * held when it is locked (by any thread).
 *
 * <pre>{@code
 * Condition cv = new Condition();
 * // consumer                                  // producer
 * try (Held h = cv.hold()) {                   try (Held h = cv.hold()) {
 *     cv.waitFor(() -> !items.isEmpty());          items.add(x);
 *     take(items.remove(0));                       cv.signal();
 * }                                            }
 * }</pre>
 *
 * <p>Memory effects: those of the underlying lock: {@code await} returns holding it.
 */
public final class Condition implements Acquirable {

    /** Python's _release_save / _acquire_restore / _is_owned, per lock kind. */
    private interface Hooks {
        boolean isOwned();

        boolean locked();

        int releaseSave();

        void acquireRestore(int saved);
    }

    /** One parked thread. WAITING -> SIGNALLED | CANCELLED, exactly one transition. */
    private static final class Waiter {
        static final int WAITING = 0;
        static final int SIGNALLED = 1;
        static final int CANCELLED = 2;

        final java.lang.Thread thread = java.lang.Thread.currentThread();
        final AtomicInteger state = new AtomicInteger(WAITING);
    }

    private final Acquirable lock;
    private final Hooks hooks;
    /** FIFO of waiters; added to with the lock held, polled by signal with the lock held,
     *  removed from by a waiter that gives up (without the lock, hence a concurrent deque). */
    private final ConcurrentLinkedDeque<Waiter> waiters = new ConcurrentLinkedDeque<>();

    /** A condition over a new {@link RLock}. Python: {@code threading.Condition()}. */
    public Condition() {
        this(new RLock());
    }

    /**
     * A condition over {@code lock}. Python: {@code threading.Condition(lock)}.
     * @param lock the lock that {@code await} releases and re-acquires
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.hooks = new Hooks() {
            @Override
            public boolean isOwned() {
                // CPython: if acquire(False) succeeds it was not held; undo and say so.
                if (lock.acquire(false)) {
                    lock.release();
                    return false;
                }
                return true;
            }

            @Override
            public boolean locked() {
                return lock.locked();
            }

            @Override
            public int releaseSave() {
                lock.release();
                return 1;
            }

            @Override
            public void acquireRestore(int saved) {
                lock.acquireUninterruptibly();
            }
        };
    }

    /**
     * A condition over {@code lock}. Python: {@code threading.Condition(rlock)}.
     * @param lock the reentrant lock that {@code await} fully releases and re-acquires
     */
    public Condition(RLock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.hooks = new Hooks() {
            @Override
            public boolean isOwned() {
                return lock.isOwnedByCurrentThread();
            }

            @Override
            public boolean locked() {
                return lock.locked();
            }

            @Override
            public int releaseSave() {
                return lock.releaseSave();
            }

            @Override
            public void acquireRestore(int saved) {
                lock.acquireRestore(saved);
            }
        };
    }

    // ---- Acquirable: delegated to the lock ----

    /** Acquires the underlying lock. Python: {@code acquire()}. */
    @Override
    public boolean acquire() {
        return lock.acquire();
    }

    /** Python: {@code acquire(blocking)} on the underlying lock. */
    @Override
    public boolean acquire(boolean blocking) {
        return lock.acquire(blocking);
    }

    /** Python: {@code acquire(timeout=seconds)} on the underlying lock. */
    @Override
    public boolean acquire(double timeout) {
        return lock.acquire(timeout);
    }

    /** Python: {@code acquire(timeout=...)} on the underlying lock. */
    @Override
    public boolean acquire(Duration timeout) {
        return lock.acquire(timeout);
    }

    /** Releases the underlying lock. Python: {@code release()}. */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * Whether the underlying lock is held now, by any thread. Python 3.14: {@code Condition.locked()}.
     *
     * @return the underlying {@link Lock#locked()} or {@link RLock#locked()}
     */
    public boolean locked() {
        return hooks.locked();
    }

    /** Python: {@code with cond:} — holds the underlying lock. */
    @Override
    public Held hold() {
        return lock.hold();
    }

    // ---- waiting ----

    /**
     * Releases the lock, waits for a signal, re-acquires the lock. Python: {@code wait()}.
     *
     * @return always {@code true}
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted (the lock is held again)
     */
    public boolean await() {
        return awaitNanos(Long.MAX_VALUE);
    }

    /**
     * Python: {@code wait(timeout)}.
     * @param timeout longest wait in seconds; infinity waits forever
     * @return {@code false} if the timeout passed without a signal
     */
    public boolean await(double timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait(timeout)}.
     * @param timeout longest wait
     * @return {@code false} if the timeout passed without a signal
     */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        if (!hooks.isOwned()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        Interrupts.checkNotInterrupted();
        Waiter w = new Waiter();
        waiters.addLast(w);
        int saved;
        try {
            saved = hooks.releaseSave();
        } catch (RuntimeException e) {
            // A plain Lock released by another thread since the ownership check.
            waiters.remove(w);
            throw e;
        }
        boolean forever = nanos == Long.MAX_VALUE;
        long deadline = forever ? 0L : Timeouts.deadline(nanos);
        boolean interrupted = false;
        while (w.state.get() == Waiter.WAITING) {
            if (java.lang.Thread.currentThread().isInterrupted()) {
                interrupted = true;
                break;
            }
            if (forever) {
                LockSupport.park(this);
            } else {
                long left = Timeouts.remaining(deadline);
                if (left <= 0L) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
        }
        // Decide, atomically against signal(), whether this waiter was signalled.
        boolean signalled = !w.state.compareAndSet(Waiter.WAITING, Waiter.CANCELLED);
        if (!signalled) {
            waiters.remove(w);   // so a later signal goes to a thread that still waits
        }
        hooks.acquireRestore(saved);
        if (signalled) {
            return true;
        }
        if (interrupted) {
            throw Interrupts.rethrow(new InterruptedException("interrupted in Condition.await"));
        }
        return false;
    }

    /**
     * Waits until {@code predicate} is true, re-checking after each wake-up. Python:
     * {@code wait_for(predicate)}. The predicate runs with the lock held.
     *
     * @param predicate the condition to wait for
     * @return the last value of the predicate (always {@code true} here)
     */
    public boolean waitFor(BooleanSupplier predicate) {
        return waitForNanos(predicate, Long.MAX_VALUE);
    }

    /**
     * Python: {@code wait_for(predicate, timeout)}.
     * @param predicate the condition to wait for, evaluated with the lock held
     * @param timeout longest wait in seconds; infinity waits forever
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, double timeout) {
        return waitForNanos(predicate, Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait_for(predicate, timeout)}.
     * @param predicate the condition to wait for, evaluated with the lock held
     * @param timeout longest wait
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        return waitForNanos(predicate, Timeouts.toNanos(timeout));
    }

    private boolean waitForNanos(BooleanSupplier predicate, long nanos) {
        Objects.requireNonNull(predicate, "predicate");
        boolean forever = nanos == Long.MAX_VALUE;
        long deadline = forever ? 0L : Timeouts.deadline(nanos);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (forever) {
                awaitNanos(Long.MAX_VALUE);
            } else {
                long left = Timeouts.remaining(deadline);
                if (left <= 0L) {
                    break;
                }
                awaitNanos(left);
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }

    // ---- signalling ----

    /**
     * Wakes one waiter, if any. Python: {@code notify()}.
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters, oldest first; {@code n <= 0} wakes none. Python: {@code notify(n)}.
     *
     * @param n how many waiters to wake at most
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    public void signal(int n) {
        if (!hooks.isOwned()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        while (n > 0) {
            Waiter w = waiters.pollFirst();
            if (w == null) {
                return;
            }
            if (w.state.compareAndSet(Waiter.WAITING, Waiter.SIGNALLED)) {
                LockSupport.unpark(w.thread);
                n--;
            }
        }
    }

    /**
     * Wakes every waiter. Python: {@code notify_all()}.
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Number of threads queued in {@code await} and not yet signalled (Python's {@code len(_waiters)}). */
    int waiterCount() {
        return waiters.size();
    }

    /** Python's repr: {@code <Condition(<locked RLock ...>, 2)>} with the number of waiters. */
    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiterCount() + ")>";
    }
}
