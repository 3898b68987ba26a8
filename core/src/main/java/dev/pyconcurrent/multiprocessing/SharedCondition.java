package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.RemoteRef;
import dev.pyconcurrent.threading.Acquirable;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared between processes, over a reentrant lock. Python:
 * {@code multiprocessing.Condition()}. A serializable handle to a
 * {@link dev.pyconcurrent.threading.Condition} in the creating process; same states
 * (lock owner and count, waiters). A process that dies holding the lock has it released.
 */
public final class SharedCondition implements Acquirable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;

    SharedCondition(RemoteRef ref) {
        this.ref = ref;
    }

    /**
     * Python: {@code acquire()}.
     *
     * @return {@code true}
     */
    @Override
    public boolean acquire() {
        return ref.acquire(Long.MAX_VALUE);
    }

    /**
     * Python: {@code acquire(blocking)}.
     *
     * @return whether it was acquired
     */
    @Override
    public boolean acquire(boolean blocking) {
        return ref.acquire(blocking ? Long.MAX_VALUE : -1L);
    }

    /**
     * Python: {@code acquire(timeout=seconds)}.
     *
     * @return whether it was acquired in time
     */
    @Override
    public boolean acquire(double timeout) {
        return ref.acquire(Timeouts.acquireNanos(timeout));
    }

    /**
     * Python: {@code acquire(timeout=...)}.
     *
     * @return whether it was acquired in time
     */
    @Override
    public boolean acquire(Duration timeout) {
        return ref.acquire(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code release()}.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    @Override
    public void release() {
        ref.call("release");
    }

    /**
     * Python: {@code with cond:}.
     *
     * @return a {@link Held} that releases once
     */
    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    /**
     * Python: {@code wait()}.
     *
     * @return {@code true}
     */
    public boolean await() {
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call("await", Long.MAX_VALUE);
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait, in seconds
     * @return {@code false} if the timeout elapsed
     */
    public boolean await(double timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait
     * @return {@code false} if the timeout elapsed
     */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private boolean awaitNanos(long n) {
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call("await", n);
    }

    /**
     * Python: {@code wait_for(predicate)}; the predicate runs in the caller.
     *
     * @param predicate checked in the caller before each wait, with the lock held
     * @return its last value
     */
    public boolean waitFor(BooleanSupplier predicate) {
        return waitFor(predicate, Long.MAX_VALUE);
    }

    /**
     * Python: {@code wait_for(predicate, timeout)}.
     *
     * @param predicate checked in the caller before each wait, with the lock held
     * @param timeout the most to wait, in seconds
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, double timeout) {
        return waitFor(predicate, Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait_for(predicate, timeout)}.
     *
     * @param predicate checked in the caller before each wait, with the lock held
     * @param timeout the most to wait
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        return waitFor(predicate, Timeouts.toNanos(timeout));
    }

    private boolean waitFor(BooleanSupplier predicate, long nanos) {
        long deadline = Timeouts.deadline(nanos);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : Timeouts.remaining(deadline);
            if (left <= 0) {
                break;
            }
            awaitNanos(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Python: {@code notify()}. */
    public void signal() {
        signal(1);
    }

    /**
     * Python: {@code notify(n)}.
     *
     * @param n how many waiters to wake
     */
    public void signal(int n) {
        ref.call("signal", n);
    }

    /** Python: {@code notify_all()}. */
    public void signalAll() {
        ref.call("signalAll");
    }

    @Override
    public String toString() {
        return "SharedCondition" + ref;
    }
}
