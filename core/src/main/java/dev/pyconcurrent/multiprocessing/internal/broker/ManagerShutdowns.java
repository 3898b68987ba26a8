package dev.pyconcurrent.multiprocessing.internal.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a proxy says when its object's server is gone. A {@code Manager} shut down in this JVM is
 * remembered by its socket, so a proxy used afterwards here says "this Manager has been shut down"
 * rather than reporting a reset connection; in another process, a socket that no longer exists means
 * the Manager was shut down or its process exited.
 */
public final class ManagerShutdowns {
    /** Sockets of the Managers shut down in this JVM (a few dozen bytes each). */
    private static final Set<String> SOCKETS = ConcurrentHashMap.newKeySet();

    private ManagerShutdowns() {
    }

    /**
     * Records that the Manager serving on {@code socket} was shut down.
     *
     * @param socket the Manager's broker socket
     */
    public static void shutDown(String socket) {
        SOCKETS.add(socket);
    }

    /**
     * The failure of a proxy call, reworded when the object's server is known to be gone.
     *
     * @param socket  the socket of the object's broker
     * @param failure how the call failed
     * @return {@code failure}, or an {@link IllegalStateException} saying the Manager is shut down
     */
    static RuntimeException explain(String socket, IllegalStateException failure) {
        if (SOCKETS.contains(socket)) {
            return new IllegalStateException("this Manager has been shut down: the objects it served"
                    + " (dict, list, locks, queues, ...) cannot be used after its shutdown() or close()", failure);
        }
        if (Endpoints.isNetwork(socket)) {
            return failure; // NetClient's messages name the manager's address
        }
        if (!Files.exists(Path.of(socket))) {
            return new IllegalStateException("the server of this object is gone: its Manager has been shut down,"
                    + " or the process that owns it has exited", failure);
        }
        return failure;
    }
}
