package dev.pyconcurrent.multiprocessing.internal.broker;

import java.io.IOException;
import java.nio.channels.ByteChannel;

/**
 * A listening socket a {@link Broker} takes connections from: its own Unix domain socket, or a
 * manager's socket at an address of the user's choice ({@link NetAcceptor}).
 */
@FunctionalInterface
interface Acceptor {
    /**
     * Waits for the next peer.
     *
     * @return its connection, not yet authenticated, in blocking mode
     * @throws IOException if accepting failed (the socket is closed, or a transient failure)
     */
    ByteChannel accept() throws IOException;

    /**
     * Whether the accept loop goes on after {@code failure} (a transient error) or stops (closed).
     *
     * @param failure what {@link #accept()} threw
     * @return whether to keep accepting
     */
    default boolean keepsAccepting(IOException failure) {
        return false;
    }

    /** Stops listening; a thread in {@link #accept()} wakes with an exception. Never throws. */
    default void close() {
    }
}
