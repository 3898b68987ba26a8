package dev.pyconcurrent.queue;

import dev.pyconcurrent.internal.Interrupts;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An unbounded FIFO queue without task tracking or shutdown. Python: {@code queue.SimpleQueue()}.
 *
 * <p>A thin facade over {@link LinkedBlockingQueue}: {@code put} never blocks, {@code get}
 * waits (forever, or up to a timeout) for an item. Stateless apart from its items, so it
 * has no state machine. {@code null} items are rejected with {@link NullPointerException}.
 * Negative or NaN timeouts: {@link IllegalArgumentException}
 * ({@code "timeout must be a non-negative number of seconds, got -1.0"}). An interrupted blocking {@code get}
 * throws {@link dev.pyconcurrent.ThreadInterruptedException} with the flag set again.
 *
 * <p>Memory effects: actions before a {@code put} happen-before actions after the {@code get}
 * that returns the item.
 *
 * @param <E> the item type
 */
public class SimpleQueue<E> {

    private final LinkedBlockingQueue<E> items = new LinkedBlockingQueue<>();

    /** Creates an empty queue. Python: {@code queue.SimpleQueue()}. */
    public SimpleQueue() {
    }

    /** Python programs put {@code None} to say "no more items": say what to do instead. */
    private static final String NULL_ITEM = "a queue item cannot be null (Python's None): to tell consumers to stop,"
            + " put a sentinel object of your own (e.g. static final Object DONE = new Object()),"
            + " or use a Queue and its shutdown()";

    /**
     * Adds an item; never blocks. Python: {@code q.put(item)}.
     *
     * @param item the item, not {@code null}
     */
    public void put(E item) {
        items.offer(Objects.requireNonNull(item, NULL_ITEM));
    }

    /**
     * Adds an item; {@code block} is ignored, as in Python, since this never blocks.
     * Python: {@code q.put(item, block)}.
     *
     * @param item  the item, not {@code null}
     * @param block ignored
     */
    public void put(E item, boolean block) {
        put(item);
    }

    /**
     * Adds an item; {@code timeout} is ignored, as in Python, since this never blocks
     * (it is not even validated, as in CPython). Python: {@code q.put(item, timeout=timeout)}.
     *
     * @param item    the item, not {@code null}
     * @param timeout ignored
     */
    public void put(E item, double timeout) {
        put(item);
    }

    /**
     * Adds an item. Python: {@code q.put_nowait(item)}.
     *
     * @param item the item, not {@code null}
     */
    public void putNowait(E item) {
        put(item);
    }

    /**
     * Removes and returns the next item, waiting until one is available. Python: {@code q.get()}.
     *
     * @return the item
     */
    public E get() {
        try {
            return items.take();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Removes and returns the next item; if {@code block} is false, fails at once when empty.
     * Python: {@code q.get(block)}.
     *
     * @param block whether to wait for an item
     * @return the item
     * @throws EmptyException if {@code block} is false and the queue is empty
     */
    public E get(boolean block) {
        return block ? get() : getNowait();
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} seconds.
     * Python: {@code q.get(timeout=timeout)}.
     *
     * @param timeout seconds, non-negative
     * @return the item
     * @throws EmptyException if no item arrived in time
     */
    public E get(double timeout) {
        return getNanos(Queue.nanos(timeout));
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}.
     * Python: {@code q.get(timeout=timeout)}.
     *
     * @param timeout non-negative
     * @return the item
     * @throws EmptyException if no item arrived in time
     */
    public E get(Duration timeout) {
        return getNanos(Queue.nanos(timeout));
    }

    private E getNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return get();
        }
        E item;
        try {
            item = items.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        if (item == null) {
            throw new EmptyException();
        }
        return item;
    }

    /**
     * Removes and returns the next item only if one is available now. Python: {@code q.get_nowait()}.
     *
     * @return the item
     * @throws EmptyException if the queue is empty
     */
    public E getNowait() {
        E item = items.poll();
        if (item == null) {
            throw new EmptyException();
        }
        return item;
    }

    /**
     * Python: {@code q.qsize()} (a snapshot).
     *
     * @return the number of queued items
     */
    public int qsize() {
        return items.size();
    }

    /**
     * Python: {@code q.empty()} (a snapshot).
     *
     * @return whether no item is queued
     */
    public boolean empty() {
        return items.isEmpty();
    }

    /** Python-like repr, e.g. {@code <SimpleQueue qsize=3>}. */
    @Override
    public String toString() {
        return "<SimpleQueue qsize=" + items.size() + ">";
    }
}
