package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.AuthenticationException;
import dev.pyconcurrent.multiprocessing.Connection;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerAuth;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.connection.Waiter;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a socket connection made by {@link Listener#accept()} or {@link Client#connect}.
 * Python: the {@code multiprocessing.connection.Connection} that {@code Listener.accept()} and
 * {@code Client()} return.
 *
 * <p>Both ends have passed the HMAC challenge of the authkey (both ways) before this object
 * exists. Messages are frames: a 4-byte big-endian length, then that many bytes, as Python's
 * {@code send_bytes} writes them; {@link #send} writes a Java-serialized object (not a pickle, so
 * a CPython program cannot read it), and {@link #recv} deserializes one under the library's
 * {@link java.io.ObjectInputFilter} limits. A frame announcing more than
 * {@link ConnectionOptions#maxMessageBytes(int)} is refused before anything is allocated for it.
 *
 * <p>Model: OPEN --{@link #close()}--> CLOSED (every method then throws
 * {@link IllegalStateException} {@code "handle is closed"}); OPEN --peer closed--> AT_EOF
 * ({@code poll} returns {@code true}, {@code recv} throws {@link UncheckedIOException} whose cause is an
 * {@link EOFException}, Python's {@code EOFError}). Sending and receiving may happen at the same
 * time from two threads; two senders (or two receivers) take turns, whole messages at a time. A
 * receive interrupted by {@link Thread#interrupt()} throws
 * {@link dev.pyconcurrent.ThreadInterruptedException} and loses nothing (the next receive goes on
 * where it stopped); a send interrupted part-way through a message closes the connection, since the
 * peer could no longer find where messages start.
 *
 * <p>Not sendable to another process (serializing it throws {@link NotSerializableException}):
 * send the listener's address and connect there.
 */
public final class SocketConnection implements Connection {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 64 * 1024;

    static {
        Waiter.register(SocketConnection.class, new Waiter.Kind<>() {
            @Override
            public boolean readyNow(SocketConnection c) {
                return c.readyForWait();
            }

            @Override
            public SelectableChannel channel(SocketConnection c) {
                return c.channel;
            }
        });
    }

    private final transient SocketChannel channel;
    private final transient int maxMessage;
    private final transient String description;
    private final transient ReentrantLock readLock = new ReentrantLock();
    private final transient ReentrantLock writeLock = new ReentrantLock();
    /** Bytes read and not yet consumed, in read mode (position .. limit). */
    private transient ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();   // guarded by readLock
    /** The frame being received (its length is known), or {@code null}. */
    private transient byte[] pending;                                         // guarded by readLock
    private transient int pendingFilled;                                      // guarded by readLock
    private transient volatile Selector readSelector;                         // made under readLock
    private transient volatile Selector writeSelector;                        // made under writeLock
    /** Whether bytes are buffered here (so {@code wait} sees them without the lock). */
    private transient volatile boolean buffered;
    private transient volatile boolean eof;
    private transient volatile boolean closed;

    SocketConnection(SocketChannel channel, ConnectionOptions options, String description) {
        this.channel = channel;
        this.maxMessage = options.getMaxMessageBytes();
        this.description = description;
    }

    // ---- authentication ----

    /**
     * Runs the mutual HMAC challenge (Python's {@code deliver_challenge} / {@code answer_challenge},
     * in that order on the listener's side) within {@code nanos}; on any failure the connection is closed.
     */
    void authenticate(byte[] key, boolean listenerSide, long nanos) {
        long deadline = Timeouts.deadline(nanos);
        boolean forever = nanos == Long.MAX_VALUE;
        ByteChannel timed = new ByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                for (;;) {
                    int n = channel.read(dst);
                    if (n != 0) {
                        return n;
                    }
                    handshakeWait(readSelector(), forever, deadline, nanos);
                }
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                for (;;) {
                    int n = channel.write(src);
                    if (n != 0 || !src.hasRemaining()) {
                        return n;
                    }
                    handshakeWait(writeSelector(), forever, deadline, nanos);
                }
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                SocketConnection.this.close();
            }
        };
        boolean ok = false;
        try {
            if (listenerSide) {
                BrokerAuth.serverSide(timed, key);
            } else {
                BrokerAuth.clientSide(timed, key);
            }
            ok = true;
        } catch (EOFException e) {
            throw new UncheckedIOException("the peer closed the connection during authentication", e);
        } catch (IOException e) {
            throw new UncheckedIOException("authentication failed: " + e.getMessage(), e);
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    private void handshakeWait(Selector s, boolean forever, long deadline, long nanos) throws IOException {
        long left = forever ? Long.MAX_VALUE : Timeouts.remaining(deadline);
        if (left <= 0) {
            throw new AuthenticationException("the peer did not complete the authentication handshake within "
                    + Duration.ofNanos(nanos) + " (ConnectionOptions.handshakeTimeout)");
        }
        select(s, left);
    }

    // ---- waiting ----

    private Selector readSelector() throws IOException {
        Selector s = readSelector;
        if (s == null) {
            s = Selector.open();
            channel.register(s, SelectionKey.OP_READ);
            readSelector = s;
            if (closed) {
                s.close();
            }
        }
        return s;
    }

    private Selector writeSelector() throws IOException {
        Selector s = writeSelector;
        if (s == null) {
            s = Selector.open();
            channel.register(s, SelectionKey.OP_WRITE);
            writeSelector = s;
            if (closed) {
                s.close();
            }
        }
        return s;
    }

    /** Waits up to {@code nanos} ({@code Long.MAX_VALUE}: forever) for the selector's operation. */
    private void select(Selector s, long nanos) throws IOException {
        try {
            if (nanos == Long.MAX_VALUE) {
                s.select();
            } else {
                s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
            }
            s.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw closedNow();
        }
        if (closed) {
            throw closedNow();
        }
        if (Thread.interrupted()) {
            throw Interrupts.rethrow(new InterruptedException());
        }
    }

    private static IllegalStateException closedNow() {
        return new IllegalStateException("handle is closed");
    }

    private void checkOpen() {
        if (closed) {
            throw closedNow();
        }
    }

    private static void lock(ReentrantLock l) {
        try {
            l.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    private UncheckedIOException io(IOException e) {
        if (closed || e instanceof ClosedChannelException) {
            throw closedNow();
        }
        return new UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }

    // ---- receiving ----

    /** Reads what is there without waiting; @return bytes read, or -1 at end of stream. Under readLock. */
    private int fillSome() throws IOException {
        in.compact();
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        if (n < 0) {
            eof = true;
        }
        buffered = in.hasRemaining() || pending != null;
        return n;
    }

    /** Whether {@code recv} would not block, without waiting; for {@code wait}. */
    private boolean readyForWait() {
        checkOpen();
        if (buffered || eof) {
            return true;
        }
        if (readLock.tryLock()) {
            try {
                return fillSome() != 0 || in.hasRemaining() || pending != null;
            } catch (IOException e) {
                return true;   // recv will report it
            } finally {
                readLock.unlock();
            }
        }
        return false;
    }

    /**
     * Python {@code recv_bytes()}: waits for the next message.
     *
     * @return its bytes
     * @throws UncheckedIOException  at end of file (cause {@link EOFException}), or for a message
     *                               longer than the limit (the connection is then closed)
     * @throws IllegalStateException if this end is closed
     */
    @Override
    public byte[] recvBytes() {
        checkOpen();
        Interrupts.checkNotInterrupted();
        lock(readLock);
        try {
            return readFrame();
        } catch (IOException e) {
            throw io(e);
        } finally {
            readLock.unlock();
        }
    }

    private byte[] readFrame() throws IOException {
        while (pending == null) {
            int at = in.position();
            if (in.remaining() >= 4) {
                int n = in.getInt(at);
                if (n != -1) {
                    startFrame(4, n);
                    break;
                }
                if (in.remaining() >= 12) {
                    startFrame(12, in.getLong(at + 4));
                    break;
                }
            }
            int r = fillSome();
            if (r < 0) {
                throw new EOFException(in.hasRemaining() ? "the connection ended inside a message" : "end of file");
            }
            if (r == 0) {
                select(readSelector(), Long.MAX_VALUE);
            }
        }
        while (pendingFilled < pending.length) {
            int r = channel.read(ByteBuffer.wrap(pending, pendingFilled, pending.length - pendingFilled));
            if (r < 0) {
                eof = true;
                throw new EOFException("the connection ended inside a message");
            }
            if (r == 0) {
                select(readSelector(), Long.MAX_VALUE);
            }
            pendingFilled += r;
        }
        byte[] m = pending;
        pending = null;
        buffered = in.hasRemaining();
        return m;
    }

    private void startFrame(int header, long length) {
        if (length < 0) {
            close();
            throw new UncheckedIOException(new IOException("bad message length " + length + "; the connection is closed"));
        }
        if (length > maxMessage) {
            close();
            throw new UncheckedIOException(new IOException("a message of " + length + " bytes is larger than the limit of "
                    + maxMessage + " bytes (ConnectionOptions.maxMessageBytes); the connection is closed"));
        }
        in.position(in.position() + header);
        byte[] m = new byte[(int) length];
        int k = Math.min(in.remaining(), m.length);
        in.get(m, 0, k);
        pending = m;
        pendingFilled = k;
        buffered = true;
    }

    /**
     * Python {@code recv()}: waits for the next object.
     *
     * @return it
     * @throws UncheckedIOException  at end of file (cause {@link EOFException})
     * @throws IllegalStateException if this end is closed, or the bytes cannot be deserialized
     */
    @Override
    public Object recv() {
        return JavaSerializationCodec.INSTANCE.decode(recvBytes());
    }

    /**
     * Python {@code poll()}: does not wait.
     *
     * @return whether {@code recv} would not block (a message, or end of file, is there)
     * @throws IllegalStateException if this end is closed
     */
    @Override
    public boolean poll() {
        return pollNanos(0);
    }

    /**
     * Python {@code poll(timeout)}.
     *
     * @param timeout seconds
     * @return whether {@code recv} would not block
     * @throws IllegalArgumentException for a negative or NaN timeout
     * @throws IllegalStateException    if this end is closed
     */
    @Override
    public boolean poll(double timeout) {
        return pollNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python {@code poll(timeout)}.
     *
     * @param timeout how long at most
     * @return whether {@code recv} would not block
     * @throws IllegalArgumentException for a negative timeout
     * @throws IllegalStateException    if this end is closed
     */
    @Override
    public boolean poll(Duration timeout) {
        return pollNanos(Timeouts.toNanos(timeout));
    }

    private boolean pollNanos(long nanos) {
        checkOpen();
        Interrupts.checkNotInterrupted();
        long deadline = Timeouts.deadline(nanos);
        lock(readLock);
        try {
            for (;;) {
                if (in.hasRemaining() || pending != null || eof) {
                    return true;
                }
                if (fillSome() != 0) {
                    return true;
                }
                long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : Timeouts.remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                select(readSelector(), left);
            }
        } catch (IOException e) {
            throw io(e);
        } finally {
            readLock.unlock();
        }
    }

    // ---- sending ----

    /**
     * Python {@code send(obj)}: serializes {@code o} here and sends it.
     *
     * @param o the object (may be {@code null})
     * @throws IllegalArgumentException if it cannot be serialized, or is larger than the limit
     * @throws UncheckedIOException     if the peer is gone
     * @throws IllegalStateException    if this end is closed
     */
    @Override
    public void send(Serializable o) {
        checkOpen();
        sendBytes(JavaSerializationCodec.INSTANCE.encode(o));
    }

    /**
     * Python {@code send_bytes(buf)}.
     *
     * @param b the bytes
     * @throws IllegalArgumentException if larger than the limit
     * @throws UncheckedIOException     if the peer is gone
     * @throws IllegalStateException    if this end is closed
     */
    @Override
    public void sendBytes(byte[] b) {
        sendBytes(b, 0, b.length);
    }

    /**
     * Python {@code send_bytes(buf, offset, size)}.
     *
     * @param b      the buffer
     * @param offset where the message starts in it
     * @param size   how many bytes it has
     * @throws IllegalArgumentException for an offset or size outside the buffer (Python's
     *                                  {@code ValueError}s), or a message larger than the limit
     * @throws UncheckedIOException     if the peer is gone
     * @throws IllegalStateException    if this end is closed
     */
    public void sendBytes(byte[] b, int offset, int size) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative");
        }
        if (b.length < offset) {
            throw new IllegalArgumentException("buffer length < offset");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if ((long) offset + size > b.length) {
            throw new IllegalArgumentException("buffer length < offset + size");
        }
        if (size > maxMessage) {
            throw new IllegalArgumentException("a message of " + size + " bytes is larger than the limit of " + maxMessage
                    + " bytes (ConnectionOptions.maxMessageBytes)");
        }
        checkOpen();
        Interrupts.checkNotInterrupted();
        lock(writeLock);
        try {
            ByteBuffer[] frame = {ByteBuffer.allocate(4).putInt(0, size), ByteBuffer.wrap(b, offset, size)};
            long total = 4L + size;
            long written = 0;
            while (written < total) {
                long n = channel.write(frame);
                written += n;
                if (written < total && n == 0) {
                    try {
                        select(writeSelector(), Long.MAX_VALUE);
                    } catch (RuntimeException interruptedOrClosed) {
                        if (written > 0) {
                            close();
                        }
                        throw interruptedOrClosed;
                    }
                }
            }
        } catch (IOException e) {
            throw io(e);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- closing ----

    /**
     * Python {@code closed}.
     *
     * @return whether {@link #close()} was called (on this end, or because a bad message arrived)
     */
    public boolean isClosed() {
        return closed;
    }

    /** Python {@code close()}: the peer then sees end of file. Idempotent; wakes threads waiting on this end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Selector s : new Selector[] {readSelector, writeSelector}) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /**
     * Refuses: a socket cannot be sent.
     *
     * @param out the stream
     * @throws IOException always, a {@link NotSerializableException}
     */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        throw new NotSerializableException(SocketConnection.class.getName()
                + ": a socket connection cannot be sent to another process; send the listener's address and connect there");
    }

    /**
     * Refuses: a socket cannot be rebuilt from bytes.
     *
     * @param in the stream
     * @throws IOException always, an {@link InvalidObjectException}
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException {
        throw new InvalidObjectException("a socket connection cannot be deserialized");
    }

    /**
     * A description.
     *
     * @return e.g. {@code SocketConnection(127.0.0.1:6000)}
     */
    @Override
    public String toString() {
        return "SocketConnection(" + description + (closed ? ", closed)" : ")");
    }
}
