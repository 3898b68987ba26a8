package dev.pyconcurrent.multiprocessing;

import java.util.function.BiFunction;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Function4;
import dev.pyconcurrent.function.Function5;

import dev.pyconcurrent.function.Tuple3;
import dev.pyconcurrent.function.Tuple4;
import dev.pyconcurrent.function.Tuple5;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.function.internal.Spread;
import dev.pyconcurrent.multiprocessing.internal.pool.PoolEngine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A pool of worker threads with the {@link Pool} API. Python: {@code multiprocessing.pool.ThreadPool}.
 *
 * <p>Same methods and semantics as {@link Pool} (the same scheduling code runs both), but
 * tasks run on daemon threads of this JVM, so they take the plain
 * {@code java.util.function} types and nothing is serialized. On the JVM threads run in
 * parallel, so this is the fast choice for CPU work as well as I/O.
 *
 * <p>Model: RUNNING --close()--> CLOSED --(outstanding tasks done)--> threads exit;
 * RUNNING/CLOSED --terminate()--> TERMINATED (threads interrupted, unfinished results fail
 * with {@link java.util.concurrent.CancellationException}). {@link #join()} waits for the
 * threads to exit, and may only be called after {@code close()} or {@code terminate()}.
 * An initializer that throws breaks the pool:
 * {@link dev.pyconcurrent.futures.BrokenThreadPoolException}.
 *
 * <p>Every method that takes work ({@code apply*}, {@code map*}, {@code imap*},
 * {@code starmap*}, of any arity) throws, at the call:
 * <ul>
 *   <li>{@link IllegalStateException} ("Pool not running") once the pool is closed or
 *       terminated;</li>
 *   <li>{@link dev.pyconcurrent.futures.BrokenThreadPoolException} if the pool is broken
 *       (an initializer threw);</li>
 *   <li>{@link IllegalArgumentException} if {@code chunksize < 1}.</li>
 * </ul>
 *
 * <pre>{@code
 * try (ThreadPool pool = new ThreadPool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 */
public class ThreadPool implements AutoCloseable {
    private final PoolEngine<Callable<Object>> engine;

    /** Python {@code ThreadPool()}: {@link Multiprocessing#cpuCount()} threads. */
    public ThreadPool() {
        this(builder());
    }

    /**
     * Python {@code ThreadPool(processes)}.
     *
     * @param processes number of threads
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public ThreadPool(int processes) {
        this(builder().processes(processes));
    }

    private ThreadPool(Builder b) {
        this.engine = PoolEngine.threads(b.processes, b.initializer, b.maxTasksPerChild, "ThreadPoolWorker-");
    }

    /**
     * Python: the keyword arguments of {@code ThreadPool(processes=, initializer=, maxtasksperchild=)}.
     *
     * @return a builder for {@code processes}, {@code initializer}, {@code maxTasksPerChild}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ThreadPool}: Python's {@code ThreadPool(processes, initializer, maxtasksperchild)}. */
    public static final class Builder {
        private int processes = Multiprocessing.cpuCount();
        private Runnable initializer;
        private int maxTasksPerChild;

        private Builder() {
        }

        /**
         * Python: {@code processes=n}.
         *
         * @param n number of workers (&ge; 1)
         * @return this
         */
        public Builder processes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Number of processes must be at least 1");
            }
            this.processes = n;
            return this;
        }

        /**
         * Python: {@code initializer=init}.
         *
         * @param init run in each thread before its first task; if it throws, the pool is broken
         * @return this
         */
        public Builder initializer(Runnable init) {
            this.initializer = Objects.requireNonNull(init, "initializer");
            return this;
        }

        /**
         * Python: {@code maxtasksperchild=n}.
         *
         * @param n tasks a thread runs before it is replaced by a fresh one (&ge; 1)
         * @return this
         */
        public Builder maxTasksPerChild(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxtasksperchild must be a positive int or None");
            }
            this.maxTasksPerChild = n;
            return this;
        }

        /**
         * Returns the pool, its workers starting.
         *
         * @return the pool, its workers starting
         */
        public ThreadPool build() {
            return new ThreadPool(this);
        }
    }

    /**
     * Python {@code apply(fn)}: runs {@code fn} on a pool thread and waits.
     * A failure of the task is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn  the task, run on a pool thread
     * @param <R> the result type
     * @return its result
     */
    public <R> R apply(Callable<R> fn) {
        return applyAsync(fn).get();
    }

    /**
     * Python {@code apply_async(fn)}: runs {@code fn} on a pool thread without waiting.
     *
     * @param fn  the task, run on a pool thread
     * @param <R> the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(Callable<R> fn) {
        return engine.applyAsync(fn, null, null);
    }

    /**
     * Python {@code apply_async(fn, callback=cb)}; the callback runs on the pool's callback thread.
     *
     * @param fn       the task, run on a pool thread
     * @param callback called with the result on the pool's callback thread, may be {@code null}
     * @param <R>      the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(Callable<R> fn, Consumer<? super R> callback) {
        return engine.applyAsync(fn, callback, null);
    }

    /**
     * Python {@code apply_async(fn, callback=cb, error_callback=ecb)}.
     *
     * @param fn            the task, run on a pool thread
     * @param callback      called with the result on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the exception on the callback thread if the call fails, may be {@code null}
     * @param <R>           the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(Callable<R> fn, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        return engine.applyAsync(fn, callback, errorCallback);
    }

    /**
     * Python {@code map(fn, items)}: applies {@code fn} to each item and waits; results in input order;
     * automatic chunk size. The first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn    the function applied to each item on a pool thread
     * @param items the input items
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the results, in input order
     */
    public <T, R> List<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return this.<R>mapAsync0(fn, items, 0, null, null).get();
    }

    /**
     * Python {@code map(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item on a pool thread
     * @param items     the input items
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the results, in input order
     */
    public <T, R> List<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                              int chunksize) {
        return this.<R>mapAsync0(fn, items, checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code map_async(fn, items)}: {@link #map} without waiting.
     *
     * @param fn    the function applied to each item on a pool thread
     * @param items the input items
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, ? extends R> fn,
                                                Iterable<? extends T> items) {
        return mapAsync0(fn, items, 0, null, null);
    }

    /**
     * Python {@code map_async(fn, items, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn            the function applied to each item on a pool thread
     * @param items         the input items
     * @param chunksize     items sent to a worker per task (&ge; 1)
     * @param callback      called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <T>           the item type
     * @param <R>           the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, ? extends R> fn,
                                                Iterable<? extends T> items, int chunksize,
                                                Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        return mapAsync0(fn, items, checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code map_async(fn, items, chunksize)}.
     *
     * @param fn the function applied to each item on a pool thread
     * @param items the input items
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize) {
        return mapAsync0(fn, items, checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code map_async(fn, items, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to each item on a pool thread
     * @param items the input items
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, ? extends R> fn,
            Iterable<? extends T> items, Consumer<? super List<R>> callback) {
        return mapAsync0(fn, items, 0, callback, null);
    }

    /**
     * Python {@code map_async(fn, items, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to each item on a pool thread
     * @param items the input items
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Function<? super T, ? extends R> fn,
            Iterable<? extends T> items, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return mapAsync0(fn, items, 0, callback, errorCallback);
    }

    private <R> AsyncResult<List<R>> mapAsync0(Object fn, Iterable<?> items, int chunksize,
                                              Consumer<? super List<R>> cb, Consumer<? super Throwable> ecb) {
        return engine.mapAsync(fn, items, chunksize, cb, ecb);
    }

    private static int checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        return chunksize;
    }

    /**
     * Python {@code imap(fn, items)}: lazy, in input order, one item per task.
     *
     * @param fn    the function applied to each item on a pool thread
     * @param items the input items
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an {@link ImapIterator} over the results, in input order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imap(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return engine.imap(fn, items, 1, true);
    }

    /**
     * Python {@code imap(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item on a pool thread
     * @param items     the input items
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an {@link ImapIterator} over the results, in input order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imap(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   int chunksize) {
        return engine.imap(fn, items, chunksize, true);
    }

    /**
     * Python {@code imap_unordered(fn, items)}: lazy, in completion order.
     *
     * @param fn    the function applied to each item on a pool thread
     * @param items the input items
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an {@link ImapIterator} over the results, in completion order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imapUnordered(Function<? super T, ? extends R> fn,
                                            Iterable<? extends T> items) {
        return engine.imap(fn, items, 1, false);
    }

    /**
     * Python {@code imap_unordered(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item on a pool thread
     * @param items     the input items
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an {@link ImapIterator} over the results, in completion order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imapUnordered(Function<? super T, ? extends R> fn,
                                            Iterable<? extends T> items, int chunksize) {
        return engine.imap(fn, items, chunksize, false);
    }

    /**
     * Python {@code starmap(fn, pairs)}: {@code fn(key, value)} for each entry, in order; automatic chunk size. The
     * first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, R> List<R> starmap(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, pairs, chunksize)}.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, R> List<R> starmap(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, pairs)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, chunksize)}.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, pairs, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to each entry's key and value on a pool thread
     * @param pairs the input pairs: any {@link Map.Entry}, e.g. {@code Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(BiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c)} for each tuple, in order; automatic chunk size. The first
     * failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, R> List<R> starmap(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, R> List<R> starmap(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 3-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c, d)} for each tuple, in order; automatic chunk size. The
     * first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, R> List<R> starmap(Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, R> List<R> starmap(Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 4-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c, d, e)} for each tuple, in order; automatic chunk size. The
     * first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, E, R> List<R> starmap(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, E, R> List<R> starmap(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 5-tuple on a pool thread
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)}
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code close()}: no new tasks; waits until the outstanding tasks are done, then the
     * workers exit ({@link #join()} waits for that). Unlike Python's {@code with}, which terminates.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Python {@code terminate()}: interrupts the threads and stops them; unfinished results fail with {@code CancellationException}. */
    public void terminate() {
        engine.terminate();
    }

    /**
     * Python {@code join()}: waits until every worker exited and every callback ran.
     *
     * @throws IllegalStateException before {@code close()} or {@code terminate()} ("Pool is still running")
     */
    public void join() {
        engine.join(Long.MAX_VALUE);
    }

    /**
     * Bounded {@link #join()}; Python's {@code join()} has no timeout.
     *
     * @param timeout seconds
     * @return true if the workers exited in time
     */
    public boolean join(double timeout) {
        return engine.join(Timeouts.toNanos(timeout));
    }

    /**
     * Bounded {@link #join()}; Python's {@code join()} has no timeout.
     *
     * @param timeout the wait
     * @return true if the workers exited in time
     */
    public boolean join(Duration timeout) {
        return engine.join(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code pool._processes}.
     *
     * @return the number of worker threads
     */
    public int getProcesses() {
        return engine.size();
    }

    @Override
    public String toString() {
        return "<ThreadPool threads=" + engine.size() + ">";
    }
}
