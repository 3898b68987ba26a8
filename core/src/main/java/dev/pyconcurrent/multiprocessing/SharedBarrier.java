package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.time.Duration;

/**
 * A barrier shared between processes. Python: {@code multiprocessing.Barrier(parties)}. A
 * serializable handle to a {@link dev.pyconcurrent.threading.Barrier} in the creating
 * process (same states: FILLING, DRAINING, BROKEN). A party whose process dies while
 * waiting breaks the barrier, so the others get
 * {@link dev.pyconcurrent.threading.BrokenBarrierException} rather than wait forever.
 */
public final class SharedBarrier implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;

    SharedBarrier(RemoteRef ref) {
        this.ref = ref;
    }

    /**
     * Python: {@code wait()}.
     *
     * @return this party's arrival index, 0 .. parties-1
     */
    public int await() {
        Interrupts.checkNotInterrupted();
        return (Integer) ref.call(Op.AWAIT, RemoteRef.FOREVER);
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait, in seconds
     * @return this party's arrival index
     */
    public int await(double timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Integer) ref.call(Op.AWAIT, n);
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait
     * @return this party's arrival index
     */
    public int await(Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Integer) ref.call(Op.AWAIT, n);
    }

    /** Python: {@code reset()}. */
    public void reset() {
        ref.call(Op.RESET);
    }

    /** Python: {@code abort()}. */
    public void abort() {
        ref.call(Op.ABORT);
    }

    /**
     * Python: {@code parties}.
     *
     * @return the number of parties
     */
    public int getParties() {
        return (Integer) ref.call(Op.GET_PARTIES);
    }

    /**
     * Python: {@code n_waiting}.
     *
     * @return how many parties are waiting
     */
    public int getNWaiting() {
        return (Integer) ref.call(Op.GET_N_WAITING);
    }

    /**
     * Python: {@code broken}.
     *
     * @return whether the barrier is broken
     */
    public boolean isBroken() {
        return (Boolean) ref.call(Op.IS_BROKEN);
    }

    @Override
    public String toString() {
        return "SharedBarrier" + ref;
    }
}
