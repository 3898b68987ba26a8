package dev.pyconcurrent.multiprocessing.internal.broker;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * than the owner's that used it goes away (not when one of its threads ends), so that the peer's {@code recv} sees end of file
 * instead of waiting forever. A {@code recv} on an end whose inbox is empty and whose peer
 * is closed fails with end of file.
 *
 * <p>A client's {@code recv} that finds nothing to receive is parked, not handed to a thread: the
 * {@code send} that fills the inbox (or the {@code close} that ends it) answers it from its own thread,
 * so a message reaches a waiting receiver with one thread wake-up fewer.
 *
 * <p>A {@code recv} of the owner's own threads that finds nothing leads the connection of the peer that last
 * sent to that end ({@link Broker.Session#lead}): that peer's next message wakes the receiving thread itself.
 * Whatever else fills the inbox or closes an end wakes the leading thread ({@link Broker#wakeLeader}).
 */
final class ServedPipe implements Served {
    private final boolean duplex;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<byte[]>[] inbox = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()}; // guarded by lock
    private final boolean[] closed = new boolean[2]; // guarded by lock
    /** A client's {@code recv} waiting for a message. */
    private record Parked(Broker.Session session, long callId) {
    }

    /** One answer to a parked receive, written after the lock is let go. */
    private record Answer(Parked to, boolean ok, Object result) {
    }

    @SuppressWarnings("unchecked")
    private final ArrayDeque<Parked>[] parked = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()}; // guarded by lock
    /** The connection that last sent to each end: the owner's receiver leads it while it waits. */
    private final Broker.Session[] feeder = new Broker.Session[2]; // guarded by lock
    /** The selector of the owner's thread that leads a connection while it waits on each end, or null. */
    private final java.nio.channels.Selector[] leading = new java.nio.channels.Selector[2]; // guarded by lock
    /** Counts arrivals and closes: a leading receiver looks again when it changes. */
    private volatile long changes;
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
    public Object tryNow(Op op, Object[] a, Broker.Session s, long callId) throws InterruptedException {
        int end = (Integer) a[0];
        if (op == Op.RECV && duplex || op == Op.RECV && end == 0) {
            lock.lock();
            try {
                if (inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
                    users.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(end);
                    parked[end].add(new Parked(s, callId));
                    return PARKED;
                }
            } finally {
                lock.unlock();
            }
        }
        return tryNow(op, a, s);
    }

    @Override
    public boolean cancelParked(Broker.Session s, long callId) {
        Parked p = new Parked(s, callId);
        lock.lock();
        try {
            if (!parked[0].remove(p) && !parked[1].remove(p)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        s.answerInterrupted(callId, "recv");
        return true;
    }

    /**
     * Takes the parked receives that can be answered now (a message arrived, or an end closed), under the lock.
     */
    private List<Answer> answerable() {
        List<Answer> out = null;
        for (int end = 0; end < 2; end++) {
            while (!parked[end].isEmpty() && (!inbox[end].isEmpty() || closed[1 - end] || closed[end])) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                Parked p = parked[end].poll();
                if (closed[end]) {
                    out.add(new Answer(p, false, new IllegalStateException("handle is closed")));
                } else if (inbox[end].isEmpty()) {
                    out.add(new Answer(p, false,
                            new UncheckedIOException(new EOFException("the other end of the connection is closed"))));
                } else {
                    out.add(new Answer(p, true, inbox[end].poll()));
                }
            }
        }
        return out == null ? List.of() : out;
    }

    private static void send(List<Answer> answers) {
        for (Answer a : answers) {
            a.to().session().answerParked(a.to().callId(), a.ok(), a.result());
        }
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) throws InterruptedException {
        int end = (Integer) a[0];
        boolean mayWait = op == Op.RECV || op == Op.POLL && (Long) a[1] != RemoteRef.NO_WAIT;
        if (!mayWait) {
            return call(op, a, s);   // not under the lock: a send may answer a parked receive
        }
        lock.lock();
        try {
            if (inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
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
        List<Answer> answers = List.of();
        java.nio.channels.Selector[] wake = null;   // a close wakes the leaders of both ends
        java.nio.channels.Selector wakeOne = null;
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
                    if (s != null) {
                        feeder[1 - end] = s;
                    }
                    changes++;
                    wakeOne = leading[1 - end];   // only a receiver on the end that got the message cares
                    answers = answerable();
                    changed.signalAll();
                    return null;
                }
                case RECV: {
                    checkOpen(end);
                    if (!duplex && end == 1) {
                        throw new IllegalStateException("connection is write-only");
                    }
                    while (inbox[end].isEmpty() && !closed[1 - end] && !closed[end]) {
                        if (s != null || !leadFeeder(end)) {
                            changed.await();
                        }
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
                    changes++;
                    wake = leading.clone();
                    answers = answerable();
                    changed.signalAll();
                    return null;
                default:
                    throw Served.notServed(op, this);
            }
        } finally {
            lock.unlock();
            send(answers);
            wakeLeaders(wake);
            Broker.wakeLeader(wakeOne);
        }
    }

    /**
     * The owner's receiver waits on {@code end} by leading the connection of its last sender, with the lock let
     * go meanwhile; called with the lock held, which it holds again on return.
     *
     * @return false if there is no such connection or it cannot be lent: the caller waits on the condition
     */
    private boolean leadFeeder(int end) throws InterruptedException {
        Broker.Session f = feeder[end];
        if (f == null || leading[end] != null) {
            return false;
        }
        long seen = changes;
        java.nio.channels.Selector mine = Broker.leaderSelector();
        leading[end] = mine;
        lock.unlock();
        try {
            return f.lead(mine, () -> changes != seen);
        } finally {
            lock.lock();
            leading[end] = null;
            Broker.giveBack(mine);
        }
    }

    private static void wakeLeaders(java.nio.channels.Selector[] leaders) {
        if (leaders != null) {
            for (java.nio.channels.Selector l : leaders) {
                Broker.wakeLeader(l);
            }
        }
    }

    private void checkOpen(int end) {
        if (closed[end]) {
            throw new IllegalStateException("handle is closed");
        }
    }

    @Override
    public int parkedCalls() {
        lock.lock();
        try {
            return parked[0].size() + parked[1].size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void dropped(Broker.Session s) {
        Set<Integer> ends = users.remove(s);
        if (ends == null) {
            return;
        }
        java.nio.channels.Selector[] wake = null;
        List<Answer> answers = List.of();
        lock.lock();
        try {
            parked[0].removeIf(p -> p.session() == s);
            parked[1].removeIf(p -> p.session() == s);
            for (int e = 0; e < 2; e++) {
                if (feeder[e] == s) {
                    feeder[e] = null;
                }
            }
            if (s.isLocalClient() || s.retired()) {
                return;   // the process that used these ends lives on
            }
            for (int e : ends) {
                closed[e] = true;
            }
            changes++;
            wake = leading.clone();
            answers = answerable();
            changed.signalAll();
        } finally {
            lock.unlock();
            send(answers);
            wakeLeaders(wake);
        }
    }
}
