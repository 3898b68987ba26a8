package dev.pyconcurrent.multiprocessing.internal.broker;


/**
 * An object owned by a {@link Broker} and operated on by its clients. Calls arrive on
 * the handler thread of the client's connection ({@link Broker.Session}); a blocking
 * operation blocks that thread only.
 */
interface Served {
    /** What {@link #tryNow} returns when the operation has to wait: it then goes to {@link #call}. */
    Object LATER = new Object();

    /**
     * Runs an operation if it can complete without waiting, on the connection's reader
     * thread (which saves a thread hand-off per call); objects whose ownership is per
     * thread (reentrant locks, conditions) keep the default and always wait for {@link #call}.
     *
     * @param op      the operation name
     * @param args    its arguments
     * @param session the calling connection
     * @return the result, or {@link #LATER} to run it with {@link #call} on the handler thread
     * @throws Exception any failure, sent back and rethrown in the caller
     */
    default Object tryNow(String op, Object[] args, Broker.Session session) throws Exception {
        return LATER;
    }

    /**
     * Runs one operation.
     *
     * @param op      the operation name
     * @param args    its arguments, already deserialized
     * @param session the calling connection
     * @return the result, sent back serialized
     * @throws Exception any failure, sent back and rethrown in the caller
     */
    Object call(String op, Object[] args, Broker.Session session) throws Exception;

    /**
     * The connection went away (its process exited or was killed) after calling this
     * object; runs on that connection's handler thread. Locks it held are released here
     * so that no other process waits forever.
     */
    default void dropped(Broker.Session session) {
    }
}
