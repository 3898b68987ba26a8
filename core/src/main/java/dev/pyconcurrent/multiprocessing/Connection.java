package dev.pyconcurrent.multiprocessing;

import java.io.Serializable;
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

    /** Python {@code close()}: the peer then sees end of file. Idempotent. */
    @Override
    void close();
}
