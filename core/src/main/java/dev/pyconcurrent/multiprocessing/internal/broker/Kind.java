package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;

import java.util.function.Function;

/**
 * The kinds of object a {@link Broker} serves ({@link Broker#create(Kind, Object...)}),
 * each with the constructor arguments it takes and the {@link Served} adapter it makes.
 */
public enum Kind {
    /** A {@code threading.Lock}; no arguments. */
    LOCK(a -> new ServedLock()),
    /** A {@code threading.RLock}; no arguments. */
    RLOCK(a -> new ServedRLock(new RLock())),
    /** A {@code threading.Semaphore}; argument: the initial value (Integer). */
    SEMAPHORE(a -> new ServedSemaphore(new Semaphore((Integer) a[0]))),
    /** A {@code threading.BoundedSemaphore}; argument: the initial value (Integer). */
    BOUNDED_SEMAPHORE(a -> new ServedSemaphore(new BoundedSemaphore((Integer) a[0]))),
    /** A {@code threading.Event}; no arguments. */
    EVENT(a -> new ServedEvent()),
    /** A {@code threading.Condition} over an {@code RLock}; no arguments. */
    CONDITION(a -> new ServedCondition()),
    /** A {@code threading.Barrier}; argument: the number of parties (Integer). */
    BARRIER(a -> new ServedBarrier((Integer) a[0])),
    /** A {@code queue.Queue} of serialized items; argument: its maxsize (Integer). */
    QUEUE(a -> new ServedQueue((Integer) a[0])),
    /** A pipe with ends 0 and 1; argument: whether it is duplex (Boolean). */
    PIPE(a -> new ServedPipe((Boolean) a[0])),
    /** A manager's dictionary; no arguments. */
    DICT(a -> new ServedDict()),
    /** A manager's list; no arguments. */
    LIST(a -> new ServedList()),
    /** A manager's set (Python 3.14); no arguments. */
    SET(a -> new ServedSet()),
    /** A manager's namespace; no arguments. */
    NAMESPACE(a -> new ServedNamespace()),
    /** A manager's value or array, as the bits of each element; argument: the initial bits (long[]). */
    CELLS(a -> new ServedCells((long[]) a[0]));

    private final Function<Object[], Served> factory;

    Kind(Function<Object[], Served> factory) {
        this.factory = factory;
    }

    /**
     * Makes a new object of this kind.
     *
     * @param args its constructor arguments
     * @return the served object
     */
    Served create(Object[] args) {
        return factory.apply(args);
    }
}
