package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the holds of each connection on a reentrant lock (or a condition's lock), to undo
 * them if that connection drops. Only a session's own handler thread changes its count.
 */
final class SessionHolds {
    /** Holds per session; a session with none has no entry. */
    private final Map<Broker.Session, Integer> counts = new ConcurrentHashMap<>();

    /**
     * Adds {@code d} (+1 or -1) to the holds of {@code s}.
     *
     * @param s the session
     * @param d the change
     */
    void add(Broker.Session s, int d) {
        counts.merge(s, d, (x, y) -> x + y == 0 ? null : x + y);
    }

    /**
     * Forgets the holds of {@code s}.
     *
     * @param s the session
     * @return how many it had
     */
    int take(Broker.Session s) {
        Integer n = counts.remove(s);
        return n == null ? 0 : n;
    }
}
