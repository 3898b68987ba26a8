package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.internal.Spin;
import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of {@link Broker} connections. Each thread has its own authenticated
 * connection per broker, so a call that blocks on the server (a queue {@code get}, a lock
 * {@code acquire}) holds up only the calling thread, and a lock taken by a thread is held
 * by that thread's connection. Connections of threads that have ended are closed the next
 * time a connection is opened.
 *
 * <p>Reads and writes use a non-blocking channel and a selector so that an interrupt does
 * not close the connection (which would release the thread's other locks): it sends a
 * {@code CANCEL} frame instead and waits for the server's answer.
 */
public final class BrokerClient {
    private BrokerClient() {
    }

    /**
     * A subclass, not {@code withInitial(HashMap::new)}; this class's other threads and callbacks are classes
     * too: a young child links a lambda's call site at its first use (2–4 ms), on its first put's way.
     */
    private static final ThreadLocal<Map<String, Conn>> MINE = new ThreadLocal<>() {
        @Override
        protected Map<String, Conn> initialValue() {
            return new HashMap<>();
        }
    };
    private static final Set<Conn> ALL = ConcurrentHashMap.newKeySet();

    /** One authenticated connection, used by its owner thread only (closed by others only when its server is gone). */
    private static final class Conn {
        final String socket;
        final SocketChannel ch;
        final Selector selector;
        final SelectionKey key;
        final Thread owner = Thread.currentThread();
        long nextId; // owner thread only
        /** Owner thread only: bytes read and not parsed yet, in read mode; an answer and its header come in one read. */
        final ByteBuffer in = ByteBuffer.allocate(1 << 13).flip();
        long cancelled = -1; // owner thread only: the last call a CANCEL was sent for

        /** Guards {@link #pending}, the writes and {@link #writeSelector}: the owner and the flusher write. */
        final Object out = new Object();
        ByteBuffer pending = ByteBuffer.allocate(1 << 12);   // guarded by out: casts not written yet
        boolean flushQueued;                               // guarded by out: the flusher will write pending
        long lastWrite;                                    // guarded by out: System.nanoTime() of the last write
        final Selector writeSelector;                      // guarded by out
        final SelectionKey writeKey;                       // guarded by out

        Conn(String socket, SocketChannel ch) throws IOException {
            this.socket = socket;
            this.ch = ch;
            ch.configureBlocking(false);
            selector = Selector.open();
            key = ch.register(selector, 0);
            writeSelector = Selector.open();
            writeKey = ch.register(writeSelector, 0);
        }

        /**
         * Closes the connection of a thread that ended: what it cast and is not written yet goes first,
         * then {@link Broker#BYE}, so the server knows the process lives on.
         */
        void retire() {
            try {
                synchronized (out) {
                    append(this, ByteBuffer.allocate(Broker.HEADER).putInt(0).put(Broker.BYE).putLong(0).flip());
                    if (drain(this)) {
                        Thread.currentThread().interrupt();   // the caller's own flag, kept
                    }
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException
                     | java.nio.channels.CancelledKeyException serverGone) {
                // nothing to tell
            }
            close();
        }

        void close() {
            ALL.remove(this);
            try {
                selector.close();
                synchronized (out) {
                    writeSelector.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** @return a copy of the key this process authenticates with (its own, or its parent's in a child) */
    public static byte[] processKey() {
        return Handshake.key().clone();
    }

    /**
     * Connects to a broker and runs the mutual authentication with {@code key}, then closes.
     *
     * @param socket the broker's socket path
     * @param key    the key to prove
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's digest is wrong
     * @throws IllegalStateException if the broker cannot be reached
     */
    public static void probe(String socket, byte[] key) {
        SocketChannel ch = connect(socket, key);
        try {
            ch.close();
        } catch (IOException ignored) {
            // done
        }
    }

    /**
     * Drops this thread's connection to {@code socket} if its peer has closed it (a manager that was
     * restarted at the same path); a live one is kept (it may hold locks).
     *
     * @param socket the server's socket path
     */
    static void dropIfClosed(String socket) {
        Conn c = MINE.get().get(socket);
        if (c == null) {
            return;
        }
        int n;
        try {
            n = c.ch.read(ByteBuffer.allocate(1)); // non-blocking: 0 while the peer is there and quiet
        } catch (IOException e) {
            n = -1;
        }
        if (n != 0) {
            c.close();
            MINE.get().remove(socket);
        }
    }

    /** How long the server may take to authenticate a new connection; tests shorten it. */
    static volatile long handshakeMillis = Limits.HANDSHAKE_MILLIS;

    private static SocketChannel connect(String socket, byte[] key) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a socket: " + e, e);
        }
        java.util.concurrent.ScheduledFuture<?> timeout;
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        long limit = handshakeMillis;
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            // a server that accepts and then says nothing (not ours, or hung) must not hold this thread forever
            SocketChannel connecting = ch;
            timeout = Broker.afterHandshakeLimit(new Runnable() {
                @Override
                public void run() {
                    timedOut.set(true);
                    Quietly.close(connecting);
                }
            }, limit);
            BrokerAuth.clientSide(ch, key);
            if (!timeout.cancel(false)) {
                throw new java.nio.channels.AsynchronousCloseException();   // closed by the limit just now
            }
            return ch;
        } catch (IOException e) {
            Quietly.close(ch);
            if (timedOut.get()) {
                throw new IllegalStateException("the process at " + socket + " accepted the connection but did not"
                        + " complete the handshake within " + limit + " ms", e);
            }
            throw new IllegalStateException("cannot reach the process that owns this object (" + socket
                    + "); it may have exited: " + e, e);
        } catch (RuntimeException e) {
            Quietly.close(ch);
            throw e;
        }
    }

    /**
     * Closes every connection of this JVM to {@code socket} (its server, a {@code Manager} of this JVM,
     * was shut down), so none keeps its socket and selector open in a thread that will not call again.
     * A call in progress on one of them fails, as it would anyway with its server gone.
     *
     * @param socket the socket of a broker that was closed
     */
    public static void closeConnectionsTo(String socket) {
        for (Conn c : ALL) {
            if (c.socket.equals(socket)) {
                c.close();
            }
        }
    }

    private static Conn connection(String socket) {
        Map<String, Conn> mine = MINE.get();
        Conn c = mine.get(socket);
        if (c != null && c.ch.isOpen()) {
            return c;
        }
        for (java.util.Iterator<Conn> i = mine.values().iterator(); i.hasNext(); ) {
            if (!i.next().ch.isOpen()) {
                i.remove();   // closed because their server went away
            }
        }
        for (Conn other : ALL) {
            if (!other.owner.isAlive()) {
                other.retire();
            }
        }
        try {
            c = new Conn(socket, connect(socket, Endpoints.key(socket)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up a connection: " + e, e);
        }
        ALL.add(c);
        mine.put(socket, c);
        return c;
    }

    /**
     * Sends a call the client does not wait for ({@link Broker#CAST}). A cast on a connection that wrote
     * nothing for {@link #IDLE_NANOS}, or whose last call has been answered, goes out at once; one that follows closely is appended to the
     * connection's pending bytes, which the {@link #FLUSHER} thread (or the next call, or a full buffer)
     * writes in one go: a stream of puts costs one system call per batch, and a lone put no delay.
     * Calls on the connection, and the JVM's exit, write what is pending first, so nothing overtakes
     * a cast and nothing is lost when a process exits normally.
     */
    static void cast(RemoteRef ref, Op op, Object[] args) {
        if (Endpoints.isNetwork(ref.socket())) {
            NetClient.cast(ref, op, args);
            return;
        }
        CallCodec.Out payload = CallCodec.encodeLimitedCall(ref, op, args);
        Conn c = connection(ref.socket());
        boolean interrupted = false;
        try {
            ByteBuffer frame = payload.frame(Broker.CAST, ++c.nextId);
            synchronized (c.out) {
                append(c, frame);
                long now = System.nanoTime();
                if (!c.flushQueued && (now - c.lastWrite > IDLE_NANOS || c.pending.position() >= FLUSH_BYTES)) {
                    interrupted = drain(c);
                } else if (c.pending.position() >= FLUSH_BYTES) {
                    interrupted = drain(c);
                } else if (!c.flushQueued) {
                    c.flushQueued = true;
                    FLUSHER.add(c);
                }
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw lost(c, ref, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Drops this thread's broken connection to {@code ref}'s owner and says so. */
    private static IllegalStateException lost(Conn c, RemoteRef ref, Exception e) {
        c.close();
        MINE.get().remove(ref.socket());
        return new IllegalStateException("lost the connection to the process that owns this object ("
                + ref.socket() + "); it may have exited: " + e, e);
    }

    static Object call(RemoteRef ref, Op op, Object[] args) {
        if (Endpoints.isNetwork(ref.socket())) {
            return NetClient.call(ref, op, args);
        }
        CallCodec.Out payload = CallCodec.encodeLimitedCall(ref, op, args);
        int max = Limits.maxMessageBytes();
        Conn c = connection(ref.socket());
        long id = ++c.nextId;
        boolean interrupted = false;
        byte type;
        byte[] answer;
        try {
            interrupted = write(c, payload.frame(Broker.CALL, id));
            if (interrupted) {
                cancel(c, id);
            }
            interrupted |= fill(c, Broker.HEADER, id);
            ByteBuffer head = c.in;
            int len = head.getInt();
            type = head.get();
            long answerId = head.getLong();
            if (len < 0 || answerId != id) {
                throw new IOException("protocol error in answer");
            }
            if (len > max) {
                throw new IOException(Limits.tooLarge("an answer", len, max));
            }
            answer = new byte[len];
            int buffered = Math.min(len, c.in.remaining());
            c.in.get(answer, 0, buffered);
            interrupted |= read(c, ByteBuffer.wrap(answer, buffered, len - buffered), id);
            synchronized (c.out) {
                // the owner has answered: a cast that follows (a reply in a ping-pong) goes out at once,
                // not after the batching delay meant for streams of casts
                c.lastWrite = System.nanoTime() - IDLE_NANOS - 1;
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw lost(c, ref, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return CallCodec.answer(type, answer);
    }

    /**
     * Writes all of {@code buf};
     *
     * @return whether the thread was interrupted meanwhile (flag cleared).
     */
    private static boolean write(Conn c, ByteBuffer buf) throws IOException {
        synchronized (c.out) {
            append(c, buf);
            return drain(c);
        }
    }

    /** A connection idle this long writes a cast at once. */
    static final long IDLE_NANOS = 50_000;
    /** Pending casts of this many bytes are written at once. */
    static final int FLUSH_BYTES = 32 * 1024;

    /** Writes the pending casts of connections soon after their first one; one daemon thread per JVM. */
    private static final java.util.concurrent.LinkedBlockingQueue<Conn> FLUSHER = startFlusher();

    private static java.util.concurrent.LinkedBlockingQueue<Conn> startFlusher() {
        java.util.concurrent.LinkedBlockingQueue<Conn> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                while (true) {
                    Conn c;
                    try {
                        c = queue.take();
                    } catch (InterruptedException e) {
                        continue;
                    }
                    synchronized (c.out) {
                        try {
                            drain(c);
                        } catch (IOException | RuntimeException e) {
                            c.pending.clear();   // the connection is gone; its owner finds out at its next call
                        }
                        c.flushQueued = false;
                    }
                }
            }
        }, "pyconcurrent-queue-feeder");
        t.setDaemon(true);
        t.start();
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                flushAll();
            }
        }, "pyconcurrent-queue-flush"));
        return queue;
    }

    /** At exit: what was put and sent is written before the process ends, as CPython's feeder is joined. */
    private static void flushAll() {
        for (Conn c : ALL) {
            synchronized (c.out) {
                try {
                    drain(c);
                } catch (IOException | RuntimeException gone) {
                    // nothing more can be done for it
                }
            }
        }
    }

    /** Appends a frame to the pending bytes; caller holds {@code c.out}. */
    private static void append(Conn c, ByteBuffer frame) {
        if (c.pending.remaining() < frame.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(c.pending.capacity() * 2,
                    c.pending.position() + frame.remaining()));
            c.pending.flip();
            bigger.put(c.pending);
            c.pending = bigger;
        }
        c.pending.put(frame);
    }

    /**
     * Writes all pending bytes; caller holds {@code c.out}.
     *
     * @return whether the thread was interrupted meanwhile (flag cleared)
     */
    private static boolean drain(Conn c) throws IOException {
        boolean interrupted = false;
        c.pending.flip();
        try {
            while (c.pending.hasRemaining()) {
                if (c.ch.write(c.pending) == 0) {
                    c.writeKey.interestOps(SelectionKey.OP_WRITE);
                    c.writeSelector.select();
                    c.writeSelector.selectedKeys().clear();
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            c.pending.compact();
        }
        c.lastWrite = System.nanoTime();
        if (c.pending.capacity() > (1 << 20) && c.pending.position() == 0) {
            c.pending = ByteBuffer.allocate(1 << 12);
        }
        return interrupted;
    }

    /**
     * Reads until {@link Conn#in} holds at least {@code n} bytes (whatever else has arrived comes along).
     *
     * @return whether the thread was interrupted meanwhile (flag cleared)
     */
    private static boolean fill(Conn c, int n, long id) throws IOException {
        if (c.in.remaining() >= n) {
            return false;
        }
        c.in.compact();
        try {
            // an answer is never there right after its call was written (the owner has yet to run):
            // wait for it first instead of trying a read that would find nothing
            return read(c, c.in, n, id, true);
        } finally {
            c.in.flip();
        }
    }

    /**
     * Fills {@code buf}; on interrupt, sends one CANCEL for call {@code id} and keeps reading.
     *
     * @return whether the thread was interrupted meanwhile (flag cleared)
     */
    private static boolean read(Conn c, ByteBuffer buf, long id) throws IOException {
        return read(c, buf, buf.limit(), id, false);
    }

    /**
     * Reads into {@code buf} until its position is at least {@code until}; as {@link #read(Conn, ByteBuffer, long)}.
     *
     * @param waitFirst wait until the channel is readable before the first read
     */
    private static boolean read(Conn c, ByteBuffer buf, int until, long id, boolean waitFirst) throws IOException {
        boolean interrupted = false;
        if (waitFirst && buf.position() < until && !spinRead(c, buf)) {
            c.key.interestOps(SelectionKey.OP_READ);
            c.selector.select();   // an interrupt ends it at once; the loop below sees the flag
            c.selector.selectedKeys().clear();
        }
        while (buf.position() < until) {
            int n = c.ch.read(buf);
            if (n < 0) {
                throw new EOFException("connection closed by the owner");
            }
            if (n > 0) {
                continue;
            }
            if (Thread.interrupted()) {
                interrupted = true;
                cancel(c, id);
                continue;
            }
            c.key.interestOps(SelectionKey.OP_READ);
            c.selector.select();
            c.selector.selectedKeys().clear();
        }
        return interrupted;
    }

    /** Reads for a short while ({@link Spin}): whether something came meanwhile. */
    private static boolean spinRead(Conn c, ByteBuffer buf) throws IOException {
        long spin = Spin.start();   // a round trip's answer, usually: no sleep, no wake-up
        int n;
        while ((n = c.ch.read(buf)) == 0 && Spin.again(spin)) {
            // yielded
        }
        if (n < 0) {
            throw new EOFException("connection closed by the owner");
        }
        return n > 0;
    }

    private static void cancel(Conn c, long id) throws IOException {
        if (c.cancelled == id) {
            return;
        }
        c.cancelled = id;
        ByteBuffer out = ByteBuffer.allocate(Broker.HEADER);
        out.putInt(0).put(Broker.CANCEL).putLong(id).flip();
        write(c, out);
    }
}
