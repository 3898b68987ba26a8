package dev.pyconcurrent.futures;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waiting on many futures. Python: the functions {@code concurrent.futures.wait} and {@code as_completed}.
 *
 * <p>Works with any {@link Future} implementation; duplicates in the input are ignored, as in Python.
 * A cancelled future counts as done at once (Python counts it once its executor has noticed the
 * cancellation, which for a queued task may be later).
 */
public final class Futures {
    private Futures() {
    }

    /**
     * Yields the futures as they complete (already-done ones first, in input order). Python:
     * {@code as_completed(fs)}.
     *
     * @param fs the futures
     * @param <T> result type
     * @return the futures in completion order
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> fs) {
        return asCompletedNanos(fs, Long.MAX_VALUE);
    }

    /**
     * As {@link #asCompleted(Collection)}; {@code next()} throws {@link TimeoutException}
     * {@code ("<n> (of <total>) futures unfinished")} if the futures are not all yielded within
     * {@code timeout} of this call. Python: {@code as_completed(fs, timeout)}.
     *
     * @param fs the futures
     * @param timeout the total bound; negative: {@link IllegalArgumentException}
     * @param <T> result type
     * @return the futures in completion order
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> fs, Duration timeout) {
        return asCompletedNanos(fs, Timeouts.toNanos(timeout));
    }

    /**
     * As {@link #asCompleted(Collection, Duration)} with the timeout in seconds. Python: {@code as_completed(fs, timeout)}.
     *
     * @param fs the futures
     * @param timeout seconds; negative or NaN: {@link IllegalArgumentException}
     * @param <T> result type
     * @return the futures in completion order
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> fs, double timeout) {
        return asCompletedNanos(fs, Timeouts.toNanos(timeout));
    }

    private static <T> Iterable<Future<T>> asCompletedNanos(Collection<? extends Future<T>> fs, long nanos) {
        Set<Future<T>> set = distinct(fs);
        boolean timed = nanos != Long.MAX_VALUE;
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        return () -> new AsCompleted<>(set, timed, deadline);
    }

    /**
     * Waits until every future is done. Python: {@code wait(fs)}.
     *
     * @param fs the futures
     * @param <T> result type
     * @return the done and not-done futures
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs) {
        return waitNanos(fs, Long.MAX_VALUE, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until {@code when} holds. Python: {@code wait(fs, return_when=)}.
     *
     * @param fs the futures
     * @param when FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED
     * @param <T> result type
     * @return the done and not-done futures
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, ReturnWhen when) {
        return waitNanos(fs, Long.MAX_VALUE, when);
    }

    /**
     * Waits until {@code when} holds or {@code timeout} passes (no exception on timeout: look at
     * {@code notDone}). Python: {@code wait(fs, timeout, return_when)}.
     *
     * @param fs the futures
     * @param timeout the bound; negative: {@link IllegalArgumentException}
     * @param when FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED
     * @param <T> result type
     * @return the done and not-done futures
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, Duration timeout, ReturnWhen when) {
        return waitNanos(fs, Timeouts.toNanos(timeout), when);
    }

    /**
     * As {@link #wait(Collection, Duration, ReturnWhen)} with the timeout in seconds. Python:
     * {@code wait(fs, timeout, return_when)}.
     *
     * @param fs the futures
     * @param timeout seconds; negative or NaN: {@link IllegalArgumentException}
     * @param when FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED
     * @param <T> result type
     * @return the done and not-done futures
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, double timeout, ReturnWhen when) {
        return waitNanos(fs, Timeouts.toNanos(timeout), when);
    }

    /**
     * {@code wait(fs, timeout, ALL_COMPLETED)}. Python: {@code wait(fs, timeout)}.
     *
     * @param fs the futures
     * @param timeout the bound; negative: {@link IllegalArgumentException}
     * @param <T> result type
     * @return the done and not-done futures
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, Duration timeout) {
        return waitNanos(fs, Timeouts.toNanos(timeout), ReturnWhen.ALL_COMPLETED);
    }

    private static <T> DoneAndNotDone<T> waitNanos(Collection<? extends Future<T>> fs, long nanos, ReturnWhen when) {
        Objects.requireNonNull(when, "return_when");
        Set<Future<T>> set = distinct(fs);
        if (!satisfied(set, when)) {
            Tracker<T> tracker = new Tracker<>(set.size());
            List<Runnable> unregister = new ArrayList<>(set.size());
            try {
                for (Future<T> f : set) {
                    unregister.add(tracker.register(f));
                }
                tracker.await(nanos, when);
            } finally {
                unregister.forEach(Runnable::run);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> notDone = new LinkedHashSet<>();
        for (Future<T> f : set) {
            (f.done() ? done : notDone).add(f);
        }
        return new DoneAndNotDone<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(notDone));
    }

    private static <T> boolean satisfied(Set<Future<T>> set, ReturnWhen when) {
        int done = 0;
        for (Future<T> f : set) {
            if (f.done()) {
                done++;
                if (when == ReturnWhen.FIRST_COMPLETED || (when == ReturnWhen.FIRST_EXCEPTION && failed(f))) {
                    return true;
                }
            }
        }
        return done == set.size();
    }

    /** A done future that raised (not cancelled). */
    private static boolean failed(Future<?> f) {
        return !f.cancelled() && f.exception() != null;
    }

    private static <T> Set<Future<T>> distinct(Collection<? extends Future<T>> fs) {
        Objects.requireNonNull(fs, "fs");
        Set<Future<T>> set = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            set.add(Objects.requireNonNull(f, "future"));
        }
        return set;
    }

    /**
     * Collects completions of registered futures (Python's {@code _Waiter}): the hook runs in the
     * completing thread and only records and signals.
     */
    private static final class Tracker<T> {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final ArrayDeque<Future<T>> finished = new ArrayDeque<>();   // guarded by lock: not yet taken
        final int total;
        int finishedCount;                                           // guarded by lock
        boolean exceptionSeen;                                       // guarded by lock

        Tracker(int total) {
            this.total = total;
        }

        /** Registers the completion hook; returns how to unregister it. */
        Runnable register(Future<T> f) {
            Runnable hook = () -> arrived(f);
            if (f instanceof SettableFuture<?> bf) {
                if (!bf.addWaiter(hook)) {
                    hook.run();
                    return () -> { };
                }
                return () -> bf.removeWaiter(hook);
            }
            f.addDoneCallback(done -> hook.run());
            return () -> { };
        }

        void arrived(Future<T> f) {
            boolean raised = failed(f);
            lock.lock();
            try {
                finished.add(f);
                finishedCount++;
                exceptionSeen |= raised;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits until {@code when} holds (true) or the time is up (false). Lock held by caller: no. */
        boolean await(long nanos, ReturnWhen when) {
            lock.lock();
            try {
                while (!holds(when)) {
                    if (nanos == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        if (nanos <= 0) {
                            return false;
                        }
                        nanos = changed.awaitNanos(nanos);
                    }
                }
                return true;
            } catch (InterruptedException e) {
                throw Interrupts.rethrow(e);
            } finally {
                lock.unlock();
            }
        }

        private boolean holds(ReturnWhen when) {
            switch (when) {
                case FIRST_COMPLETED:
                    return finishedCount > 0;
                case FIRST_EXCEPTION:
                    return exceptionSeen || finishedCount == total;
                default:
                    return finishedCount == total;
            }
        }
    }

    /** One pass of {@code as_completed}. */
    private static final class AsCompleted<T> implements Iterator<Future<T>> {
        private final Tracker<T> tracker;
        private final boolean timed;
        private final long deadline;
        private int yielded;   // only the consuming thread

        AsCompleted(Set<Future<T>> set, boolean timed, long deadline) {
            this.tracker = new Tracker<>(set.size());
            this.timed = timed;
            this.deadline = deadline;
            // done futures arrive at once, in input order; the others as they complete
            for (Future<T> f : set) {
                tracker.register(f);
            }
        }

        @Override
        public boolean hasNext() {
            return yielded < tracker.total;
        }

        @Override
        public Future<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            tracker.lock.lock();
            try {
                while (tracker.finished.isEmpty()) {
                    if (!timed) {
                        tracker.changed.await();
                    } else {
                        long left = Timeouts.remaining(deadline);
                        if (left <= 0) {
                            throw new TimeoutException(String.format("%d (of %d) futures unfinished",
                                    tracker.total - yielded, tracker.total));
                        }
                        tracker.changed.awaitNanos(left);
                    }
                }
                yielded++;
                return tracker.finished.poll();
            } catch (InterruptedException e) {
                throw Interrupts.rethrow(e);
            } finally {
                tracker.lock.unlock();
            }
        }
    }
}
