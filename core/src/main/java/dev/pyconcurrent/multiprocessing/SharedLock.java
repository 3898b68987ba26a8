package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.internal.Holds;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.RemoteRef;
import dev.pyconcurrent.threading.Acquirable;

import java.io.Serializable;
import java.time.Duration;

/**
 * A lock shared between processes. Python: {@code multiprocessing.Lock()} /
 * {@code multiprocessing.RLock()} (from {@link Multiprocessing#lock()},
 * {@link Multiprocessing#rlock()} or a {@link Manager}).
 *
 * <p>The real lock lives in the process that created it; this object is a serializable
 * handle to it, usable from any process it is sent to (as a captured variable or a
 * {@link Process} argument). States as {@link dev.pyconcurrent.threading.Lock} (UNLOCKED,
 * LOCKED) or {@link dev.pyconcurrent.threading.RLock} (owner thread and count); a thread
 * owns through its own connection. If a process dies holding the lock, the owner
 * releases it, so no other process waits forever.
 */
public final class SharedLock implements Acquirable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;
    /** Whether the owner may acquire it again: {@code RLock} rather than {@code Lock}. */
    private final boolean reentrant;

    SharedLock(RemoteRef ref, boolean reentrant) {
        this.ref = ref;
        this.reentrant = reentrant;
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
     * @throws IllegalStateException on an unlocked lock
     * @throws IllegalMonitorStateException on a reentrant lock the calling thread does not own
     */
    @Override
    public void release() {
        ref.call("release");
    }

    /**
     * Python: {@code with lock:}.
     *
     * @return a {@link Held} that releases once
     */
    @Override
    public Held hold() {
        acquire();
        return Holds.releasingOnce(this::release);
    }

    /**
     * Returns whether this is a reentrant lock ({@code RLock}).
     *
     * @return whether this is a reentrant lock ({@code RLock})
     */
    public boolean isReentrant() {
        return reentrant;
    }

    @Override
    public String toString() {
        return (reentrant ? "SharedRLock" : "SharedLock") + ref;
    }
}
