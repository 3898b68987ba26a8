package dev.pyconcurrent.futures;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lazy, ordered results of {@link Executor#map}. Python: the generator {@code Executor.map} returns.
 *
 * <p>{@link #next()} waits for the next result in input order; a failed item rethrows as
 * {@link Future#result()} does; the map's timeout raises {@link dev.pyconcurrent.TimeoutException}.
 * After an exception, or {@link #close()}, the tasks that have not started are cancelled and the
 * iteration is over. {@link #iterator()} returns this object: it can be iterated once.
 * Meant for one consuming thread; {@code close()} may be called from any thread.
 *
 * @param <R> the result type
 */
public interface MapResult<R> extends Iterator<R>, Iterable<R>, AutoCloseable {

    /**
     * Waits for every remaining result. Python: {@code list(executor.map(...))}.
     * @return the results, in input order
     */
    List<R> toList();

    /**
     * The remaining results as a sequential stream; closing the stream closes this.
     * @return the stream
     */
    Stream<R> stream();

    /** Cancels what has not started and ends the iteration. Python: closing the generator. */
    @Override
    void close();
}
