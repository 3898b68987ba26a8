package dev.pyconcurrent.multiprocessing.internal.broker;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pipe ({@link Kind#PIPE}): two ends, 0 and 1; what end {@code e} sends, end {@code 1-e}
 * receives (with {@code duplex == false}, only end 1 sends and only end 0 receives).
 *
 * <p>States of each end: OPEN → CLOSED, by {@code close}, and also when a process other
 * than the owner's that used it goes away, so that the peer's {@code recv} sees end of file
 * instead of waiting forever. A {@code recv} on an end whose inbox is empty and whose peer
 * is closed fails with end of file.
 */
final class ServedPipe implements Served {
    private final boolean duplex;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<byte[]>[] inbox = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()}; // guarded by lock
    private final boolean[] closed = new boolean[2]; // guarded by lock
    /** The ends each connection used. */
    private final Map<Broker.Session, Set<Integer>> users = new ConcurrentHashMap<>();

    ServedPipe(boolean duplex) {
        this.duplex = duplex;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) throws InterruptedException {
        int end = (Integer) a[0];
        lock.lock();
        try {
            boolean mayWait = op == Op.RECV || op == Op.POLL && (Long) a[1] != RemoteRef.NO_WAIT;
            if (mayWait && inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
                return LATER;
            }
            return call(op, a, s); // cannot wait: the lock (reentrant) is held since the check
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) throws InterruptedException {
        int end = (Integer) a[0];
        if (s != null) {   // an in-process call of the owner holds no connection to drop
            users.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(end);
        }
        lock.lock();
        try {
            switch (op) {
                case SEND: {
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
                case RECV: {
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
                case POLL: {
                    checkOpen(end);
                    if (!duplex && end == 1) {
                        throw new IllegalStateException("connection is write-only");
                    }
                    long n = (Long) a[1];
                    long left = n == RemoteRef.NO_WAIT ? 0 : n;
                    while (inbox[end].isEmpty() && !closed[1 - end] && !closed[end] && left > 0) {
                        left = changed.awaitNanos(left);
                    }
                    checkOpen(end);
                    return !inbox[end].isEmpty() || closed[1 - end];
                }
                case CLOSE:
                    closed[end] = true;
                    changed.signalAll();
                    return null;
                default:
                    throw Served.notServed(op, this);
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
