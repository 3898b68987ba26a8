package dev.pyconcurrent.multiprocessing.internal.broker;

import java.net.SocketAddress;

/**
 * Where a {@code Manager} makes its objects: its own broker in this process ({@link ManagerHost}),
 * or a manager in another program it connected to ({@link ManagerLink}).
 */
public interface ManagerHome {
    /**
     * Makes a built-in object.
     *
     * @param kind what to make
     * @param args its constructor arguments (as listed on {@link Kind})
     * @return its reference
     * @throws IllegalStateException if the manager is shut down or cannot be reached
     */
    RemoteRef create(Kind kind, Object... args);

    /**
     * Makes (or gets) an object of a registered type.
     *
     * @param typeid its type id
     * @param type   the interface the proxy implements (the registered one or one it extends)
     * @param args   the factory's arguments
     * @return its reference
     * @throws IllegalArgumentException for an unknown type id, an interface that does not fit, or
     *                                  arguments no factory takes
     * @throws RuntimeException what the factory threw
     */
    RemoteRef createRegistered(String typeid, Class<?> type, Object[] args);

    /** @return the address other processes connect to */
    SocketAddress address();

    /** Stops serving (a host) or stops making objects here (a link); idempotent. */
    void shutdown();

    /** @return whether {@link #shutdown()} ran (for a host: or the broker closed at exit) */
    boolean isClosed();
}
