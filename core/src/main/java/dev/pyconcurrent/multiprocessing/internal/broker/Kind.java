package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;

/**
 * The kinds of object a {@link Broker} serves ({@link Broker#create(Kind, Object...)}),
 * each with the constructor arguments it takes and the {@link Served} adapter it makes.
 */
public enum Kind {
    /** A {@code threading.Lock}; no arguments. */
    LOCK,
    /** A {@code threading.RLock}; no arguments. */
    RLOCK,
    /** A {@code threading.Semaphore}; argument: the initial value (Integer). */
    SEMAPHORE,
    /** A {@code threading.BoundedSemaphore}; argument: the initial value (Integer). */
    BOUNDED_SEMAPHORE,
    /** A {@code threading.Event}; no arguments. */
    EVENT,
    /** A {@code threading.Condition} over an {@code RLock}; no arguments. */
    CONDITION,
    /** A {@code threading.Barrier}; argument: the number of parties (Integer). */
    BARRIER,
    /** A {@code queue.Queue} of serialized items; argument: its maxsize (Integer). */
    QUEUE,
    /** A pipe with ends 0 and 1; argument: whether it is duplex (Boolean). */
    PIPE,
    /** A manager's dictionary; no arguments. */
    DICT,
    /** A manager's list; no arguments. */
    LIST,
    /** A manager's set (Python 3.14); no arguments. */
    SET,
    /** A manager's namespace; no arguments. */
    NAMESPACE,
    /** A manager's value or array, as the bits of each element; argument: the initial bits (long[]). */
    CELLS;

    /**
     * Makes a new object of this kind. A switch, not a lambda per kind: the enum is loaded by a program's
     * first {@code Queue}, where fourteen lambdas cost a young JVM some 5 ms before its first child starts.
     *
     * @param args its constructor arguments
     * @return the served object
     */
    Served create(Object[] args) {
        return switch (this) {
            case LOCK -> new ServedLock();
            case RLOCK -> new ServedRLock(new RLock());
            case SEMAPHORE -> new ServedSemaphore(new Semaphore((Integer) args[0]));
            case BOUNDED_SEMAPHORE -> new ServedSemaphore(new BoundedSemaphore((Integer) args[0]));
            case EVENT -> new ServedEvent();
            case CONDITION -> new ServedCondition();
            case BARRIER -> new ServedBarrier((Integer) args[0]);
            case QUEUE -> new ServedQueue((Integer) args[0]);
            case PIPE -> new ServedPipe((Boolean) args[0]);
            case DICT -> new ServedDict();
            case LIST -> new ServedList();
            case SET -> new ServedSet();
            case NAMESPACE -> new ServedNamespace();
            case CELLS -> new ServedCells((long[]) args[0]);
        };
    }
}
