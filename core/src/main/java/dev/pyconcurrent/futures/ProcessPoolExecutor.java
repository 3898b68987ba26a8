package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.futures.internal.ExecutorServiceAdapter;
import dev.pyconcurrent.futures.internal.LazyMap;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.futures.internal.ProcessFutures;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An {@link Executor} whose workers are child JVMs. Python: {@code concurrent.futures.ProcessPoolExecutor}.
 *
 * <pre>{@code
 * try (ProcessPoolExecutor pool = new ProcessPoolExecutor(4)) {
 *     Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
 *     List<Boolean> primes = pool.map((Long n) -> isPrime(n), numbers, MapOptions.defaults().chunksize(8)).toList();
 * }
 * }</pre>
 *
 * <p>Tasks travel serialized. The {@code Serializable*} overloads make lambdas serializable; the
 * {@link Executor} methods taking plain {@link Callable}, {@link Runnable}, {@link Function} or
 * {@link BiFunction} work when the object is in fact {@link Serializable} (a class that implements it, or a
 * lambda cast to a {@code Serializable*} type); otherwise they fail at the call with an
 * {@link IllegalArgumentException} naming the class. Something a task captures that cannot be serialized
 * also fails at the call, naming its class. A task's exception arrives as its own class with the remote
 * stack trace ({@link dev.pyconcurrent.multiprocessing.RemoteException} when it cannot be rebuilt).
 *
 * <p>Lifecycle: OPEN → SHUT DOWN (new work refused with {@link IllegalStateException}
 * {@code ("cannot schedule new futures after shutdown")}; outstanding work still runs unless
 * {@code cancelFutures}; then the workers exit) → TERMINATED (every worker exited). The workers start
 * (in parallel) when the executor is created.
 *
 * <p>Failures, better than Python's all-or-nothing {@code BrokenProcessPool}: a worker that dies (crash,
 * {@code kill -9}, {@code System.exit}, out of memory) fails only the future it was running, with
 * {@link dev.pyconcurrent.multiprocessing.ProcessDiedException} naming its pid and exit code; a
 * replacement starts and every other future goes on. A task is never re-run. Only when workers cannot
 * start at all (bad {@code jvmOptions}, an initializer that throws) is the pool broken: pending and new
 * work fail with {@link BrokenProcessPoolException}, carrying the worker's stderr tail.
 *
 * <p>{@code map} sends {@code chunksize} items per message (default 1, as Python's
 * {@code ProcessPoolExecutor}; raise it for many small items) and honours {@code timeout} and
 * {@code buffersize} (which counts chunks, as in Python).
 *
 * <p>JVM exit, as in Python: a program that never shuts its executor down still exits once its tasks
 * are done; work that is queued or running keeps the JVM alive until it is done. Workers never outlive
 * the JVM.
 *
 * <p>Memory effects: actions before {@code submit} happen-before the task's serialization; the decoding
 * of the result happens-before a successful {@code result()}. The task itself runs in another JVM and
 * shares no memory with the caller.
 */
public class ProcessPoolExecutor implements Executor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ProcessFutures core;
    private final int maxWorkers;
    private final String name;
    private final ExecutorService view;

    /** {@code maxWorkers = cpuCount}. Python: {@code ProcessPoolExecutor()}. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * Python: {@code ProcessPoolExecutor(max_workers)}.
     *
     * @param maxWorkers at least 1, else {@link IllegalArgumentException}{@code ("max_workers must be greater than 0")}
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ProcessPoolExecutor(Builder b) {
        this.maxWorkers = b.maxWorkers;
        this.name = "ProcessPoolExecutor-" + POOL_COUNTER.getAndIncrement();
        this.core = new ProcessFutures(b.maxWorkers, b.initializer, b.maxTasksPerChild, b.jvmOptions, true, name);
        this.view = new ExecutorServiceAdapter(this, new ExecutorServiceAdapter.Lifecycle() {
            @Override
            public List<Runnable> shutdownNow() {
                return core.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return core.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return core.isTerminated();
            }

            @Override
            public boolean awaitTermination(long nanos) throws InterruptedException {
                return core.awaitTermination(nanos);
            }
        });
    }

    /**
     * Python: {@code ProcessPoolExecutor(max_workers=, initializer=, max_tasks_per_child=)}, plus JVM options.
     *
     * @return a builder with Python's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ProcessPoolExecutor}. Python: the constructor's keyword arguments. */
    public static final class Builder {
        private int maxWorkers = Multiprocessing.cpuCount();
        private int maxTasksPerChild;
        private SerializableRunnable initializer;
        private List<String> jvmOptions = List.of();

        private Builder() {
        }

        /**
         * Python: {@code max_workers=}.
         *
         * @param n number of worker processes, at least 1
         * @return this
         */
        public Builder maxWorkers(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("max_workers must be greater than 0");
            }
            this.maxWorkers = n;
            return this;
        }

        /**
         * Python: {@code max_tasks_per_child=}: a worker is replaced by a fresh JVM after this many tasks
         * (a {@code map} chunk counts as one task).
         *
         * @param n at least 1
         * @return this
         */
        public Builder maxTasksPerChild(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_tasks_per_child must be >= 1");
            }
            this.maxTasksPerChild = n;
            return this;
        }

        /**
         * Python: {@code initializer=}: runs in each worker before its first task; if it throws, the pool
         * is broken ({@link BrokenProcessPoolException}).
         *
         * @param init the initializer
         * @return this
         */
        public Builder initializer(SerializableRunnable init) {
            this.initializer = Objects.requireNonNull(init, "initializer");
            return this;
        }

        /**
         * Extra options for the workers' {@code java} command, e.g. {@code -Xmx256m}. No Python equivalent.
         *
         * @param options the options
         * @return this
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Builds the executor; its workers start at once.
         *
         * @return the executor, its workers starting
         */
        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }

    /**
     * Returns the number of worker processes. Python: {@code _max_workers}.
     *
     * @return the number of worker processes. Python: {@code _max_workers}.
     */
    public int getMaxWorkers() {
        return maxWorkers;
    }

    // ------------------------------------------------------------------ serializable overloads

    /**
     * Runs {@code fn} in a worker process. Python: {@code submit(fn)}.
     *
     * @param fn the task; it and what it captures must be serializable
     * @param <T> result type
     * @return its future
     */
    public <T> Future<T> submit(SerializableCallable<T> fn) {
        return core.submit(Objects.requireNonNull(fn, "fn"), fn);
    }

    /**
     * Runs {@code fn} in a worker process; the future's result is {@code null}. Python: {@code submit(fn)}.
     *
     * @param fn the task; it and what it captures must be serializable
     * @return its future
     */
    public Future<Void> submit(SerializableRunnable fn) {
        return core.submit((Runnable) Objects.requireNonNull(fn, "fn"));
    }

    /**
     * Python: {@code map(fn, items)}: one item per message; results in input order.
     *
     * @param fn the function, serialized once per call
     * @param items the inputs, each serializable
     * @param <T> input type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, items, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param items the inputs, each serializable
     * @param options timeout, chunksize (items per message) and buffersize (chunks ahead of the consumer)
     * @param <T> input type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        return map0(fn, items, options);
    }

    /**
     * Python: {@code map(fn, a, b)}: {@code fn(a[i], b[i])}, stopping at the shorter input.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, R> MapResult<R> map(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b) {
        return map2(fn, a, b);
    }

    // ------------------------------------------------------------------ Executor

    /**
     * {@link Executor#submit(Callable)}: {@code fn} must be {@link Serializable} (see the class comment).
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <T> Future<T> submit(Callable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return core.submit(requireSerializable(fn, "SerializableCallable"), fn);
    }

    /**
     * {@link Executor#submit(Runnable)}: {@code fn} must be {@link Serializable} (see the class comment).
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public Future<Void> submit(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        return core.submit(requireSerializable(fn, "SerializableRunnable"));
    }

    /** {@code submit(command)}, ignoring the future. From {@link java.util.concurrent.Executor}. */
    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    /** {@link Executor#map(Function, Iterable)}: {@code fn} must be {@link Serializable}. */
    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /** {@link Executor#map(Function, Iterable, MapOptions)}: {@code fn} must be {@link Serializable}. */
    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return map0(requireSerializable(fn, "SerializableFunction"), items, options);
    }

    /** {@link Executor#map(BiFunction, Iterable, Iterable)}: {@code fn} must be {@link Serializable}. */
    @Override
    public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b) {
        Objects.requireNonNull(fn, "fn");
        return map2(requireSerializable(fn, "SerializableBiFunction"), a, b);
    }

    private <R> MapResult<R> map0(Object fn, Iterable<?> items, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        return core.map(fn, false, items.iterator(), options.getChunksize(), options.getTimeoutNanos(),
                options.getBuffersize().orElse(0));
    }

    private <R> MapResult<R> map2(Object fn, Iterable<?> a, Iterable<?> b) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return core.map(fn, true, LazyMap.zip(a.iterator(), b.iterator()), 1, Long.MAX_VALUE, 0);
    }

    private static <F> F requireSerializable(F fn, String serializableType) {
        if (!(fn instanceof Serializable)) {
            throw new IllegalArgumentException(fn.getClass().getName() + " is not Serializable, so it cannot be sent"
                    + " to a worker process: pass a dev.pyconcurrent.function." + serializableType
                    + " (a lambda whose target type is " + serializableType + " is serializable, e.g. cast it: ("
                    + serializableType + "<...>) x -> ...)");
        }
        return fn;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void shutdown() {
        core.shutdown(true, false);
    }

    @Override
    public void shutdown(boolean wait) {
        core.shutdown(wait, false);
    }

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}. With {@code wait}, returns once every outstanding
     * future is done and every worker process exited. Calling it with {@code wait} from a done-callback
     * of this executor's futures would wait for itself: pass {@code wait = false} there.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(wait, cancelFutures);
    }

    @Override
    public void close() {
        core.shutdown(true, false);
    }

    @Override
    public ExecutorService asExecutorService() {
        return view;
    }

    /**
     * Returns the number of worker processes not yet exited.
     *
     * @return the number of worker processes not yet exited
     */
    public int getLiveWorkers() {
        return core.liveWorkers();
    }

    /** The name and size: {@code <ProcessPoolExecutor-0 max_workers=4>}. */
    @Override
    public String toString() {
        return "<" + name + " max_workers=" + maxWorkers + ">";
    }
}
