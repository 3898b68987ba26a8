package dev.pyconcurrent.multiprocessing;

import java.time.Duration;
import java.util.Iterator;

/**
 * The iterator {@link Pool#imap imap} and {@link Pool#imapUnordered imapUnordered} return (also
 * {@link ThreadPool}'s). Python: {@code multiprocessing.pool.IMapIterator}, whose {@code next(timeout)}
 * waits at most {@code timeout} for the next result.
 *
 * <p>{@link #next()} waits for the next result as long as it takes; {@link #next(double)} and
 * {@link #next(Duration)} throw {@link dev.pyconcurrent.TimeoutException} when it is not there in time,
 * and the iterator stays usable: a later call returns that result. A failed item rethrows its exception
 * from the call that reaches it, and iteration may go on with the next items, as in Python. At the end:
 * {@link java.util.NoSuchElementException} (Python's {@code StopIteration}). {@link #hasNext()} does not
 * wait for a result; it only reads the input as far as the pool keeps work ahead.
 *
 * <p>One thread at a time may consume an iterator.
 *
 * <pre>{@code
 * ImapIterator<Integer> it = pool.imap(x -> x * x, List.of(1, 2, 3));
 * int first = it.next(5.0);   // TimeoutException if not ready within 5 s
 * }</pre>
 *
 * @param <R> the result type
 */
public interface ImapIterator<R> extends Iterator<R> {

    /**
     * Python {@code next(timeout)}: the next result, waiting at most {@code timeout} seconds.
     *
     * @param timeout seconds, at least 0
     * @return the next result
     * @throws dev.pyconcurrent.TimeoutException if it is not ready in time (the iterator stays usable)
     * @throws java.util.NoSuchElementException if there are no more results
     * @throws IllegalArgumentException if {@code timeout} is negative or NaN
     */
    R next(double timeout);

    /**
     * Python {@code next(timeout)}: the next result, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, not negative
     * @return the next result
     * @throws dev.pyconcurrent.TimeoutException if it is not ready in time (the iterator stays usable)
     * @throws java.util.NoSuchElementException if there are no more results
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    R next(Duration timeout);
}
