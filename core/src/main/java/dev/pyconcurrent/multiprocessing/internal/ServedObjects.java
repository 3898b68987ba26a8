package dev.pyconcurrent.multiprocessing.internal;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.threading.Acquirable;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The objects a {@link Broker} serves, each a thin adapter over the thread-level class
 * ({@link Lock}, {@link dev.pyconcurrent.queue.Queue}, ...). Timeouts travel as
 * nanoseconds: {@value #NO_WAIT} = do not block, {@link Long#MAX_VALUE} = forever. Each
 * object runs on the reader thread ({@link Served#tryNow}) what completes without
 * waiting, and leaves to the handler thread only what must wait; reentrant locks and
 * conditions, owned per thread, always run on the handler.
 */
final class ServedObjects {
    private ServedObjects() {
    }

    /** Timeout meaning "do not block". */
    static final long NO_WAIT = -1;

    static Served create(String kind, Object[] a) {
        return switch (kind) {
            case "lock" -> new ServedLock();
            case "rlock" -> new ServedRLock(new RLock());
            case "semaphore" -> new ServedSemaphore(new Semaphore((Integer) a[0]));
            case "boundedSemaphore" -> new ServedSemaphore(new BoundedSemaphore((Integer) a[0]));
            case "event" -> new ServedEvent();
            case "condition" -> new ServedCondition();
            case "barrier" -> new ServedBarrier((Integer) a[0]);
            case "queue" -> new ServedQueue((Integer) a[0]);
            case "pipe" -> new ServedPipe((Boolean) a[0]);
            case "dict" -> new ServedDict();
            case "list" -> new ServedList();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    static boolean acquire(Acquirable x, long nanos) {
        if (nanos == NO_WAIT) {
            return x.acquire(false);
        }
        if (nanos == Long.MAX_VALUE) {
            return x.acquire();
        }
        return x.acquire(Duration.ofNanos(nanos));
    }

    private static Duration duration(long nanos) {
        return Duration.ofNanos(Math.max(0, nanos));
    }

    /** A {@link Lock}, remembering which connection holds it. */
    static final class ServedLock implements Served {
        private final Lock lock = new Lock();
        private volatile Broker.Session holder;

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            if (op.equals("acquire") && (Long) a[0] != NO_WAIT) {
                if (!lock.acquire(false)) {
                    return LATER;
                }
                holder = s;
                return true;
            }
            return call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "acquire": {
                    boolean got = acquire(lock, (Long) a[0]);
                    if (got) {
                        holder = s;
                    }
                    return got;
                }
                case "release":
                    if (!lock.locked()) {
                        throw new IllegalStateException("release unlocked lock");
                    }
                    holder = null;
                    lock.release();
                    return null;
                case "locked":
                    return lock.locked();
                default:
                    throw new IllegalArgumentException(op);
            }
        }

        @Override
        public void dropped(Broker.Session s) {
            if (holder == s) {
                holder = null;
                try {
                    lock.release();
                } catch (IllegalStateException alreadyReleased) {
                    // released meanwhile
                }
            }
        }
    }

    /** Counts the holds of each connection on a reentrant lock, to undo them if it drops. */
    static class Holds {
        final Map<Broker.Session, Integer> counts = new ConcurrentHashMap<>();

        void add(Broker.Session s, int d) {
            counts.merge(s, d, (x, y) -> x + y == 0 ? null : x + y);
        }

        int take(Broker.Session s) {
            Integer n = counts.remove(s);
            return n == null ? 0 : n;
        }
    }

    /** An {@link RLock}: the connection's handler thread is the owner. */
    static final class ServedRLock implements Served {
        private final RLock lock;
        private final Holds holds = new Holds();

        ServedRLock(RLock lock) {
            this.lock = lock;
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "acquire": {
                    boolean got = acquire(lock, (Long) a[0]);
                    if (got) {
                        holds.add(s, 1);
                    }
                    return got;
                }
                case "release":
                    lock.release();
                    holds.add(s, -1);
                    return null;
                default:
                    throw new IllegalArgumentException(op);
            }
        }

        @Override
        public void dropped(Broker.Session s) {
            for (int n = holds.take(s); n > 0; n--) {
                lock.release();
            }
        }
    }

    /** A {@link Semaphore} or {@link BoundedSemaphore}. */
    static final class ServedSemaphore implements Served {
        private final Semaphore sem;

        ServedSemaphore(Semaphore sem) {
            this.sem = sem;
        }

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            if (op.equals("acquire") && (Long) a[0] != NO_WAIT) {
                return sem.acquire(false) ? Boolean.TRUE : LATER;
            }
            return call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "acquire":
                    return acquire(sem, (Long) a[0]);
                case "release":
                    sem.release((Integer) a[0]);
                    return null;
                case "getValue":
                    return sem.getValue();
                default:
                    throw new IllegalArgumentException(op);
            }
        }
    }

    /** An {@link Event}. */
    static final class ServedEvent implements Served {
        private final Event event = new Event();

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            if (op.equals("await")) {
                return event.isSet() ? Boolean.TRUE : LATER;
            }
            return call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "set":
                    event.set();
                    return null;
                case "clear":
                    event.clear();
                    return null;
                case "isSet":
                    return event.isSet();
                case "await": {
                    long n = (Long) a[0];
                    return n == Long.MAX_VALUE ? event.await() : event.await(duration(n));
                }
                default:
                    throw new IllegalArgumentException(op);
            }
        }
    }

    /** A {@link Condition} over an {@link RLock}, as Python's {@code multiprocessing.Condition()}. */
    static final class ServedCondition implements Served {
        private final Condition cond = new Condition(new RLock());
        private final Holds holds = new Holds();

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "acquire": {
                    boolean got = acquire(cond, (Long) a[0]);
                    if (got) {
                        holds.add(s, 1);
                    }
                    return got;
                }
                case "release":
                    cond.release();
                    holds.add(s, -1);
                    return null;
                case "await": {
                    long n = (Long) a[0];
                    return n == Long.MAX_VALUE ? cond.await() : cond.await(duration(n));
                }
                case "signal":
                    cond.signal((Integer) a[0]);
                    return null;
                case "signalAll":
                    cond.signalAll();
                    return null;
                default:
                    throw new IllegalArgumentException(op);
            }
        }

        @Override
        public void dropped(Broker.Session s) {
            for (int n = holds.take(s); n > 0; n--) {
                cond.release();
            }
        }
    }

    /** A {@link Barrier}; a party whose process dies while waiting breaks it (interrupt). */
    static final class ServedBarrier implements Served {
        private final Barrier barrier;

        ServedBarrier(int parties) {
            barrier = new Barrier(parties);
        }

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            return op.equals("await") ? LATER : call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "await": {
                    long n = (Long) a[0];
                    return n == Long.MAX_VALUE ? barrier.await() : barrier.await(duration(n));
                }
                case "reset":
                    barrier.reset();
                    return null;
                case "abort":
                    barrier.abort();
                    return null;
                case "getParties":
                    return barrier.getParties();
                case "getNWaiting":
                    return barrier.getNWaiting();
                case "isBroken":
                    return barrier.isBroken();
                default:
                    throw new IllegalArgumentException(op);
            }
        }
    }

    /** A {@link dev.pyconcurrent.queue.Queue} of serialized items: the server never deserializes them. */
    static final class ServedQueue implements Served {
        private final Queue<byte[]> queue;

        ServedQueue(int maxsize) {
            queue = new Queue<>(maxsize);
        }

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "put":
                    if ((Long) a[1] == NO_WAIT) {
                        return call(op, a, s);
                    }
                    try {
                        queue.putNowait((byte[]) a[0]);
                        return null;
                    } catch (FullException full) {
                        return LATER;
                    }
                case "get":
                    if ((Long) a[0] == NO_WAIT) {
                        return call(op, a, s);
                    }
                    try {
                        return queue.getNowait();
                    } catch (EmptyException empty) {
                        return LATER;
                    }
                case "join":
                    return LATER;
                default:
                    return call(op, a, s);
            }
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            switch (op) {
                case "put": {
                    byte[] item = (byte[]) a[0];
                    long n = (Long) a[1];
                    if (n == NO_WAIT) {
                        queue.putNowait(item);
                    } else if (n == Long.MAX_VALUE) {
                        queue.put(item);
                    } else {
                        queue.put(item, duration(n));
                    }
                    return null;
                }
                case "get": {
                    long n = (Long) a[0];
                    if (n == NO_WAIT) {
                        return queue.getNowait();
                    }
                    return n == Long.MAX_VALUE ? queue.get() : queue.get(duration(n));
                }
                case "qsize":
                    return queue.qsize();
                case "empty":
                    return queue.empty();
                case "full":
                    return queue.full();
                case "taskDone":
                    queue.taskDone();
                    return null;
                case "join": {
                    long n = (Long) a[0];
                    if (n == Long.MAX_VALUE) {
                        queue.join();
                        return true;
                    }
                    return queue.join(duration(n));
                }
                default:
                    throw new IllegalArgumentException(op);
            }
        }
    }

    /**
     * A pipe: two ends, 0 and 1; what end {@code e} sends, end {@code 1-e} receives (with
     * {@code duplex == false}, only end 1 sends and only end 0 receives). An end is closed by
     * {@code close}, and also when a process other than the owner's that used it goes away,
     * so that the peer's {@code recv} sees end of file instead of waiting forever.
     */
    static final class ServedPipe implements Served {
        private final boolean duplex;
        private final ReentrantLock lock = new ReentrantLock();
        private final java.util.concurrent.locks.Condition changed = lock.newCondition();
        @SuppressWarnings({"unchecked", "rawtypes"})
        private final ArrayDeque<byte[]>[] inbox = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()}; // guarded by lock
        private final boolean[] closed = new boolean[2]; // guarded by lock
        private final Map<Broker.Session, Set<Integer>> users = new ConcurrentHashMap<>();

        ServedPipe(boolean duplex) {
            this.duplex = duplex;
        }

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) throws InterruptedException {
            int end = (Integer) a[0];
            lock.lock();
            try {
                boolean mayWait = op.equals("recv") || op.equals("poll") && (Long) a[1] != NO_WAIT;
                if (mayWait && inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
                    return LATER;
                }
                return call(op, a, s); // cannot wait: the lock (reentrant) is held since the check
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) throws InterruptedException {
            int end = (Integer) a[0];
            users.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(end);
            lock.lock();
            try {
                switch (op) {
                    case "send": {
                        checkOpen(end);
                        if (!duplex && end == 0) {
                            throw new IllegalStateException("connection is read-only");
                        }
                        if (closed[1 - end]) {
                            throw new UncheckedIOException(new IOException("Broken pipe: the other end is closed"));
                        }
                        inbox[1 - end].add((byte[]) a[1]);
                        changed.signalAll();
                        return null;
                    }
                    case "recv": {
                        checkOpen(end);
                        if (!duplex && end == 1) {
                            throw new IllegalStateException("connection is write-only");
                        }
                        while (inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
                            changed.await();
                        }
                        checkOpen(end);
                        byte[] m = inbox[end].poll();
                        if (m == null) {
                            throw new UncheckedIOException(new EOFException("the other end of the connection is closed"));
                        }
                        return m;
                    }
                    case "poll": {
                        checkOpen(end);
                        long n = (Long) a[1];
                        long left = n == NO_WAIT ? 0 : n;
                        while (inbox[end].isEmpty() && !closed[1 - end] && !closed[end] && left > 0) {
                            left = changed.awaitNanos(left);
                        }
                        checkOpen(end);
                        return !inbox[end].isEmpty() || closed[1 - end];
                    }
                    case "close":
                        closed[end] = true;
                        changed.signalAll();
                        return null;
                    default:
                        throw new IllegalArgumentException(op);
                }
            } finally {
                lock.unlock();
            }
        }

        private void checkOpen(int end) {
            if (closed[end]) {
                throw new IllegalStateException("handle is closed");
            }
        }

        @Override
        public void dropped(Broker.Session s) {
            Set<Integer> ends = users.remove(s);
            if (ends == null || s.isLocalClient()) {
                return;
            }
            lock.lock();
            try {
                for (int e : ends) {
                    closed[e] = true;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A manager's dictionary: a {@link LinkedHashMap} under its monitor. */
    static final class ServedDict implements Served {
        private final Map<Object, Object> map = new LinkedHashMap<>(); // guarded by map

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            return call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            synchronized (map) {
                return switch (op) {
                    case "get" -> map.get(a[0]);
                    case "put" -> map.put(a[0], a[1]);
                    case "putIfAbsent" -> map.putIfAbsent(a[0], a[1]);
                    case "remove" -> map.remove(a[0]);
                    case "containsKey" -> map.containsKey(a[0]);
                    case "containsValue" -> map.containsValue(a[0]);
                    case "size" -> map.size();
                    case "clear" -> {
                        map.clear();
                        yield null;
                    }
                    case "putAll" -> {
                        @SuppressWarnings("unchecked")
                        Map<Object, Object> m = (Map<Object, Object>) a[0];
                        map.putAll(m);
                        yield null;
                    }
                    case "copy" -> new LinkedHashMap<>(map);
                    default -> throw new IllegalArgumentException(op);
                };
            }
        }
    }

    /** A manager's list: an {@link ArrayList} under its monitor. */
    static final class ServedList implements Served {
        private final List<Object> list = new ArrayList<>(); // guarded by list

        @Override
        public Object tryNow(String op, Object[] a, Broker.Session s) {
            return call(op, a, s);
        }

        @Override
        public Object call(String op, Object[] a, Broker.Session s) {
            synchronized (list) {
                return switch (op) {
                    case "get" -> list.get((Integer) a[0]);
                    case "set" -> list.set((Integer) a[0], a[1]);
                    case "insert" -> {
                        list.add((Integer) a[0], a[1]);
                        yield null;
                    }
                    case "append" -> list.add(a[0]);
                    case "removeAt" -> list.remove((int) (Integer) a[0]);
                    case "size" -> list.size();
                    case "clear" -> {
                        list.clear();
                        yield null;
                    }
                    case "copy" -> new ArrayList<>(list);
                    default -> throw new IllegalArgumentException(op);
                };
            }
        }
    }

}
