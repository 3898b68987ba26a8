package dev.pyconcurrent.multiprocessing.internal.broker;

/**
 * The operations a proxy asks of a served object: the one vocabulary of the call protocol,
 * used by the proxies ({@link RemoteRef#call(Op, Object...)}) and by the served objects'
 * {@code call} switches. On the wire an operation is its {@link #code() code}, one byte.
 *
 * <p>Timeouts travel as nanoseconds: {@link RemoteRef#NO_WAIT} = do not block,
 * {@link RemoteRef#FOREVER} = no limit. The arguments of each operation are listed with
 * the kinds that serve it.
 */
public enum Op {
    // locks, semaphores, conditions
    /** {@code acquire(nanos)} → whether acquired: lock, rlock, semaphores, condition. */
    ACQUIRE,
    /** {@code release()} (semaphores: {@code release(n)}): lock, rlock, semaphores, condition. */
    RELEASE,
    /** {@code locked()} → boolean: lock. */
    LOCKED,
    /** {@code getValue()} → int: semaphores. */
    GET_VALUE,

    // events, conditions, barriers
    /** {@code await(nanos)}: event, condition (→ boolean), barrier (→ arrival index). */
    AWAIT,
    /** {@code isSet()} → boolean: event. */
    IS_SET,
    /** {@code signal(n)}: condition. */
    SIGNAL,
    /** {@code signalAll()}: condition. */
    SIGNAL_ALL,
    /** {@code reset()}: barrier. */
    RESET,
    /** {@code abort()}: barrier. */
    ABORT,
    /** {@code getParties()} → int: barrier. */
    GET_PARTIES,
    /** {@code getNWaiting()} → int: barrier. */
    GET_N_WAITING,
    /** {@code isBroken()} → boolean: barrier. */
    IS_BROKEN,

    // queue
    /** {@code put(item bytes, nanos)}: queue. {@code put(key, value)} → previous value: dict. */
    PUT,
    /** {@code get(nanos)} → item bytes: queue. {@code get(key)}: dict. {@code get(index)}: list. */
    GET,
    /** {@code qsize()} → int: queue. */
    QSIZE,
    /** {@code empty()} → boolean: queue. */
    EMPTY,
    /** {@code full()} → boolean: queue. */
    FULL,
    /** {@code taskDone()}: queue. */
    TASK_DONE,
    /** {@code join(nanos)} → whether all tasks were done in time: queue. */
    JOIN,

    // pipe: the first argument is the end, 0 or 1
    /** {@code send(end, bytes)}: pipe. */
    SEND,
    /** {@code recv(end)} → bytes: pipe. */
    RECV,
    /** {@code poll(end, nanos)} → whether a message or end of file is ready: pipe. */
    POLL,
    /** {@code close(end)}: pipe. */
    CLOSE,

    // dict and list
    /** {@code putIfAbsent(key, value)} → previous value: dict. */
    PUT_IF_ABSENT,
    /** {@code remove(key)} → previous value: dict. */
    REMOVE,
    /** {@code containsKey(key)} → boolean: dict. */
    CONTAINS_KEY,
    /** {@code containsValue(value)} → boolean: dict. */
    CONTAINS_VALUE,
    /** {@code putAll(map)}: dict. */
    PUT_ALL,
    /** {@code size()} → int: dict, list. */
    SIZE,
    /** {@code clear()}: event (lowers the flag), dict, list. */
    CLEAR,
    /** {@code copy()} → a snapshot {@code LinkedHashMap} or {@code ArrayList}: dict, list. */
    COPY,
    /** {@code set()}: event (raises the flag). {@code set(index, element)} → previous element: list. */
    SET,
    /** {@code insert(index, element)}: list. */
    INSERT,
    /** {@code append(element)} → {@code true}: list. */
    APPEND,
    /** {@code removeAt(index)} → the removed element: list. */
    REMOVE_AT,

    // set (also: APPEND = add → whether added, REMOVE → whether removed, CONTAINS_KEY = contains,
    // PUT_ALL = addAll → whether changed, SIZE, CLEAR, COPY)
    /** {@code removeAll(list)} → whether changed: set. */
    REMOVE_ALL,
    /** {@code retainAll(list)} → whether changed: set. */
    RETAIN_ALL,
    /** {@code containsAll(list)} → boolean: set. */
    CONTAINS_ALL,

    // namespace: GET(name) → a one-element list holding the value, or null if absent; PUT(name, value);
    // REMOVE(name) → whether it was there; CONTAINS_KEY(name); COPY → LinkedHashMap.
    // cells (a manager's value and array, as bits): GET(index) → long; SET(index, bits); SIZE;
    // COPY(from, to) → long[]; PUT_ALL(from, long[]).

    // a manager's control object (id 0) and the objects of registered types
    /** {@code create(kind name, kind arguments...)} → the new object's id: a manager's control object. */
    CREATE,
    /** {@code createType(typeid, interface name, factory arguments...)} → the object's id, or a {@link MethodFailure}: control object. */
    CREATE_TYPE,
    /** {@code call(method key, arguments...)} → the result, or a {@link MethodFailure}: an object of a registered type. */
    CALL_METHOD;

    private static final Op[] BY_CODE = values();

    /** @return this operation's code on the wire */
    byte code() {
        return (byte) ordinal();
    }

    /**
     * The operation with a code read from the wire.
     *
     * @param code the byte read
     * @return the operation
     * @throws IllegalStateException if no operation has that code (a peer speaking another protocol)
     */
    static Op ofCode(byte code) {
        int i = code & 0xFF;
        if (i >= BY_CODE.length) {
            throw new IllegalStateException("protocol error: unknown operation code " + i);
        }
        return BY_CODE[i];
    }
}
