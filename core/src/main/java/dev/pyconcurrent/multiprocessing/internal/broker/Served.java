package dev.pyconcurrent.multiprocessing.internal.broker;


import dev.pyconcurrent.threading.Acquirable;

import java.time.Duration;

/**
 * An object owned by a {@link Broker} and operated on by its clients: a thin adapter over
 * the thread-level class ({@code Lock}, {@code Queue}, ...), one per {@link Kind}. Calls
 * arrive on the handler thread of the client's connection ({@link Broker.Session}); a
 * blocking operation blocks that thread only. Timeouts arrive as nanoseconds
 * ({@link RemoteRef#NO_WAIT}, {@link RemoteRef#FOREVER}).
 */
interface Served {
    /** What {@link #tryNow} returns when the operation has to wait: it then goes to {@link #call}. */
    Object LATER = new Object();

    /**
     * Runs an operation if it can complete without waiting, on the connection's reader
     * thread (which saves a thread hand-off per call); objects whose ownership is per
     * thread (reentrant locks, conditions) keep the default and always wait for {@link #call}.
     *
     * @param op      the operation
     * @param args    its arguments
     * @param session the calling connection
     * @return the result, or {@link #LATER} to run it with {@link #call} on the handler thread
     * @throws Exception any failure, sent back and rethrown in the caller
     */
    default Object tryNow(Op op, Object[] args, Broker.Session session) throws Exception {
        return LATER;
    }

    /**
     * What {@link #tryNow(Op, Object[], Broker.Session, long)} returns when the object keeps the call and
     * answers it itself ({@link Broker.Session#answerParked}) once it can: no thread waits for it.
     */
    Object PARKED = new Object();

    /**
     * {@link #tryNow(Op, Object[], Broker.Session)} for a call that has an answer to wait for; an object
     * may keep the call ({@link #PARKED}) instead of handing it to the handler thread.
     *
     * @param callId the call's id, for {@link Broker.Session#answerParked}
     * @return the result, {@link #LATER} or {@link #PARKED}
     * @throws Exception any failure, sent back and rethrown in the caller
     */
    default Object tryNow(Op op, Object[] args, Broker.Session session, long callId) throws Exception {
        return tryNow(op, args, session);
    }

    /**
     * The client interrupted call {@code callId}, which this object may have parked: if it has, it
     * forgets it and answers it as interrupted.
     *
     * @return whether the call was parked here
     */
    default boolean cancelParked(Broker.Session session, long callId) {
        return false;
    }

    /**
     * Runs one operation.
     *
     * @param op      the operation
     * @param args    its arguments, already deserialized
     * @param session the calling connection
     * @return the result, sent back serialized
     * @throws Exception any failure, sent back and rethrown in the caller
     */
    Object call(Op op, Object[] args, Broker.Session session) throws Exception;

    /**
     * The connection went away (its process exited or was killed) after calling this
     * object; runs on that connection's handler thread. Locks it held are released here
     * so that no other process waits forever.
     */
    default void dropped(Broker.Session session) {
    }

    /** @return how many clients' calls this object holds parked ({@link #PARKED}), waiting for it to answer */
    default int parkedCalls() {
        return 0;
    }

    /**
     * Whether a thread of the owner's own JVM may call this object directly, without a connection
     * ({@code session} is then {@code null}): true for objects that keep nothing per connection and are
     * safe to call from any thread (queues, pipes).
     *
     * @return whether in-process calls are allowed
     */
    default boolean inProcess() {
        return false;
    }

    /**
     * The failure for an operation that an object's kind does not have.
     *
     * @param op     the operation asked for
     * @param target the object asked
     * @return the exception to throw (and send back)
     */
    static IllegalArgumentException notServed(Op op, Served target) {
        return new IllegalArgumentException("operation " + op + " is not served by a "
                + target.getClass().getSimpleName());
    }

    /**
     * Acquires within a wire timeout.
     *
     * @param x     the lock, semaphore or condition
     * @param nanos {@link RemoteRef#NO_WAIT}, {@link RemoteRef#FOREVER} or a limit
     * @return whether it was acquired
     */
    static boolean acquire(Acquirable x, long nanos) {
        if (nanos == RemoteRef.NO_WAIT) {
            return x.acquire(false);
        }
        if (nanos == RemoteRef.FOREVER) {
            return x.acquire();
        }
        return x.acquire(Duration.ofNanos(nanos));
    }

    /**
     * A wire timeout (not {@link RemoteRef#FOREVER}) as a {@link Duration}, negatives as zero.
     *
     * @param nanos the limit
     * @return it as a duration
     */
    static Duration duration(long nanos) {
        return Duration.ofNanos(Math.max(0, nanos));
    }
}
