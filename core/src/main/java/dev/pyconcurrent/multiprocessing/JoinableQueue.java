package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks. Python:
 * {@code multiprocessing.JoinableQueue(maxsize)}: every {@code put} adds a task,
 * {@link #taskDone()} (from any process) finishes one, {@link #join()} waits until none is
 * left.
 *
 * @param <E> the item type
 */
public class JoinableQueue<E extends Serializable> extends Queue<E> {
    private static final long serialVersionUID = 1L;

    /** Python {@code JoinableQueue()}: unbounded. */
    public JoinableQueue() {
        super(0);
    }

    /**
     * Python {@code JoinableQueue(maxsize)}.
     *
     * @param maxsize most items held; {@code <= 0}: unbounded
     */
    public JoinableQueue(int maxsize) {
        super(maxsize);
    }

    /**
     * A joinable queue served by another broker (a {@link Manager}'s).
     *
     * @param ref where it lives
     */
    JoinableQueue(RemoteRef ref) {
        super(ref);
    }

    private JoinableQueue(RemoteRef ref, boolean unbounded) {
        super(ref, unbounded);
    }

    /** The codec's form of this handle; see {@link Queue}'s. */
    private Object[] writeParts() {
        return new Object[] {ref, unbounded()};
    }

    private static Object readParts(Object[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        return new JoinableQueue<>((RemoteRef) java.util.Objects.requireNonNull(parts[0]), (Boolean) parts[1]);
    }

    /**
     * Python {@code task_done()}.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        ref.call(Op.TASK_DONE);
    }

    /** Python {@code join()}: waits until every item put has been marked done. */
    public void join() {
        Interrupts.checkNotInterrupted();
        ref.call(Op.JOIN, RemoteRef.FOREVER);
    }

    /**
     * Bounded {@code join}.
     *
     * @param timeout seconds
     * @return whether all tasks were done in time
     */
    public boolean join(double timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.JOIN, n);
    }

    /**
     * Bounded {@code join}.
     *
     * @param timeout how long to wait
     * @return whether all tasks were done in time
     */
    public boolean join(Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.JOIN, n);
    }
}
