package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Queue} of serialized items ({@link Kind#QUEUE}): the server never deserializes
 * them. A {@code put} or {@code get} that can complete at once runs on the reader thread.
 *
 * <p>A {@code get()} (no timeout) of one of the owner's threads that finds the queue empty leads the
 * connection of the process that put last ({@link Broker.Session#lead}): that process's next put reaches the
 * getting thread without a hand-off from the session's reader. One thread leads at a time; others, and a
 * {@code get} before any other process has put, wait on the queue as before. Every put counts in
 * {@link #puts} and wakes the leader, so a put from elsewhere (another connection, an owner's thread) ends its
 * wait too.
 *
 * <p>A client's {@code get()} (no timeout) that finds the queue empty is parked, not handed to a thread: the
 * put that follows takes the item back out of the queue and answers it from its own thread (items still pass
 * through the queue, so {@code maxsize} and {@code JoinableQueue} counts are kept as for any put). A parked
 * call is registered and a put serves parked calls under {@link #parkLock}; a get sets {@link #anyParked} before
 * it looks in the queue, and a put reads it after its item is in, so a get either finds the item or is seen by
 * the put.
 */
final class ServedQueue implements Served {
    private final Queue<byte[]> queue;
    /** The connection that put last, or null: the owner's getter leads it while it waits. */
    private volatile Broker.Session feeder;
    /** The owner's thread now leading {@link #feeder}, with the selector that wakes it, or null. */
    private final AtomicReference<Leader> leading = new AtomicReference<>();
    /** Counts puts (after the item is in the queue): a leading getter looks again when it changes. */
    private final AtomicLong puts = new AtomicLong();

    private record Leader(Thread thread, Selector selector) {
    }

    /** A client's {@code get()} waiting for an item. */
    private record Parked(Broker.Session session, long callId) {
    }

    private final ReentrantLock parkLock = new ReentrantLock();
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();   // guarded by parkLock
    /** Whether {@link #parked} may be non-empty: a put looks under the lock only then. */
    private volatile boolean anyParked;

    ServedQueue(int maxsize) {
        queue = new Queue<>(maxsize);
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s, long callId) throws InterruptedException {
        if (op == Op.GET && (Long) a[0] == RemoteRef.FOREVER && s != null) {
            parkLock.lock();
            try {
                anyParked = true;   // before looking: a put that then finds nothing sees this and serves us
                try {
                    byte[] item = queue.getNowait();
                    anyParked = !parked.isEmpty();
                    return item;
                } catch (EmptyException empty) {
                    parked.add(new Parked(s, callId));
                    return PARKED;
                }
            } finally {
                parkLock.unlock();
            }
        }
        return tryNow(op, a, s);
    }

    @Override
    public boolean cancelParked(Broker.Session s, long callId) {
        parkLock.lock();
        try {
            if (!parked.remove(new Parked(s, callId))) {
                return false;
            }
            anyParked = !parked.isEmpty();
        } finally {
            parkLock.unlock();
        }
        s.answerInterrupted(callId, "get");
        return true;
    }

    /** After an item went in: hands items to parked gets, and answers them once the lock is let go. */
    private void serveParked() {
        if (!anyParked) {
            return;
        }
        List<Parked> to = null;
        List<byte[]> items = null;
        parkLock.lock();
        try {
            while (!parked.isEmpty()) {
                byte[] item;
                try {
                    item = queue.getNowait();
                } catch (EmptyException empty) {
                    break;   // another getter took it
                }
                if (to == null) {
                    to = new ArrayList<>(1);
                    items = new ArrayList<>(1);
                }
                to.add(parked.poll());
                items.add(item);
            }
            anyParked = !parked.isEmpty();
        } finally {
            parkLock.unlock();
        }
        if (to != null) {
            for (int i = 0; i < to.size(); i++) {
                to.get(i).session().answerParked(to.get(i).callId(), true, items.get(i));
            }
        }
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) throws InterruptedException {
        switch (op) {
            case PUT:
                if ((Long) a[1] == RemoteRef.NO_WAIT) {
                    return call(op, a, s);
                }
                try {
                    fedBy(s);
                    queue.putNowait((byte[]) a[0]);
                    arrived();
                    return null;
                } catch (FullException full) {
                    return LATER;
                }
            case GET:
                if ((Long) a[0] == RemoteRef.NO_WAIT) {
                    return call(op, a, s);
                }
                try {
                    return queue.getNowait();
                } catch (EmptyException empty) {
                    return LATER;
                }
            case JOIN:
                return LATER;
            default:
                return call(op, a, s);
        }
    }

    /** Notes the connection of a put before its item goes in, so a getter that takes the item can lead it next. */
    private void fedBy(Broker.Session s) {
        if (s != null && feeder != s) {
            feeder = s;
        }
    }

    /** After an item went in: a leading getter looks again (unless it is the thread that ran this put). */
    private void arrived() {
        serveParked();
        puts.incrementAndGet();
        Leader l = leading.get();
        if (l != null && l.thread() != Thread.currentThread()) {
            Broker.wakeLeader(l.selector());
        }
    }

    /**
     * The owner's {@code get()}: takes an item, leading the last putter's connection while there is none.
     *
     * @return the item
     */
    private byte[] getLeading() throws InterruptedException {
        while (true) {
            try {
                return queue.getNowait();
            } catch (EmptyException empty) {
                // lead until a put, or wait on the queue
            }
            Broker.Session f = feeder;
            if (f == null || leading.get() != null) {
                return queue.get();   // no connection to lead, or another thread leads it
            }
            Selector mine = Broker.leaderSelector();
            if (!leading.compareAndSet(null, new Leader(Thread.currentThread(), mine))) {
                Broker.giveBack(mine);
                return queue.get();
            }
            boolean led;
            try {
                long seen = puts.get();
                // a put that came in before `leading` was set did not wake us: look once more
                led = !queue.empty() || f.lead(mine, () -> puts.get() != seen);
            } finally {
                leading.set(null);
                Broker.giveBack(mine);
            }
            if (!led) {
                return queue.get();   // that connection ended or cannot be lent
            }
        }
    }

    @Override
    public int parkedCalls() {
        parkLock.lock();
        try {
            return parked.size();
        } finally {
            parkLock.unlock();
        }
    }

    @Override
    public void dropped(Broker.Session s) {
        if (feeder == s) {
            feeder = null;
        }
        if (anyParked) {
            parkLock.lock();
            try {
                parked.removeIf(p -> p.session() == s);
                anyParked = !parked.isEmpty();
            } finally {
                parkLock.unlock();
            }
        }
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) throws InterruptedException {
        switch (op) {
            case PUT: {
                byte[] item = (byte[]) a[0];
                long n = (Long) a[1];
                fedBy(s);
                if (n == RemoteRef.NO_WAIT) {
                    queue.putNowait(item);
                } else if (n == RemoteRef.FOREVER) {
                    queue.put(item);
                } else {
                    queue.put(item, Served.duration(n));
                }
                arrived();
                return null;
            }
            case GET: {
                long n = (Long) a[0];
                if (n == RemoteRef.NO_WAIT) {
                    return queue.getNowait();
                }
                if (n == RemoteRef.FOREVER) {
                    return s == null ? getLeading() : queue.get();
                }
                return queue.get(Served.duration(n));
            }
            case QSIZE:
                return queue.qsize();
            case EMPTY:
                return queue.empty();
            case FULL:
                return queue.full();
            case TASK_DONE:
                queue.taskDone();
                return null;
            case JOIN: {
                long n = (Long) a[0];
                if (n == RemoteRef.FOREVER) {
                    queue.join();
                    return true;
                }
                return queue.join(Served.duration(n));
            }
            default:
                throw Served.notServed(op, this);
        }
    }
}
