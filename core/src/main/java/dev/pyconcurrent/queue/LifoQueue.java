package dev.pyconcurrent.queue;

import java.util.ArrayDeque;

/**
 * A last-in, first-out queue: {@code get} returns the most recently put item.
 * Python: {@code queue.LifoQueue(maxsize=0)}.
 *
 * <p>Everything else — blocking, {@code maxsize}, {@code taskDone}/{@code join},
 * {@code shutdown} — is inherited from {@link Queue}; only the storage hooks differ
 * (an {@link ArrayDeque} used as a stack).
 *
 * @param <E> the item type
 */
public class LifoQueue<E> extends Queue<E> {

    private ArrayDeque<E> stack; // guarded by the queue's mutex; set by init(), so no initializer

    /** Creates an unbounded LIFO queue. Python: {@code queue.LifoQueue()}. */
    public LifoQueue() {
        super();
    }

    /**
     * Creates a LIFO queue holding at most {@code maxsize} items. Python: {@code queue.LifoQueue(maxsize)}.
     *
     * @param maxsize the capacity; {@code <= 0} means unbounded
     */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    /** Python: {@code LifoQueue._init}: an empty stack. */
    @Override
    protected void init(int maxsize) {
        stack = new ArrayDeque<>();
    }

    /** Python: {@code LifoQueue._qsize}. */
    @Override
    protected int size() {
        return stack.size();
    }

    /** Python: {@code LifoQueue._put}: push on top. */
    @Override
    protected void putItem(E item) {
        stack.push(item);
    }

    /** Python: {@code LifoQueue._get}: pop the top. */
    @Override
    protected E takeItem() {
        return stack.pop();
    }
}
