package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;

/**
 * A semaphore shared between processes. Python: {@code multiprocessing.Semaphore(n)} /
 * {@code BoundedSemaphore(n)}. A serializable handle to a
 * {@link dev.pyconcurrent.threading.Semaphore} (or {@code BoundedSemaphore}) living in the
 * creating process; same states (a counter of permits). Permits are not tied to a process:
 * one taken by a process that dies is not given back (as in Python).
 */
public final class SharedSemaphore extends AbstractAcquirable implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;

    SharedSemaphore(RemoteRef ref) {
        this.ref = ref;
    }

    @Override
    boolean acquireNanos(long nanos) {
        return ref.acquire(nanos);
    }

    /**
     * Python: {@code release()}.
     *
     * @throws IllegalStateException on a bounded semaphore released too many times (as threading.BoundedSemaphore)
     */
    @Override
    public void release() {
        release(1);
    }

    /**
     * Python: {@code release(n)}.
     *
     * @param n permits to give back
     */
    public void release(int n) {
        ref.call(Op.RELEASE, n);
    }

    /**
     * Python: {@code get_value()}.
     *
     * @return the current number of permits
     */
    public int getValue() {
        return (Integer) ref.call(Op.GET_VALUE);
    }

    /**
     * Whether no permit is left, so that {@code acquire()} would wait. Python 3.14: {@code locked()}
     * (of every {@code multiprocessing} semaphore-based lock).
     *
     * @return whether the value is zero
     */
    public boolean locked() {
        return getValue() == 0;
    }

    @Override
    public String toString() {
        return "SharedSemaphore" + ref;
    }
}
