package dev.pyconcurrent.multiprocessing;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One end of a {@link Multiprocessing#pipe()}. Python:
 * {@code multiprocessing.connection.Connection}. Serializable: send it to a child (as a
 * captured variable or a {@link Process} argument) and use it there.
 *
 * <p>Objects are serialized in the sender's {@code send} (an object that cannot be
 * serialized fails there with {@link IllegalArgumentException}). When the other end is
 * closed, or the process that used it exits, {@code recv} returns what is still buffered
 * and then throws {@link java.io.UncheckedIOException} whose cause is an
 * {@link java.io.EOFException} (Python: {@code EOFError}); it never waits forever for a
 * peer that is gone. Using an end after its own {@code close()} throws
 * {@link IllegalStateException} ({@code "handle is closed"}). On a one-way
 * {@link Multiprocessing#pipe(boolean) pipe(false)}, {@code recv}, {@code recvBytes} and {@code poll}
 * on the sending end, and {@code send} and {@code sendBytes} on the receiving end, throw
 * {@link IllegalStateException} ({@code "connection is write-only"} / {@code "connection is read-only"};
 * Python: {@code OSError}) without contacting the other process.
 */
public interface Connection extends AutoCloseable, Serializable {
    /**
     * Python {@code send(obj)}.
     *
     * @param o the object (may be {@code null})
     */
    void send(Serializable o);

    /**
     * Python {@code recv()}: waits for the next object.
     *
     * @return it
     */
    Object recv();

    /**
     * Python {@code poll()}: does not wait.
     *
     * @return whether {@code recv} would not block
     */
    boolean poll();

    /**
     * Python {@code poll(timeout)}.
     *
     * @param timeout seconds
     * @return whether {@code recv} would not block
     */
    boolean poll(double timeout);

    /**
     * Python {@code poll(timeout)}.
     *
     * @param timeout how long to wait
     * @return whether {@code recv} would not block
     */
    boolean poll(Duration timeout);

    /**
     * Python {@code send_bytes(buf)}.
     *
     * @param b the bytes
     */
    void sendBytes(byte[] b);

    /**
     * Python {@code recv_bytes()}: waits for the next message.
     *
     * @return its bytes
     */
    byte[] recvBytes();

    /**
     * Python {@code recv_bytes_into(buf)}: waits for the next message and copies it to the start of
     * {@code buf}.
     *
     * @param buf where the message goes
     * @return the message's length
     * @throws BufferTooShortException if it does not fit (the message is then in the exception)
     */
    default int recvBytesInto(byte[] buf) {
        return recvBytesInto(buf, 0);
    }

    /**
     * Python {@code recv_bytes_into(buf, offset)}: waits for the next message and copies it into
     * {@code buf} from {@code offset} on.
     *
     * @param buf    where the message goes
     * @param offset where in {@code buf} it starts
     * @return the message's length
     * @throws IllegalArgumentException if {@code offset} is negative or beyond {@code buf.length}
     *                                  (checked before anything is received)
     * @throws BufferTooShortException  if it does not fit (the message is then in the exception)
     */
    default int recvBytesInto(byte[] buf, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset > buf.length) {
            throw new IllegalArgumentException("offset " + offset + " too large for a buffer of " + buf.length + " bytes");
        }
        byte[] m = recvBytes();
        if (m.length > buf.length - offset) {
            throw new BufferTooShortException(m, buf.length - offset);
        }
        System.arraycopy(m, 0, buf, offset, m.length);
        return m.length;
    }

    /**
     * Python {@code recv_bytes_into(memoryview)}: waits for the next message and puts it into
     * {@code buf} at its position, which advances past it.
     *
     * @param buf where the message goes (for example a view of a shared-memory block)
     * @return the message's length
     * @throws BufferTooShortException if it does not fit in {@code buf.remaining()} bytes
     */
    default int recvBytesInto(ByteBuffer buf) {
        byte[] m = recvBytes();
        if (m.length > buf.remaining()) {
            throw new BufferTooShortException(m, buf.remaining());
        }
        buf.put(m);
        return m.length;
    }

    /** Python {@code close()}: the peer then sees end of file. Idempotent. */
    @Override
    void close();
}
