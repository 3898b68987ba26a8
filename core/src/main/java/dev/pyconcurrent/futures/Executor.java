package dev.pyconcurrent.futures;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs tasks asynchronously and hands back {@link Future}s. Python: {@code concurrent.futures.Executor}.
 *
 * <p>Lifecycle: open → shut down (no new tasks: {@link IllegalStateException}
 * {@code ("cannot schedule new futures after shutdown")}) → terminated (every worker has exited).
 * {@link #close()} is Python's {@code with} exit: {@code shutdown(true)}.
 *
 * <p>{@link #execute(Runnable)} (from {@link java.util.concurrent.Executor}) is {@code submit}
 * without the future.
 */
public interface Executor extends java.util.concurrent.Executor, AutoCloseable {

    /**
     * Schedules {@code fn}. Python: {@code submit(fn)}.
     * @param fn the task
     * @param <T> result type
     * @return its future
     */
    <T> Future<T> submit(Callable<T> fn);

    /**
     * Schedules {@code fn}; the future's result is {@code null}. Python: {@code submit(fn)}.
     * @param fn the task
     * @return its future
     */
    Future<Void> submit(Runnable fn);

    /**
     * Lazily maps {@code fn} over {@code items}, results in input order. Python: {@code map(fn, items)}.
     * Every item is read and submitted at the call (as Python does without {@code buffersize});
     * the results are waited for as the returned iterator is consumed.
     *
     * @param fn the function
     * @param items the inputs
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * As {@link #map(Function, Iterable)} with a timeout (counted from this call), a chunk size (process pools)
     * and a buffer size (at most that many items submitted ahead of the consumer; the input is then read lazily).
     * Python: {@code map(fn, items, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function
     * @param items the inputs
     * @param options timeout, chunksize, buffersize
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items, MapOptions options);

    /**
     * Maps a two-argument {@code fn} over {@code a} and {@code b} zipped (stopping at the shorter).
     * Python: {@code map(fn, a, b)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <R> result type
     * @return the results, in input order
     */
    <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends A> a, Iterable<? extends B> b);

    /** Python: {@code shutdown()}: no new tasks, wait for the running and pending ones. */
    void shutdown();

    /**
     * Python: {@code shutdown(wait)}.
     * @param wait whether to wait until every worker has exited
     */
    void shutdown(boolean wait);

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}.
     *
     * @param wait whether to wait until every worker has exited
     * @param cancelFutures whether to cancel the tasks that have not started
     */
    void shutdown(boolean wait, boolean cancelFutures);

    /** {@code shutdown(true)}: Python's {@code with executor:} exit. */
    @Override
    void close();

    /**
     * A {@link java.util.concurrent.ExecutorService} view of this executor, for interop.
     * Its {@code shutdownNow()} cancels and returns the tasks that have not started.
     *
     * @return the view, the same object on every call
     */
    java.util.concurrent.ExecutorService asExecutorService();
}
