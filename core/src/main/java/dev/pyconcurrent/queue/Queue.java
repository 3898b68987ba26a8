package dev.pyconcurrent.queue;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A multi-producer, multi-consumer FIFO queue with task tracking and shutdown.
 * Python: {@code queue.Queue(maxsize=0)}.
 *
 * <p>Model (as CPython's {@code Lib/queue.py}): one mutex and three conditions on it —
 * {@code notEmpty} (signalled when an item is added), {@code notFull} (signalled when an
 * item is removed) and {@code allTasksDone} (signalled when the count of unfinished tasks
 * drops to zero). Every {@code put} adds one unfinished task; every {@link #taskDone()}
 * removes one; {@link #join()} waits until none are left. The storage is reached only
 * through four protected hooks, always called with the mutex held, which
 * {@link LifoQueue} and {@link PriorityQueue} override:
 * {@link #init(int)}, {@link #size()}, {@link #putItem(Object)}, {@link #takeItem()}.
 *
 * <p>State machine (Python 3.13):
 * <pre>
 *   OPEN ──shutdown()──────────▶ SHUT_DOWN   put: ShutDownException at once, and every blocked put
 *     │                            ▲           wakes with it; get: returns what is left, then
 *     └──shutdown(true)────────────┘           ShutDownException (blocked gets wake with it).
 *        (drain: every queued item is discarded and counted as a finished task, so join()
 *         waits only for items already taken and not yet taskDone(); all waiters are woken)
 *   SHUT_DOWN ──shutdown(true)──▶ SHUT_DOWN (drained)
 * </pre>
 * A queue never leaves SHUT_DOWN.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>();
 * Thread worker = new Thread(() -> {
 *     while (true) {
 *         String item = q.get();       // item = q.get()
 *         process(item);
 *         q.taskDone();                // q.task_done()
 *     }
 * });
 * worker.setDaemon(true);
 * worker.start();
 * for (String s : items) q.put(s);     // q.put(s)
 * q.join();                            // q.join(): every item processed
 * }</pre>
 *
 * <p>{@code null} items are rejected with {@link NullPointerException} (Python's
 * {@code None} has no Java item to stand for). Timeouts are seconds ({@code double}) or
 * a {@link Duration}; negative or NaN is an {@link IllegalArgumentException}
 * ({@code "timeout must be a non-negative number of seconds, got -1.0"}). An interrupted blocking call throws
 * {@link dev.pyconcurrent.ThreadInterruptedException} with the interrupt flag set again; the
 * blocking forms ({@code put}/{@code get} with {@code block} true or a timeout, {@code join})
 * check the flag on entry even when they need not wait, the {@code Nowait} forms never do.
 *
 * <p>Memory effects: actions in a thread before it puts an item happen-before actions after
 * the get that returns that item in another thread, and actions before a {@code taskDone()}
 * happen-before the return of a {@code join()} that it released.
 *
 * @param <E> the item type
 */
public class Queue<E> {

    /** The one mutex; the three conditions belong to it. */
    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when an item is added: a waiting getter may proceed. */
    private final Condition notEmpty = mutex.newCondition();
    /** Signalled when an item is removed: a waiting putter may proceed. */
    private final Condition notFull = mutex.newCondition();
    /** Signalled when {@code unfinishedTasks} drops to zero (or the queue is drained). */
    private final Condition allTasksDone = mutex.newCondition();
    /** {@code <= 0}: unbounded. */
    private final int maxsize;

    private long unfinishedTasks; // guarded by mutex
    private boolean shutDown;     // guarded by mutex; false = OPEN, true = SHUT_DOWN
    private ArrayDeque<E> fifo;   // guarded by mutex; the storage of this class's own hooks

    /** Creates an unbounded FIFO queue. Python: {@code queue.Queue()}. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a FIFO queue holding at most {@code maxsize} items. Python: {@code queue.Queue(maxsize)}.
     *
     * @param maxsize the capacity; {@code <= 0} means unbounded
     */
    @SuppressWarnings("this-escape") // calling the init() hook here is the template, as Python's __init__ calls _init
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        mutex.lock();   // publishes what init() writes to every thread that later takes the mutex
        try {
            init(maxsize);
        } finally {
            mutex.unlock();
        }
    }

    // ---------------------------------------------------------------- hooks (mutex held)

    /**
     * Creates the storage; called once from the constructor with the mutex held.
     * Python: {@code _init(maxsize)}. A subclass overriding the hooks sets its storage here;
     * such a field must have no initializer of its own (it would run after this call).
     *
     * @param maxsize the capacity given to the constructor
     */
    protected void init(int maxsize) {
        fifo = new ArrayDeque<>();
    }

    /**
     * Number of stored items. Python: {@code _qsize()}.
     *
     * @return the count
     */
    protected int size() {
        return fifo.size();
    }

    /**
     * Stores one item (never {@code null}). Python: {@code _put(item)}.
     *
     * @param item the item
     */
    protected void putItem(E item) {
        fifo.addLast(item);
    }

    /**
     * Removes the next item; called only when {@link #size()} is positive. Python: {@code _get()}.
     *
     * @return the item
     */
    protected E takeItem() {
        return fifo.pollFirst();
    }

    // ---------------------------------------------------------------- put

    /**
     * Puts an item, waiting for a free slot if the queue is full. Python: {@code q.put(item)}.
     *
     * @param item the item, not {@code null}
     * @throws ShutDownException if the queue is, or while waiting becomes, shut down
     */
    public void put(E item) {
        doPut(item, Long.MAX_VALUE, true);
    }

    /**
     * Puts an item; if {@code block} is false, fails at once when full.
     * Python: {@code q.put(item, block)}.
     *
     * @param item  the item, not {@code null}
     * @param block whether to wait for a free slot
     * @throws FullException     if {@code block} is false and the queue is full
     * @throws ShutDownException if the queue is shut down
     */
    public void put(E item, boolean block) {
        if (block) {
            doPut(item, Long.MAX_VALUE, true);
        } else {
            doPut(item, 0L, false);
        }
    }

    /**
     * Puts an item, waiting at most {@code timeout} seconds for a free slot.
     * Python: {@code q.put(item, timeout=timeout)}.
     *
     * @param item    the item, not {@code null}
     * @param timeout seconds, non-negative
     * @throws FullException     if no slot became free in time
     * @throws ShutDownException if the queue is, or while waiting becomes, shut down
     */
    public void put(E item, double timeout) {
        doPut(item, nanos(timeout), true);
    }

    /**
     * Puts an item, waiting at most {@code timeout} for a free slot.
     * Python: {@code q.put(item, timeout=timeout)}.
     *
     * @param item    the item, not {@code null}
     * @param timeout non-negative
     * @throws FullException     if no slot became free in time
     * @throws ShutDownException if the queue is, or while waiting becomes, shut down
     */
    public void put(E item, Duration timeout) {
        doPut(item, nanos(timeout), true);
    }

    /**
     * Puts an item only if a slot is free now. Python: {@code q.put_nowait(item)}.
     *
     * @param item the item, not {@code null}
     * @throws FullException     if the queue is full
     * @throws ShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        doPut(item, 0L, false);
    }

    /** Python programs put {@code None} to say "no more items": say what to do instead. */
    static final String NULL_ITEM = "a queue item cannot be null (Python's None): to tell consumers to stop,"
            + " put a sentinel object of your own (e.g. static final Object DONE = new Object()), or call shutdown()";

    /** {@code nanos}: Long.MAX_VALUE = forever. {@code blocking}: may wait, so honours interrupts. */
    private void doPut(E item, long nanos, boolean blocking) {
        Objects.requireNonNull(item, NULL_ITEM);
        final ReentrantLock lock = mutex;
        try {
            if (blocking) {
                lock.lockInterruptibly();
            } else {
                lock.lock();
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        try {
            if (shutDown) {
                throw new ShutDownException();
            }
            if (maxsize > 0) {
                while (size() >= maxsize) {
                    if (nanos <= 0L) {
                        throw new FullException();
                    }
                    if (nanos == Long.MAX_VALUE) {
                        notFull.await();
                    } else {
                        nanos = notFull.awaitNanos(nanos);
                    }
                    if (shutDown) {
                        throw new ShutDownException();
                    }
                }
            }
            putItem(item);
            unfinishedTasks++;
            notEmpty.signal();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- get

    /**
     * Removes and returns the next item, waiting until one is available. Python: {@code q.get()}.
     *
     * @return the item
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E get() {
        return doGet(Long.MAX_VALUE, true);
    }

    /**
     * Removes and returns the next item; if {@code block} is false, fails at once when empty.
     * Python: {@code q.get(block)}.
     *
     * @param block whether to wait for an item
     * @return the item
     * @throws EmptyException    if {@code block} is false and the queue is empty
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E get(boolean block) {
        return block ? doGet(Long.MAX_VALUE, true) : doGet(0L, false);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} seconds.
     * Python: {@code q.get(timeout=timeout)}.
     *
     * @param timeout seconds, non-negative
     * @return the item
     * @throws EmptyException    if no item arrived in time
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E get(double timeout) {
        return doGet(nanos(timeout), true);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}.
     * Python: {@code q.get(timeout=timeout)}.
     *
     * @param timeout non-negative
     * @return the item
     * @throws EmptyException    if no item arrived in time
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E get(Duration timeout) {
        return doGet(nanos(timeout), true);
    }

    /**
     * Removes and returns the next item only if one is available now. Python: {@code q.get_nowait()}.
     *
     * @return the item
     * @throws EmptyException    if the queue is empty
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        return doGet(0L, false);
    }

    private E doGet(long nanos, boolean blocking) {
        final ReentrantLock lock = mutex;
        try {
            if (blocking) {
                lock.lockInterruptibly();
            } else {
                lock.lock();
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        try {
            while (size() == 0) {
                if (shutDown) {
                    throw new ShutDownException();
                }
                if (nanos <= 0L) {
                    throw new EmptyException();
                }
                if (nanos == Long.MAX_VALUE) {
                    notEmpty.await();
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            E item = takeItem();
            notFull.signal();
            return item;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Marks one formerly enqueued task as complete; a {@link #join()} returns once every
     * put item has been marked. Python: {@code q.task_done()}.
     *
     * @throws IllegalStateException {@code "task_done() called too many times"} if called more
     *                               times than items were put
     */
    public void taskDone() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            long unfinished = unfinishedTasks - 1;
            if (unfinished <= 0) {
                if (unfinished < 0) {
                    throw new IllegalStateException("task_done() called too many times");
                }
                allTasksDone.signalAll();
            }
            unfinishedTasks = unfinished;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every put item has been taken and marked with {@link #taskDone()}. Python: {@code q.join()}. */
    public void join() {
        doJoin(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeout} seconds for every put item to be marked done.
     * Python has no timeout here; this is the bounded form of {@code q.join()}.
     *
     * @param timeout seconds, non-negative
     * @return true if no unfinished task is left, false on timeout
     */
    public boolean join(double timeout) {
        return doJoin(nanos(timeout));
    }

    /**
     * Waits at most {@code timeout} for every put item to be marked done.
     * The bounded form of Python's {@code q.join()}.
     *
     * @param timeout non-negative
     * @return true if no unfinished task is left, false on timeout
     */
    public boolean join(Duration timeout) {
        return doJoin(nanos(timeout));
    }

    private boolean doJoin(long nanos) {
        final ReentrantLock lock = mutex;
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        try {
            while (unfinishedTasks != 0) {
                if (nanos <= 0L) {
                    return false;
                }
                if (nanos == Long.MAX_VALUE) {
                    allTasksDone.await();
                } else {
                    nanos = allTasksDone.awaitNanos(nanos);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- shutdown

    /** Shuts the queue down without draining it. Python 3.13: {@code q.shutdown()}. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down. Python 3.13: {@code q.shutdown(immediate)}.
     * Afterwards {@code put} throws {@link ShutDownException} at once and blocked puts wake
     * with it; {@code get} returns the items left, then throws it. With {@code immediate} the
     * queue is drained now: each discarded item counts as a finished task, so {@code join}
     * waits only for items already taken, and every blocked get, put and join is woken.
     *
     * @param immediate whether to discard the items still queued
     */
    public void shutdown(boolean immediate) {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            shutDown = true;
            if (immediate) {
                while (size() > 0) {
                    takeItem();
                    if (unfinishedTasks > 0) {
                        unfinishedTasks--;
                    }
                }
                allTasksDone.signalAll();
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Python 3.13: {@code q.is_shutdown}.
     *
     * @return whether {@link #shutdown} was called
     */
    public boolean isShutdown() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return shutDown;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- size

    /**
     * Python: {@code q.qsize()} (a snapshot; may change at once).
     *
     * @return the number of queued items
     */
    public int qsize() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Python: {@code q.empty()} (a snapshot).
     *
     * @return whether no item is queued
     */
    public boolean empty() {
        return qsize() == 0;
    }

    /**
     * Python: {@code q.full()} (a snapshot; always false when unbounded).
     *
     * @return whether the queue holds maxsize items
     */
    public boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    /**
     * Python: {@code q.maxsize}.
     *
     * @return the capacity given to the constructor ({@code <= 0}: unbounded)
     */
    public int getMaxsize() {
        return maxsize;
    }

    /**
     * Python: {@code q.unfinished_tasks}.
     *
     * @return items put and not yet marked with {@link #taskDone()}
     */
    public long getUnfinishedTasks() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return unfinishedTasks;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Python-like repr, e.g. {@code <Queue maxsize=10 qsize=3 tasks=3>}, with {@code shutdown}
     * appended once shut down.
     */
    @Override
    public String toString() {
        int size;
        long tasks;
        boolean down;
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            size = size();
            tasks = unfinishedTasks;
            down = shutDown;
        } finally {
            lock.unlock();
        }
        return "<" + getClass().getSimpleName() + " maxsize=" + maxsize + " qsize=" + size
                + " tasks=" + tasks + (down ? " shutdown" : "") + ">";
    }

    // ---------------------------------------------------------------- timeouts

    /** Seconds to nanoseconds; a negative or NaN timeout is the library's one message. */
    static long nanos(double timeout) {
        return Timeouts.toNanos(timeout);
    }

    /** Duration to nanoseconds; a negative timeout is the library's one message. */
    static long nanos(Duration timeout) {
        return Timeouts.toNanos(timeout);
    }
}
