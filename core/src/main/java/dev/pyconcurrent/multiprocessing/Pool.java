package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableFunction3;
import dev.pyconcurrent.function.SerializableFunction4;
import dev.pyconcurrent.function.SerializableFunction5;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.function.Tuple3;
import dev.pyconcurrent.function.Tuple4;
import dev.pyconcurrent.function.Tuple5;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.function.internal.Spread;
import dev.pyconcurrent.multiprocessing.internal.pool.EarlySpawn;
import dev.pyconcurrent.multiprocessing.internal.pool.PoolEngine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A pool of worker processes (child JVMs). Python: {@code multiprocessing.Pool}.
 *
 * <p>Model: RUNNING --close()--> CLOSED --(outstanding tasks done)--> workers exit;
 * RUNNING/CLOSED --terminate()--> TERMINATED (workers killed, unfinished results fail
 * with {@link java.util.concurrent.CancellationException}). {@link #join()} waits for the
 * workers to exit, and may only be called after {@code close()} or {@code terminate()}.
 * Workers start in parallel when the pool is created; tasks queue until one is ready.
 *
 * <p>Tasks, functions and items are serialized in the calling thread: one that is not
 * {@link java.io.Serializable} fails at the call with an {@link IllegalArgumentException}
 * naming the class. Results come back serialized; a result that cannot be fails that
 * task's result with a message naming the class, and the worker stays usable. A task's
 * exception arrives as its own class with the remote stack trace (the caller's stack is
 * attached as a suppressed exception); one that cannot be rebuilt arrives as
 * {@link RemoteException}. A worker that dies (crash, {@code kill -9},
 * {@code System.exit}, out of memory — workers run with {@code -XX:+ExitOnOutOfMemoryError})
 * fails exactly the task it was running with {@link ProcessDiedException} and is
 * replaced; tasks are never re-run. If workers cannot start (bad {@code jvmOptions},
 * an initializer that throws) the pool is broken:
 * {@link dev.pyconcurrent.futures.BrokenProcessPoolException} with the child's stderr
 * tail, for pending tasks and every later call.
 *
 * <p>{@code close()} (also the {@link AutoCloseable} one) waits for the outstanding
 * tasks and then lets the workers exit; Python's {@code with Pool()} terminates instead.
 *
 * <p>Every method that takes work ({@code apply*}, {@code map*}, {@code imap*},
 * {@code starmap*}, of any arity) throws, at the call:
 * <ul>
 *   <li>{@link IllegalStateException} ("Pool not running") once the pool is closed or
 *       terminated;</li>
 *   <li>{@link dev.pyconcurrent.futures.BrokenProcessPoolException} if the pool is broken
 *       (workers could not start);</li>
 *   <li>{@link IllegalArgumentException} if {@code chunksize < 1}, or if {@code fn} cannot be
 *       serialized, or an item (an element of an argument tuple) cannot be; {@code imap} and
 *       {@code imapUnordered} read their items lazily, so there such an item fails at
 *       {@code next()}.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 */
public class Pool implements AutoCloseable {
    private final PoolEngine<?> engine;

    /** Python {@code Pool()}: {@link Multiprocessing#cpuCount()} workers. */
    public Pool() {
        this(builder());
    }

    /**
     * Python {@code Pool(processes)}.
     *
     * @param processes number of workers
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public Pool(int processes) {
        this(builder().processes(processes));
    }

    private Pool(Builder b) {
        // first: the workers' JVMs boot while this JVM loads the pool's classes
        EarlySpawn early = EarlySpawn.start(b.processes, b.jvmOptions, b.initializer == null && b.maxTasksPerChild == 0);
        this.engine = PoolEngine.processes(b.processes, b.initializer, b.maxTasksPerChild, b.jvmOptions, early);
    }

    /**
     * Python: the keyword arguments of {@code Pool(processes=, initializer=, maxtasksperchild=)}.
     *
     * @return a builder for {@code processes}, {@code initializer}, {@code maxTasksPerChild}, {@code jvmOptions}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Pool}: Python's {@code Pool(processes, initializer, maxtasksperchild)} plus JVM options. */
    public static final class Builder {
        // Multiprocessing.cpuCount(), without loading that class before the pool's first JVM is spawned
        private int processes = Runtime.getRuntime().availableProcessors();
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private List<String> jvmOptions = List.of();

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
         * @param init run in each worker before its first task; if it throws, the pool is broken
         * @return this
         */
        public Builder initializer(SerializableRunnable init) {
            this.initializer = Objects.requireNonNull(init, "initializer");
            return this;
        }

        /**
         * Python: {@code maxtasksperchild=n}.
         *
         * @param n tasks a worker runs before it is replaced by a fresh one (&ge; 1)
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
         * Python has none: the JVM options of each worker process.
         *
         * @param options extra options for the workers' {@code java} command, e.g. {@code -Xmx256m}
         * @return this
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Returns the pool, its workers starting.
         *
         * @return the pool, its workers starting
         */
        public Pool build() {
            return new Pool(this);
        }
    }

    /**
     * Python {@code apply(fn)}: runs {@code fn} in a worker process and waits.
     * A failure of the task is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn  the task, run in a worker process (must be serializable)
     * @param <R> the result type
     * @return its result
     */
    public <R> R apply(SerializableCallable<R> fn) {
        return applyAsync(fn).get();
    }

    /**
     * Python {@code apply_async(fn)}: runs {@code fn} in a worker process without waiting.
     *
     * @param fn  the task, run in a worker process (must be serializable)
     * @param <R> the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn) {
        return engine.applyAsync(fn, null, null);
    }

    /**
     * Python {@code apply_async(fn, callback=cb)}; the callback runs on the pool's callback thread.
     *
     * @param fn       the task, run in a worker process (must be serializable)
     * @param callback called with the result on the pool's callback thread, may be {@code null}
     * @param <R>      the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback) {
        return engine.applyAsync(fn, callback, null);
    }

    /**
     * Python {@code apply_async(fn, callback=cb, error_callback=ecb)}.
     *
     * @param fn            the task, run in a worker process (must be serializable)
     * @param callback      called with the result on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the exception on the callback thread if the call fails, may be {@code null}
     * @param <R>           the result type
     * @return the pending result
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        return engine.applyAsync(fn, callback, errorCallback);
    }

    /**
     * Python {@code map(fn, items)}: applies {@code fn} to each item and waits; results in input order;
     * automatic chunk size. The first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn    the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the results, in input order
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return this.<R>mapAsync0(fn, items, 0, null, null).get();
    }

    /**
     * Python {@code map(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item in a worker process (must be serializable)
     * @param items     the input items (each must be serializable)
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the results, in input order
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                              int chunksize) {
        return this.<R>mapAsync0(fn, items, checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code map_async(fn, items)}: {@link #map} without waiting.
     *
     * @param fn    the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
                                                Iterable<? extends T> items) {
        return mapAsync0(fn, items, 0, null, null);
    }

    /**
     * Python {@code map_async(fn, items, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn            the function applied to each item in a worker process (must be serializable)
     * @param items         the input items (each must be serializable)
     * @param chunksize     items sent to a worker per task (&ge; 1)
     * @param callback      called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <T>           the item type
     * @param <R>           the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
                                                Iterable<? extends T> items, int chunksize,
                                                Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        return mapAsync0(fn, items, checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code map_async(fn, items, chunksize)}.
     *
     * @param fn the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize) {
        return mapAsync0(fn, items, checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code map_async(fn, items, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, Consumer<? super List<R>> callback) {
        return mapAsync0(fn, items, 0, callback, null);
    }

    /**
     * Python {@code map_async(fn, items, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <T> the item type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
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
     * @param fn    the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an {@link ImapIterator} over the results, in input order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return engine.imap(fn, items, 1, true);
    }

    /**
     * Python {@code imap(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item in a worker process (must be serializable)
     * @param items     the input items (each must be serializable)
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an {@link ImapIterator} over the results, in input order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   int chunksize) {
        return engine.imap(fn, items, chunksize, true);
    }

    /**
     * Python {@code imap_unordered(fn, items)}: lazy, in completion order.
     *
     * @param fn    the function applied to each item in a worker process (must be serializable)
     * @param items the input items (each must be serializable)
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an {@link ImapIterator} over the results, in completion order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
                                            Iterable<? extends T> items) {
        return engine.imap(fn, items, 1, false);
    }

    /**
     * Python {@code imap_unordered(fn, items, chunksize)}.
     *
     * @param fn        the function applied to each item in a worker process (must be serializable)
     * @param items     the input items (each must be serializable)
     * @param chunksize items sent to a worker per task (&ge; 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an {@link ImapIterator} over the results, in completion order; {@code next()} rethrows an item's failure
     */
    public <T, R> ImapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
                                            Iterable<? extends T> items, int chunksize) {
        return engine.imap(fn, items, chunksize, false);
    }

    /**
     * Python {@code starmap(fn, pairs)}: {@code fn(key, value)} for each entry, in order. Only each entry's key and
     * value are sent; automatic chunk size. The first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, pairs, chunksize)}.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, pairs)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, chunksize)}.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, pairs, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, pairs, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to each entry's key and value in a worker process (must be serializable)
     * @param pairs the input pairs (each key and value must be serializable): any {@link Map.Entry}, e.g. {@code
     *     Map.entry(a, b)} or {@code Tuple.of(a, b)}
     * @param chunksize pairs sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the key type
     * @param <B> the value type
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.pairs(pairs), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c)} for each tuple, in order; automatic chunk size. The first
     * failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, R> List<R> starmap(SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, R> List<R> starmap(SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 3-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c)} (each element must be serializable)
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param errorCallback called with the first exception on the callback thread if the map fails, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends Tuple3<? extends A, ? extends B, ? extends C>> args, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c, d)} for each tuple, in order; automatic chunk size. The
     * first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, R> List<R> starmap(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, R> List<R> starmap(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
     * @param chunksize argument tuples sent to a worker per task (&ge; 1)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
     * @param callback called with the result list on the pool's callback thread, may be {@code null}
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
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
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 4-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d)} (each element must be serializable)
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
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends Tuple4<? extends A, ? extends B, ? extends C, ? extends D>> args, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), callback, errorCallback);
    }

    /**
     * Python {@code starmap(fn, args)}: {@code fn(a, b, c, d, e)} for each tuple, in order; automatic chunk size. The
     * first failure is rethrown as by {@link AsyncResult#get()}.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the results, in input order
     */
    public <A, B, C, D, E, R> List<R> starmap(
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null).get();
    }

    /**
     * Python {@code starmap(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
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
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            int chunksize) {
        return this.<R>mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null).get();
    }

    /**
     * Python {@code starmap_async(fn, args)}: {@code starmap} without waiting.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @param <R> the result type
     * @return the pending list of results, in input order
     */
    public <A, B, C, D, E, R> AsyncResult<List<R>> starmapAsync(
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize)}.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
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
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            int chunksize) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), checkChunksize(chunksize), null, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
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
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            Consumer<? super List<R>> callback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, null);
    }

    /**
     * Python {@code starmap_async(fn, args, callback=cb, error_callback=ecb)}; automatic chunk size.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
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
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends Tuple5<? extends A, ? extends B, ? extends C, ? extends D, ? extends E>> args,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync0(Spread.of(fn), Spread.tuples(args), 0, callback, errorCallback);
    }

    /**
     * Python {@code starmap_async(fn, args, chunksize, callback, error_callback)}; callbacks may be {@code null}.
     *
     * @param fn the function applied to the elements of each 5-tuple in a worker process (must be serializable)
     * @param args the argument tuples, e.g. {@code Tuple.of(a, b, c, d, e)} (each element must be serializable)
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
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
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

    /** Python {@code terminate()}: kills the workers now; unfinished results fail with {@code CancellationException}. */
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
     * @return the number of worker processes
     */
    public int getProcesses() {
        return engine.size();
    }

    @Override
    public String toString() {
        return "<Pool processes=" + engine.size() + ">";
    }
}
