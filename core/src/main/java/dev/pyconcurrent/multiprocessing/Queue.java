package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A FIFO queue shared between processes. Python: {@code multiprocessing.Queue(maxsize)}.
 *
 * <p>The items live in the process that created the queue (in a
 * {@link dev.pyconcurrent.queue.Queue} of serialized items); this object is a
 * serializable handle that works in every process it is sent to, as a captured
 * variable or a {@link Process} argument. Each item is serialized in the caller's
 * {@code put}, so an item that cannot be serialized fails there with
 * {@link IllegalArgumentException} naming its class, and nothing is enqueued; there is
 * no background feeder thread. Each successful {@code get} removes one item for exactly
 * one caller in any process.
 *
 * <p>States (per handle): OPEN → CLOSED by {@link #close()}, after which this handle's
 * {@code put} fails with {@link IllegalStateException}; {@code get} still works, as in
 * Python. Timeouts, {@link dev.pyconcurrent.queue.EmptyException} and
 * {@link dev.pyconcurrent.queue.FullException} as {@link dev.pyconcurrent.queue.Queue}.
 *
 * <p>Memory: the items are freed once no handle can reach them any more, that is when the handle
 * made by the constructor is unreachable and no copy of it was ever serialized (sent to another
 * process). A queue that was sent lives as long as the process that created it.
 * {@code close()} itself keeps the items, since this handle's {@code get} and other handles may still
 * take them.
 *
 * @param <E> the item type
 */
public class Queue<E extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the object lives: its owner's address and the object's id there; it reconnects after deserialization. */
    final RemoteRef ref;
    /** Puts never wait: they are sent without waiting for the owner's answer ({@link RemoteRef#cast}). */
    private final boolean unbounded;
    private transient volatile boolean closed;

    /** Python {@code Queue()}: unbounded. */
    public Queue() {
        this(0);
    }

    /**
     * Python {@code Queue(maxsize)}.
     *
     * @param maxsize most items held at once; {@code <= 0} means unbounded
     */
    public Queue(int maxsize) {
        Broker owner = Broker.local();
        this.ref = owner.create(Kind.QUEUE, maxsize);
        this.unbounded = maxsize <= 0;
        owner.holdLocally(ref);   // the items are freed once no handle can reach them
    }

    /**
     * A queue served by another broker (a {@link Manager}'s).
     *
     * @param ref where it lives
     */
    Queue(RemoteRef ref) {
        this(ref, false);   // a Manager's: it lives as long as its Manager
    }

    /** A handle on the queue at {@code ref}, as another process's handle was. */
    Queue(RemoteRef ref, boolean unbounded) {
        this.ref = ref;
        this.unbounded = unbounded;
    }

    /** The codec's form of this handle (as Java serialization's: where the queue lives, whether puts wait). */
    private Object[] writeParts() {
        return new Object[] {ref, unbounded};
    }

    private static Object readParts(Object[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        return new Queue<>((RemoteRef) java.util.Objects.requireNonNull(parts[0]), (Boolean) parts[1]);
    }

    /** @return whether puts never wait ({@link #unbounded}) */
    boolean unbounded() {
        return unbounded;
    }

    /** Python programs put {@code None} to say "no more items": say what to do instead. */
    private static final String NULL_ITEM = "a queue item cannot be null (Python's None): to tell consumers to stop,"
            + " put a sentinel value of your own that equals() recognises in the other process"
            + " (a String such as \"DONE\", or an enum constant)";

    private byte[] encode(E item) {
        Objects.requireNonNull(item, NULL_ITEM);
        if (closed) {
            throw new IllegalStateException("Queue is closed");
        }
        return ValueWriter.get().encode(item, true).bytes();
    }

    @SuppressWarnings("unchecked")
    private E decode(Object bytes) {
        return (E) ValueReader.standalone().decode((byte[]) bytes);
    }

    /** Sends a put: without waiting for the owner when the queue is unbounded (it never waits there). */
    private void send(byte[] b, long nanos) {
        if (unbounded) {
            ref.cast(Op.PUT, b, nanos);
        } else {
            ref.call(Op.PUT, b, nanos);
        }
    }

    /**
     * Python {@code put(item)}: waits for a free slot.
     *
     * @param item the item
     */
    public void put(E item) {
        byte[] b = encode(item);
        Interrupts.checkNotInterrupted();
        send(b, RemoteRef.FOREVER);
    }

    /**
     * Python {@code put(item, block)}.
     *
     * @param item the item
     * @param block whether to wait for a slot
     */
    public void put(E item, boolean block) {
        if (block) {
            put(item);
        } else {
            putNowait(item);
        }
    }

    /**
     * Python {@code put(item, timeout=seconds)}.
     *
     * @param item the item
     * @param timeout seconds
     */
    public void put(E item, double timeout) {
        long n = Timeouts.toNanos(timeout);
        byte[] b = encode(item);
        Interrupts.checkNotInterrupted();
        send(b, n);
    }

    /**
     * Python {@code put(item, timeout=...)}.
     *
     * @param item the item
     * @param timeout how long to wait
     */
    public void put(E item, Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        byte[] b = encode(item);
        Interrupts.checkNotInterrupted();
        send(b, n);
    }

    /**
     * Python {@code put_nowait(item)}.
     *
     * @param item the item
     * @throws dev.pyconcurrent.queue.FullException if full
     */
    public void putNowait(E item) {
        send(encode(item), RemoteRef.NO_WAIT);
    }

    /**
     * Python {@code get()}: waits for an item.
     *
     * @return the item
     */
    public E get() {
        Interrupts.checkNotInterrupted();
        return decode(ref.call(Op.GET, RemoteRef.FOREVER));
    }

    /**
     * Python {@code get(block)}.
     *
     * @param block whether to wait
     * @return the item
     */
    public E get(boolean block) {
        return block ? get() : getNowait();
    }

    /**
     * Python {@code get(timeout=seconds)}.
     *
     * @param timeout seconds
     * @return the item
     */
    public E get(double timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return decode(ref.call(Op.GET, n));
    }

    /**
     * Python {@code get(timeout=...)}.
     *
     * @param timeout how long to wait
     * @return the item
     */
    public E get(Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        Interrupts.checkNotInterrupted();
        return decode(ref.call(Op.GET, n));
    }

    /**
     * Python {@code get_nowait()}.
     *
     * @return the item
     * @throws dev.pyconcurrent.queue.EmptyException if empty
     */
    public E getNowait() {
        return decode(ref.call(Op.GET, RemoteRef.NO_WAIT));
    }

    /**
     * Python {@code qsize()}.
     *
     * @return the approximate number of items
     */
    public int qsize() {
        return (Integer) ref.call(Op.QSIZE);
    }

    /**
     * Python {@code empty()}.
     *
     * @return whether it is (approximately) empty
     */
    public boolean empty() {
        return (Boolean) ref.call(Op.EMPTY);
    }

    /**
     * Python {@code full()}.
     *
     * @return whether it is (approximately) full
     */
    public boolean full() {
        return (Boolean) ref.call(Op.FULL);
    }

    /** Python {@code close()}: this process will put no more items through this handle. */
    public void close() {
        closed = true;
    }

    /**
     * Returns whether {@link #close()} was called on this handle.
     *
     * @return whether {@link #close()} was called on this handle
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + ref;
    }
}
