package dev.pyconcurrent.multiprocessing.internal;

/**
 * An object owned by a {@link Broker} and operated on by its clients. Calls arrive on
 * the handler thread of the client's connection ({@link Broker.Session}); a blocking
 * operation blocks that thread only.
 */
interface Served {
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
