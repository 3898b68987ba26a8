package dev.pyconcurrent.queue;

import java.util.Comparator;

/**
 * A queue that returns the lowest item first. Python: {@code queue.PriorityQueue(maxsize=0)}.
 *
 * <p>Items are ordered by their natural order ({@link Comparable}) or by the given
 * {@link Comparator}. Python's idiom of {@code (priority, data)} tuples becomes a record
 * implementing {@code Comparable}, or {@code Map.entry(priority, data)} with
 * {@code Map.Entry.comparingByKey()}. With natural order, putting an item that is not
 * {@code Comparable} (or not comparable with the queued items) throws
 * {@link ClassCastException} and leaves the queue unchanged (Python raises {@code TypeError}).
 * Items that compare equal come out in no particular order, as in Python's heap.
 *
 * <pre>{@code
 * record Job(int priority, String name) implements Comparable<Job> {
 *     public int compareTo(Job o) { return Integer.compare(priority, o.priority); }
 * }
 * PriorityQueue<Job> q = new PriorityQueue<>();
 * q.put(new Job(3, "low")); q.put(new Job(1, "urgent"));
 * q.get();   // Job[priority=1, name=urgent]
 * }</pre>
 *
 * <p>Everything else is inherited from {@link Queue}; only the storage hooks differ
 * (a binary heap, {@link java.util.PriorityQueue}).
 *
 * @param <E> the item type
 */
public class PriorityQueue<E> extends Queue<E> {

    /** The heap. Final, so it is created here rather than in {@link #init(int)}, which runs first. */
    private final java.util.PriorityQueue<E> heap; // guarded by the queue's mutex

    /** Creates an unbounded priority queue in natural order. Python: {@code queue.PriorityQueue()}. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * Creates a priority queue in natural order holding at most {@code maxsize} items.
     * Python: {@code queue.PriorityQueue(maxsize)}.
     *
     * @param maxsize the capacity; {@code <= 0} means unbounded
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates an unbounded priority queue ordered by {@code order}.
     * Python has no comparator argument: there the items themselves compare.
     *
     * @param order the ordering, lowest first; {@code null} for natural order
     */
    public PriorityQueue(Comparator<? super E> order) {
        this(0, order);
    }

    /**
     * Creates a priority queue ordered by {@code order} holding at most {@code maxsize} items.
     * Python has no comparator argument: there the items themselves compare.
     *
     * @param maxsize the capacity; {@code <= 0} means unbounded
     * @param order   the ordering, lowest first; {@code null} for natural order
     */
    public PriorityQueue(int maxsize, Comparator<? super E> order) {
        super(maxsize);
        this.heap = new java.util.PriorityQueue<>(order);
    }

    /** Python: {@code PriorityQueue._init}; the heap is the final field created by the constructor. */
    @Override
    protected void init(int maxsize) {
        // nothing to do: see the heap field
    }

    /** Python: {@code PriorityQueue._qsize}. */
    @Override
    protected int size() {
        return heap.size();
    }

    /**
     * Python: {@code PriorityQueue._put} ({@code heappush}).
     *
     * @throws ClassCastException if the item cannot be compared (natural order)
     */
    @Override
    protected void putItem(E item) {
        heap.offer(item);
    }

    /** Python: {@code PriorityQueue._get} ({@code heappop}). */
    @Override
    protected E takeItem() {
        return heap.poll();
    }
}
