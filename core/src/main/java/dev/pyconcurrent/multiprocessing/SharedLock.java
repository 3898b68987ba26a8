package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;

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
public final class SharedLock extends AbstractAcquirable implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;
    /** Whether the owner may acquire it again: {@code RLock} rather than {@code Lock}. */
    private final boolean reentrant;

    SharedLock(RemoteRef ref, boolean reentrant) {
        this.ref = ref;
        this.reentrant = reentrant;
    }

    @Override
    boolean acquireNanos(long nanos) {
        return ref.acquire(nanos);
    }

    /**
     * Python: {@code release()}.
     *
     * @throws IllegalStateException on an unlocked lock
     * @throws IllegalMonitorStateException on a reentrant lock the calling thread does not own
     */
    @Override
    public void release() {
        ref.call(Op.RELEASE);
    }

    /**
     * Whether a thread of any process holds the lock now. Python 3.14: {@code locked()}.
     *
     * @return whether it is held
     */
    public boolean locked() {
        return (Boolean) ref.call(Op.LOCKED);
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
