package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Function4;
import dev.pyconcurrent.function.Function5;
import dev.pyconcurrent.function.internal.Spread;
import dev.pyconcurrent.futures.internal.LazyMap;

import java.util.Objects;
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

    /**
     * As {@code map(fn, a, b)} with {@link MapOptions}: the timeout, chunk size and buffer size apply to argument
     * tuples as to single items. Python: {@code map(fn, a, b, timeout=, chunksize=, buffersize=)}.
     *
     * <p>The default implementation maps {@code fn}, applied to each tuple's elements, over the zipped inputs
     * with {@link #map(Function, Iterable, MapOptions)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param options timeout, chunksize, buffersize
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, MapOptions options) {
        return map(Spread.of(Objects.requireNonNull(fn, "fn")), LazyMap.zipIterables(a, b), options);
    }

    /**
     * Maps a 3-argument {@code fn} over {@code a}, {@code b}, {@code c} zipped (stopping at the shortest). Python:
     * {@code map(fn, a, b, c)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, R> MapResult<R> map(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c) {
        return map(fn, a, b, c, MapOptions.defaults());
    }

    /**
     * As {@code map(fn, a, b, c)} with {@link MapOptions}: the timeout, chunk size and buffer size apply to argument
     * tuples as to single items. Python: {@code map(fn, a, b, c, timeout=, chunksize=, buffersize=)}.
     *
     * <p>The default implementation maps {@code fn}, applied to each tuple's elements, over the zipped inputs
     * with {@link #map(Function, Iterable, MapOptions)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param options timeout, chunksize, buffersize
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, R> MapResult<R> map(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, MapOptions options) {
        return map(Spread.of(Objects.requireNonNull(fn, "fn")), LazyMap.zipIterables(a, b, c), options);
    }

    /**
     * Maps a 4-argument {@code fn} over {@code a}, {@code b}, {@code c}, {@code d} zipped (stopping at the shortest).
     * Python: {@code map(fn, a, b, c, d)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, D, R> MapResult<R> map(Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d) {
        return map(fn, a, b, c, d, MapOptions.defaults());
    }

    /**
     * As {@code map(fn, a, b, c, d)} with {@link MapOptions}: the timeout, chunk size and buffer size apply to argument
     * tuples as to single items. Python: {@code map(fn, a, b, c, d, timeout=, chunksize=, buffersize=)}.
     *
     * <p>The default implementation maps {@code fn}, applied to each tuple's elements, over the zipped inputs
     * with {@link #map(Function, Iterable, MapOptions)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param options timeout, chunksize, buffersize
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, D, R> MapResult<R> map(Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d,
            MapOptions options) {
        return map(Spread.of(Objects.requireNonNull(fn, "fn")), LazyMap.zipIterables(a, b, c, d), options);
    }

    /**
     * Maps a 5-argument {@code fn} over {@code a}, {@code b}, {@code c}, {@code d}, {@code e} zipped (stopping at the
     * shortest). Python: {@code map(fn, a, b, c, d, e)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param e fifth arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <E> fifth argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, D, E, R> MapResult<R> map(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn, Iterable<? extends A> a,
            Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d, Iterable<? extends E> e) {
        return map(fn, a, b, c, d, e, MapOptions.defaults());
    }

    /**
     * As {@code map(fn, a, b, c, d, e)} with {@link MapOptions}: the timeout, chunk size and buffer size apply to
     * argument tuples as to single items. Python: {@code map(fn, a, b, c, d, e, timeout=, chunksize=, buffersize=)}.
     *
     * <p>The default implementation maps {@code fn}, applied to each tuple's elements, over the zipped inputs
     * with {@link #map(Function, Iterable, MapOptions)}.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param e fifth arguments
     * @param options timeout, chunksize, buffersize
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <E> fifth argument type
     * @param <R> result type
     * @return the results, in input order
     */
    default <A, B, C, D, E, R> MapResult<R> map(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn, Iterable<? extends A> a,
            Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d, Iterable<? extends E> e,
            MapOptions options) {
        return map(Spread.of(Objects.requireNonNull(fn, "fn")), LazyMap.zipIterables(a, b, c, d, e), options);
    }

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
