package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.time.Duration;

/**
 * An event shared between processes. Python: {@code multiprocessing.Event()}. A
 * serializable handle to a {@link dev.pyconcurrent.threading.Event} in the creating
 * process; states CLEAR ⇄ SET as there.
 */
public final class SharedEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    private final RemoteRef ref;

    SharedEvent(RemoteRef ref) {
        this.ref = ref;
    }

    /**
     * Python: {@code is_set()}.
     *
     * @return whether the flag is set
     */
    public boolean isSet() {
        return (Boolean) ref.call(Op.IS_SET);
    }

    /** Python: {@code set()}: sets the flag and wakes every waiter in every process. */
    public void set() {
        ref.call(Op.SET);
    }

    /** Python: {@code clear()}. */
    public void clear() {
        ref.call(Op.CLEAR);
    }

    /**
     * Python: {@code wait()}.
     *
     * @return {@code true}
     */
    public boolean await() {
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.AWAIT, RemoteRef.FOREVER);
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait, in seconds
     * @return whether the flag was set in time
     */
    public boolean await(double timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.AWAIT, n);
    }

    /**
     * Python: {@code wait(timeout)}.
     *
     * @param timeout the most to wait
     * @return whether the flag was set in time
     */
    public boolean await(Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.AWAIT, n);
    }

    @Override
    public String toString() {
        return "SharedEvent" + ref;
    }
}
