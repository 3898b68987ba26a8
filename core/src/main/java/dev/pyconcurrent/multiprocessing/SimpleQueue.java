package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * An unbounded FIFO queue shared between processes, with the few methods of Python's
 * {@code multiprocessing.SimpleQueue}: {@link #put}, {@link #get}, {@link #empty} and {@link #close}.
 *
 * <p>Like {@link Queue}, the items live in the process that created it and this object is a
 * serializable handle that works in every process it is sent to (a captured variable or a
 * {@link Process} argument). Each item is serialized in the caller's {@code put} (an item that
 * cannot be fails there with {@link IllegalArgumentException} naming its class); each {@code get}
 * removes one item for exactly one caller in any process.
 *
 * <p>States, per handle: OPEN → CLOSED by {@link #close()}; after it, every method of this handle
 * throws {@link IllegalStateException} ({@code "SimpleQueue is closed"}; Python: {@code OSError}),
 * while handles in other processes keep working. Python's {@code get()} has no timeout; the bounded
 * {@link #get(double)} / {@link #get(Duration)} are added by this library's rule that every blocking
 * call has one.
 *
 * @param <E> the item type
 */
public class SimpleQueue<E extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the items live: the owner's address and the queue's id there; it reconnects after deserialization. */
    private final RemoteRef ref;
    private transient volatile boolean closed;

    /** Python {@code SimpleQueue()}. */
    public SimpleQueue() {
        Broker owner = Broker.local();
        this.ref = owner.create(Kind.QUEUE, 0);
        owner.holdLocally(ref);   // the items are freed once no handle can reach them
    }

    private SimpleQueue(RemoteRef ref) {
        this.ref = ref;
    }

    /** The codec's form of this handle (as Java serialization's: where the queue lives). */
    private Object[] writeParts() {
        return new Object[] {ref};
    }

    private static Object readParts(Object[] parts) {
        if (parts.length != 1) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        return new SimpleQueue<>((RemoteRef) java.util.Objects.requireNonNull(parts[0]));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("SimpleQueue is closed");
        }
    }

    @SuppressWarnings("unchecked")
    private E decode(Object bytes) {
        return (E) ValueReader.standalone().decode((byte[]) bytes);
    }

    /**
     * Python {@code put(item)}: adds the item; never waits (the queue is unbounded).
     *
     * @param item the item, not null
     * @throws NullPointerException     for {@code null}
     * @throws IllegalArgumentException if the item cannot be serialized
     * @throws IllegalStateException    after {@link #close()}
     */
    public void put(E item) {
        Objects.requireNonNull(item, "item");
        checkOpen();
        ref.cast(Op.PUT, ValueWriter.get().encode(item, true).bytes(), Long.MAX_VALUE);
    }

    /**
     * Python {@code get()}: waits for an item and removes it.
     *
     * @return the item
     * @throws IllegalStateException after {@link #close()}
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted while waiting
     */
    public E get() {
        checkOpen();
        Interrupts.checkNotInterrupted();
        return decode(ref.call(Op.GET, Long.MAX_VALUE));
    }

    /**
     * {@link #get()} waiting at most {@code timeout} seconds (not in Python's {@code SimpleQueue}).
     *
     * @param timeout seconds, not negative or NaN
     * @return the item
     * @throws dev.pyconcurrent.queue.EmptyException if none arrived in time
     * @throws IllegalArgumentException for a negative or NaN timeout
     * @throws IllegalStateException after {@link #close()}
     */
    public E get(double timeout) {
        return getNanos(Timeouts.toNanos(timeout));
    }

    /**
     * {@link #get()} waiting at most {@code timeout} (not in Python's {@code SimpleQueue}).
     *
     * @param timeout how long, not negative
     * @return the item
     * @throws dev.pyconcurrent.queue.EmptyException if none arrived in time
     * @throws IllegalArgumentException for a negative timeout
     * @throws IllegalStateException after {@link #close()}
     */
    public E get(Duration timeout) {
        return getNanos(Timeouts.toNanos(timeout));
    }

    private E getNanos(long nanos) {
        checkOpen();
        Interrupts.checkNotInterrupted();
        return decode(ref.call(Op.GET, nanos));
    }

    /**
     * Python {@code empty()}.
     *
     * @return whether the queue holds no item right now
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean empty() {
        checkOpen();
        return (Boolean) ref.call(Op.EMPTY);
    }

    /**
     * Python {@code close()}: this handle is not used any more; its methods then throw. Idempotent.
     * Items already put stay in the queue for handles in other processes (and for a copy of this handle
     * sent later); they are freed once no handle can reach them and none was ever sent.
     */
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "SimpleQueue" + ref;
    }
}
