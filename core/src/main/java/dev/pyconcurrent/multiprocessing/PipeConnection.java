package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;

import java.io.Serializable;
import java.time.Duration;

/**
 * A {@link Connection} end whose messages go through the creating process's broker.
 * States: OPEN → CLOSED ({@link #close()}, or the peer's process exited: then {@code recv}
 * drains and reports end of file).
 */
final class PipeConnection implements Connection {
    private static final long serialVersionUID = 1L;

    private final RemoteRef ref;
    private final int end;
    /** Which ways this end may be used ({@code pipe(false)}: one way); checked before any call. */
    private final PipeDirection direction;
    private transient volatile boolean closed;

    PipeConnection(RemoteRef ref, int end, PipeDirection direction) {
        this.ref = ref;
        this.end = end;
        this.direction = direction;
    }

    /** The codec's form of this end (as Java serialization's: the pipe, which end, which ways). */
    private Object[] writeParts() {
        return new Object[] {ref, end, direction};
    }

    private static Object readParts(Object[] parts) {
        if (parts.length != 3) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        return new PipeConnection((RemoteRef) java.util.Objects.requireNonNull(parts[0]), (Integer) parts[1],
                (PipeDirection) java.util.Objects.requireNonNull(parts[2]));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("handle is closed");
        }
    }

    @Override
    public void send(Serializable o) {
        checkOpen();
        direction.checkWritable();
        ref.cast(Op.SEND, end, ValueWriter.get().encode(o, true).bytes());
    }

    @Override
    public Object recv() {
        return ValueReader.standalone().decode(recvBytes());
    }

    @Override
    public boolean poll() {
        checkOpen();
        direction.checkReadable();
        return (Boolean) ref.call(Op.POLL, end, RemoteRef.NO_WAIT);
    }

    @Override
    public boolean poll(double timeout) {
        return pollNanos(Timeouts.toNanos(timeout));
    }

    @Override
    public boolean poll(Duration timeout) {
        return pollNanos(Timeouts.toNanos(timeout));
    }

    private boolean pollNanos(long n) {
        checkOpen();
        direction.checkReadable();
        Interrupts.checkNotInterrupted();
        return (Boolean) ref.call(Op.POLL, end, n);
    }

    @Override
    public void sendBytes(byte[] b) {
        checkOpen();
        direction.checkWritable();
        ref.cast(Op.SEND, end, b.clone());
    }

    @Override
    public byte[] recvBytes() {
        checkOpen();
        direction.checkReadable();
        Interrupts.checkNotInterrupted();
        return (byte[]) ref.call(Op.RECV, end);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ref.call(Op.CLOSE, end);
        }
    }

    @Override
    public String toString() {
        return "Connection" + ref + "[" + end + "]";
    }
}
