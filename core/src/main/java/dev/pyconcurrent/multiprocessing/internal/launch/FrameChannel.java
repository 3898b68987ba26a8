package dev.pyconcurrent.multiprocessing.internal.launch;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

import dev.pyconcurrent.multiprocessing.internal.codec.Descriptors;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;

/**
 * Frames over a stream socket: {@code length:int type:byte id:long payload[length]}, where
 * {@code length} counts the payload only.
 *
 * <p>Writing combines: {@link #send} appends its frame to a buffer; the first sender that finds no
 * write in progress writes everything appended so far, looping until the buffer is empty, while
 * later senders wait until their frame has been written. So under load many frames go out in one
 * system call, and alone a frame goes out at once. {@code send} returns only once its frame was
 * handed to the kernel: a process that dies right after still delivers it.
 *
 * <p>The writing thread's interrupt flag is cleared during the write and set again after it, since an
 * interrupt would close the socket.
 *
 * <p>Reading is for one thread: {@link #read()} buffers what the socket gives and hands out one
 * frame at a time; {@link #hasBufferedFrame()} tells whether the next frame is already in memory.
 * A frame announcing more than {@code maxPayload} bytes is refused before anything is allocated.
 *
 * <p>Writer states (guarded by {@code lock}): IDLE --send--> WRITING (one thread writes) --buffer
 * empty--> IDLE; any --write fails--> BROKEN (every later send fails at once).
 */
public final class FrameChannel implements Closeable {
    /** Bytes of a frame header: length, type, id. */
    public static final int HEADER = 4 + 1 + 8;

    private final ByteChannel ch;
    private volatile int maxPayload;   // smaller until the peer authenticated

    private final Object lock = new Object();
    private ByteBuffer appending = ByteBuffer.allocate(1 << 16);   // guarded by lock
    private ByteBuffer spare = ByteBuffer.allocate(1 << 16);       // guarded by lock; the writer's buffer
    private boolean writing;                                        // guarded by lock
    private long appended;                                          // guarded by lock; frames appended
    private long written;                                           // guarded by lock; frames written
    private IOException broken;                                     // guarded by lock
    private final java.util.BitSet defined = new java.util.BitSet(); // guarded by lock; descriptors sent

    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);     // the reader's; holds unread bytes

    /**
     * @param ch a connected, blocking channel
     * @param maxPayload the largest payload {@link #read()} accepts
     */
    public FrameChannel(ByteChannel ch, int maxPayload) {
        this.ch = ch;
        this.maxPayload = maxPayload;
        in.flip();   // empty, ready to read from
    }

    /**
     * Changes the largest payload {@link #read()} accepts, e.g. once the peer has authenticated.
     *
     * @param max the new limit
     */
    public void setMaxPayload(int max) {
        this.maxPayload = max;
    }

    /**
     * Sends one frame; returns once it was written to the socket.
     *
     * @throws IOException if the connection is broken
     */
    public void send(byte type, long id, byte[] payload) throws IOException {
        send(type, id, payload, 0, payload.length);
    }

    /**
     * Sends one frame whose payload is {@code payload[from, from + length)}.
     *
     * @throws IOException if the connection is broken
     */
    public void send(byte type, long id, byte[] payload, int from, int length) throws IOException {
        long mine;
        synchronized (lock) {
            append(type, id, payload, from, length);
            mine = appended;
        }
        flushOrWait(mine);
    }

    /**
     * Sends a {@code ValueWriter} message, preceded by a {@code DEFINE} frame for each descriptor it
     * uses that this channel has not defined to its peer yet; the frames go out in that order.
     *
     * @throws IOException if the connection is broken
     */
    public void send(byte type, long id, Encoded message) throws IOException {
        long mine;
        synchronized (lock) {
            for (int d : message.uses()) {
                if (!defined.get(d)) {
                    byte[] def = Descriptors.definition(d);
                    append(Wire.DEFINE, d, def, 0, def.length);
                    defined.set(d);
                }
            }
            byte[] b = message.bytes();
            append(type, id, b, 0, b.length);
            mine = appended;
        }
        flushOrWait(mine);
    }

    /** Appends one frame; caller holds the lock. */
    private void append(byte type, long id, byte[] payload, int from, int length) throws IOException {
        if (broken != null) {
            throw new IOException("connection broken: " + broken.getMessage(), broken);
        }
        appending = ensure(appending, HEADER + length);
        appending.putInt(length).put(type).putLong(id).put(payload, from, length);
        appended++;
    }

    /** Writes what was appended, or waits for the writer to have written frame number {@code mine}. */
    private void flushOrWait(long mine) throws IOException {
        synchronized (lock) {
            if (writing) {
                boolean interrupted = false;
                while (written < mine && broken == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;   // the frame is buffered and will be written: wait for it anyway
                    }
                }
                if (interrupted) {
                    java.lang.Thread.currentThread().interrupt();
                }
                if (written < mine) {
                    throw new IOException("connection broken: " + broken.getMessage(), broken);
                }
                return;
            }
            writing = true;
        }
        writeAll();
        synchronized (lock) {
            if (written < mine) {
                throw new IOException("connection broken: " + broken.getMessage(), broken);
            }
        }
    }

    /** The writer's loop: writes what was appended until nothing is left. */
    private void writeAll() {
        while (true) {
            ByteBuffer out;
            long upTo;
            synchronized (lock) {
                if (appending.position() == 0 || broken != null) {
                    writing = false;
                    lock.notifyAll();
                    return;
                }
                out = appending;
                appending = spare;
                spare = out;
                upTo = appended;
            }
            out.flip();
            IOException failure = null;
            // a socket channel closes when a thread writing to it is interrupted: a caller's interrupt
            // (a task that interrupts itself, then prints) must not end the connection
            boolean interrupted = java.lang.Thread.interrupted();
            try {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                if (interrupted) {
                    java.lang.Thread.currentThread().interrupt();
                }
            }
            out.clear();
            synchronized (lock) {
                if (failure != null) {
                    broken = failure;
                } else {
                    written = upTo;
                }
                lock.notifyAll();
            }
        }
    }

    private static ByteBuffer ensure(ByteBuffer b, int more) {
        if (b.remaining() >= more) {
            return b;
        }
        long need = (long) b.position() + more;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a message of " + more + " bytes is too large to send");
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, 2L * b.capacity())));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /**
     * Reads the next frame; for one reader thread.
     *
     * @return the frame, or {@code null} at end of stream between frames
     * @throws EOFException if the stream ends inside a frame
     * @throws IOException if reading fails or a frame is larger than allowed
     */
    public Wire.Frame read() throws IOException {
        if (!fill(HEADER)) {
            return null;
        }
        int length = in.getInt();
        byte type = in.get();
        long id = in.getLong();
        if (length < 0 || length > maxPayload) {
            throw new IOException("protocol error: a frame of " + Integer.toUnsignedString(length)
                    + " bytes exceeds the limit of " + maxPayload + " bytes");
        }
        byte[] payload = new byte[length];
        int n = Math.min(length, in.remaining());
        in.get(payload, 0, n);
        if (n < length) {
            ByteBuffer rest = ByteBuffer.wrap(payload, n, length - n);
            while (rest.hasRemaining()) {
                if (ch.read(rest) < 0) {
                    throw new EOFException("connection closed inside a frame");
                }
            }
        }
        return new Wire.Frame(type, id, payload);
    }

    /**
     * @return whether a whole frame header is already buffered, so {@link #read()} will not block on
     *         the socket for its start
     */
    public boolean hasBufferedFrame() {
        return in.remaining() >= HEADER;
    }

    /** Reads until {@code n} bytes are buffered; false at end of stream before any of them. */
    private boolean fill(int n) throws IOException {
        if (in.remaining() >= n) {
            return true;
        }
        in.compact();
        try {
            while (in.position() < n) {
                if (ch.read(in) < 0) {
                    if (in.position() == 0) {
                        return false;
                    }
                    throw new EOFException("connection closed inside a frame");
                }
            }
        } finally {
            in.flip();
        }
        return true;
    }

    /** Closes the socket; a blocked read or write fails. */
    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
