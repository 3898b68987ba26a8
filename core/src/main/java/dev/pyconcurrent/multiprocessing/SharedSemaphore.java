package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.RemoteRef;
import dev.pyconcurrent.threading.Acquirable;

import java.io.Serializable;
import java.time.Duration;

/**
 * A semaphore shared between processes. Python: {@code multiprocessing.Semaphore(n)} /
 * {@code BoundedSemaphore(n)}. A serializable handle to a
 * {@link dev.pyconcurrent.threading.Semaphore} (or {@code BoundedSemaphore}) living in the
 * creating process; same states (a counter of permits). Permits are not tied to a process:
 * one taken by a process that dies is not given back (as in Python).
 */
public final class SharedSemaphore implements Acquirable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;

    SharedSemaphore(RemoteRef ref) {
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
     * @return whether a permit was taken
     */
    @Override
    public boolean acquire(boolean blocking) {
        return ref.acquire(blocking ? Long.MAX_VALUE : -1L);
    }

    /**
     * Python: {@code acquire(timeout=seconds)}.
     *
     * @return whether a permit was taken in time
     */
    @Override
    public boolean acquire(double timeout) {
        return ref.acquire(Timeouts.acquireNanos(timeout));
    }

    /**
     * Python: {@code acquire(timeout=...)}.
     *
     * @return whether a permit was taken in time
     */
    @Override
    public boolean acquire(Duration timeout) {
        return ref.acquire(Timeouts.toNanos(timeout));
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
        ref.call("release", n);
    }

    /**
     * Python: {@code get_value()}.
     *
     * @return the current number of permits
     */
    public int getValue() {
        return (Integer) ref.call("getValue");
    }

    /**
     * Python: {@code with sem:}.
     *
     * @return a {@link Held} that releases once
     */
    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    @Override
    public String toString() {
        return "SharedSemaphore" + ref;
    }
}
