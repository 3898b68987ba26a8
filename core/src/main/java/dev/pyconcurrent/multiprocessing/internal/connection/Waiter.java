package dev.pyconcurrent.multiprocessing.internal.connection;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.Connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.connection.wait}: waits until one of several objects is ready.
 * Each kind of object says how it can be watched ({@link Kind}): a selectable channel (a socket
 * connection), a callback (a process sentinel), or neither, in which case it is polled (a
 * {@link Connection} of another kind, for example a {@code pipe()} end, with pauses growing from
 * 1 to {@value #MAX_POLL_MILLIS} ms). Kinds register themselves from their class's static
 * initializer, so any object handed to {@link #wait} has registered its kind.
 */
public final class Waiter {
    private Waiter() {
    }

    /** Longest pause between two polls of an object that cannot be watched. */
    static final long MAX_POLL_MILLIS = 10;

    /** A registration to cancel once the wait is over. */
    public interface Registration {
        /** Stops the notifications. */
        void cancel();
    }

    /**
     * How {@link #wait} watches objects of one type.
     *
     * @param <T> the type
     */
    public interface Kind<T> {
        /**
         * @param obj the object
         * @return whether it is ready now (without waiting)
         */
        boolean readyNow(T obj);

        /**
         * @param obj the object
         * @return a non-blocking channel whose readability (or end of stream) makes it ready, or null
         */
        default SelectableChannel channel(T obj) {
            return null;
        }

        /**
         * @param obj  the object
         * @param wake to run when it becomes ready (at once if it is)
         * @return the registration, or null if this kind cannot call back
         */
        default Registration onReady(T obj, Runnable wake) {
            return null;
        }
    }

    private static final Map<Class<?>, Kind<?>> KINDS = new ConcurrentHashMap<>();

    private static final Kind<Connection> POLLED_CONNECTION = Connection::poll;

    /**
     * Registers how objects of {@code type} (and its subclasses) are watched.
     *
     * @param type the type
     * @param kind how
     * @param <T>  the type
     */
    public static <T> void register(Class<T> type, Kind<T> kind) {
        KINDS.put(type, kind);
    }

    @SuppressWarnings("unchecked")
    private static Kind<Object> kindOf(Object o) {
        if (o == null) {
            throw new NullPointerException("wait() got a null object");
        }
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            Kind<?> k = KINDS.get(c);
            if (k != null) {
                return (Kind<Object>) k;
            }
        }
        if (o instanceof Connection) {
            return (Kind<Object>) (Kind<?>) POLLED_CONNECTION;
        }
        throw new IllegalArgumentException("wait() takes connections and process sentinels, not "
                + o.getClass().getName());
    }

    /**
     * Waits until at least one object is ready, or the time is up.
     *
     * @param objects the objects
     * @param nanos   how long at most ({@code Long.MAX_VALUE}: forever)
     * @param <T>     their type
     * @return the ready ones, in the order given (empty if the time ran out)
     */
    public static <T> List<T> wait(Collection<? extends T> objects, long nanos) {
        List<T> all = new ArrayList<>(objects);
        List<Kind<Object>> kinds = new ArrayList<>(all.size());
        for (T o : all) {
            kinds.add(kindOf(o));
        }
        Interrupts.checkNotInterrupted();
        List<T> ready = readyNow(all, kinds, null);
        if (!ready.isEmpty() || nanos <= 0) {
            return ready;
        }
        long deadline = Timeouts.deadline(nanos);
        boolean forever = nanos == Long.MAX_VALUE;
        List<Registration> registrations = new ArrayList<>();
        boolean polled = false;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < all.size(); i++) {
                Object o = all.get(i);
                SelectableChannel ch = kinds.get(i).channel(o);
                if (ch != null) {
                    try {
                        ch.register(selector, SelectionKey.OP_READ, i);
                        continue;
                    } catch (ClosedChannelException closed) {
                        kinds.get(i).readyNow(o);   // reports its own closed state
                        throw new IllegalStateException("handle is closed", closed);
                    }
                }
                Registration r = kinds.get(i).onReady(o, () -> wakeup(selector));
                if (r != null) {
                    registrations.add(r);
                } else {
                    polled = true;
                }
            }
            long pause = 1;
            for (;;) {
                ready = readyNow(all, kinds, selector);
                if (!ready.isEmpty()) {
                    return ready;
                }
                long left = forever ? Long.MAX_VALUE : Timeouts.remaining(deadline);
                if (left <= 0) {
                    return ready;
                }
                long millis = forever ? Long.MAX_VALUE : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
                if (polled) {
                    millis = Math.min(millis, pause);
                    pause = Math.min(MAX_POLL_MILLIS, pause * 2);
                }
                if (millis == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    selector.select(millis);
                }
                if (Thread.interrupted()) {
                    throw Interrupts.rethrow(new InterruptedException());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("wait() failed", e);
        } finally {
            for (Registration r : registrations) {
                r.cancel();
            }
        }
    }

    private static void wakeup(Selector s) {
        try {
            s.wakeup();
        } catch (ClosedSelectorException done) {
            // the wait is over
        }
    }

    private static <T> List<T> readyNow(List<T> all, List<Kind<Object>> kinds, Selector selector) {
        boolean[] selected = new boolean[all.size()];
        if (selector != null) {
            for (SelectionKey k : selector.selectedKeys()) {
                selected[(Integer) k.attachment()] = true;
            }
            selector.selectedKeys().clear();
        }
        List<T> ready = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (selected[i] || kinds.get(i).readyNow(all.get(i))) {
                ready.add(all.get(i));
            }
        }
        return ready;
    }
}
