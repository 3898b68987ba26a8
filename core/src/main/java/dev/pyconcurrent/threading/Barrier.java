package dev.pyconcurrent.threading;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rendezvous for a fixed number of threads, reusable round after round. Python:
 * {@code threading.Barrier}.
 *
 * <p>State machine (CPython's {@code _state}), all under one lock:
 * <pre>
 *   FILLING   --last party arrives, action ok-->     DRAINING
 *   DRAINING  --last released party leaves-->        FILLING
 *   FILLING   --timeout | abort() | action throws
 *               | a waiter is interrupted-->         BROKEN
 *   FILLING, BROKEN --reset() with parties inside--> RESETTING
 *   RESETTING --last party leaves-->                 FILLING
 *   any       --reset() with nobody inside-->        FILLING
 * </pre>
 * Arrivals in DRAINING or RESETTING wait for FILLING first (so rounds never mix); in
 * BROKEN they get {@link BrokenBarrierException} at once, until {@code reset()}. The
 * {@code count} is the number of parties inside {@code await}; arrival index =
 * {@code count} on entry, so the first to arrive gets 0 and the last gets
 * {@code parties - 1}. The last one runs the action (with the barrier's lock held, as in
 * Python) before anyone is released; if the action throws, the barrier breaks, the
 * others get {@code BrokenBarrierException} and the last one gets the action's exception.
 *
 * <pre>{@code
 * Barrier start = new Barrier(3, () -> System.out.println("all here"));
 * // in each of 3 threads:
 * int i = start.await();      // 0, 1 or 2
 * }</pre>
 *
 * <p>Memory effects: actions of every party before {@code await} happen-before the
 * action, which happens-before every party's return from {@code await} in that round.
 */
public final class Barrier {
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final int parties;
    private final Runnable action;
    /** Default timeout in nanos, {@code Long.MAX_VALUE} = none. */
    private final long defaultTimeoutNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private int state = FILLING;   // guarded by lock
    private int count;             // guarded by lock

    /**
     * Python: {@code threading.Barrier(parties)}.
     * @param parties number of threads that must call {@code await}
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * Python: {@code threading.Barrier(parties, action)}; {@code action} may be {@code null}.
     * @param parties number of threads that must call {@code await}
     * @param action run by one party when all have arrived, or {@code null}
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties, Runnable action) {
        this(parties, action, null);
    }

    /**
     * Python: {@code threading.Barrier(parties, action, timeout)}.
     *
     * @param parties number of threads that must call {@code await}
     * @param action run by one party when all have arrived, or {@code null}
     * @param timeout default for {@link #await()}, or {@code null} for none
     * @throws IllegalArgumentException if {@code parties < 1} or the timeout is negative
     */
    public Barrier(int parties, Runnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1");
        }
        this.parties = parties;
        this.action = action;
        this.defaultTimeoutNanos = timeout == null ? Long.MAX_VALUE : Timeouts.toNanos(timeout);
    }

    /**
     * Waits until all parties have arrived, with the default timeout. Python: {@code wait()}.
     *
     * @return the arrival index, 0 for the first to arrive to {@code parties - 1}
     * @throws BrokenBarrierException if the barrier is or becomes broken or is reset
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted (the barrier breaks)
     */
    public int await() {
        return awaitNanos(defaultTimeoutNanos);
    }

    /**
     * Python: {@code wait(timeout)}; on timeout the barrier breaks.
     * @param timeout longest wait in seconds; infinity waits forever
     * @return the arrival index
     */
    public int await(double timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait(timeout)}; on timeout the barrier breaks.
     * @param timeout longest wait
     * @return the arrival index
     */
    public int await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private int awaitNanos(long nanos) {
        long deadline = nanos == Long.MAX_VALUE ? 0L : Timeouts.deadline(nanos);
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        try {
            enter();
            int index = count++;
            try {
                if (index + 1 == parties) {
                    releaseRound();
                } else {
                    waitForRound(nanos, deadline);
                }
                return index;
            } finally {
                count--;
                exit();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits while a previous round drains or a reset completes. Lock held. */
    private void enter() {
        while (state == DRAINING || state == RESETTING) {
            try {
                changed.await();
            } catch (InterruptedException e) {
                throw Interrupts.rethrow(e);
            }
        }
        if (state == BROKEN) {
            throw new BrokenBarrierException("barrier is broken");
        }
    }

    /** The last party: run the action, then release everybody. Lock held. */
    private void releaseRound() {
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                breakBarrier();
                throw e;
            }
        }
        state = DRAINING;
        changed.signalAll();
    }

    /** A non-last party: wait for DRAINING, or break the barrier on timeout/interrupt. Lock held. */
    private void waitForRound(long nanos, long deadline) {
        boolean forever = nanos == Long.MAX_VALUE;
        while (state == FILLING) {
            try {
                if (forever) {
                    changed.await();
                } else {
                    long left = Timeouts.remaining(deadline);
                    if (left <= 0L) {
                        breakBarrier();
                        throw new BrokenBarrierException("barrier timed out");
                    }
                    changed.await(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                if (state == FILLING) {
                    // Nobody else can complete this round without us: break it for everyone.
                    breakBarrier();
                    throw Interrupts.rethrow(e);
                }
                // The round completed (or broke) as we were interrupted: report that, keep the flag.
                java.lang.Thread.currentThread().interrupt();
            }
        }
        if (state < 0) {
            throw new BrokenBarrierException(state == BROKEN ? "barrier is broken" : "barrier was reset");
        }
    }

    /** Python's _exit: the last party out of a drained or reset round re-opens the barrier. Lock held. */
    private void exit() {
        if (count == 0 && (state == RESETTING || state == DRAINING)) {
            state = FILLING;
            changed.signalAll();
        }
    }

    private void breakBarrier() {
        state = BROKEN;
        changed.signalAll();
    }

    /**
     * Returns the barrier to its initial state; parties waiting in it get
     * {@link BrokenBarrierException}. Python: {@code reset()}.
     */
    public void reset() {
        lock.lock();
        try {
            if (count > 0) {
                if (state == FILLING || state == BROKEN) {
                    state = RESETTING;
                }
            } else {
                state = FILLING;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Breaks the barrier: current and later callers of {@code await} get
     * {@link BrokenBarrierException} until {@link #reset()}. Python: {@code abort()}.
     */
    public void abort() {
        lock.lock();
        try {
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Python: {@code parties}.
     * @return the number of parties needed to trip the barrier
     */
    public int getParties() {
        return parties;
    }

    /**
     * Python: {@code n_waiting}.
     * @return parties currently waiting in a filling round
     */
    public int getNWaiting() {
        lock.lock();
        try {
            return state == FILLING ? count : 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Python: {@code broken}.
     * @return whether the barrier is broken
     */
    public boolean isBroken() {
        lock.lock();
        try {
            return state == BROKEN;
        } finally {
            lock.unlock();
        }
    }

    /** Python's repr: {@code <Barrier at 0x1b6d3586: waiters=1/3>} or {@code broken}. */
    @Override
    public String toString() {
        String id = "Barrier at 0x" + Integer.toHexString(System.identityHashCode(this));
        return isBroken() ? "<" + id + ": broken>" : "<" + id + ": waiters=" + getNWaiting() + "/" + parties + ">";
    }
}
