package dev.pyconcurrent;

import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.futures.internal.LazyMap;
import dev.pyconcurrent.futures.internal.ProcessFutures;
import dev.pyconcurrent.futures.internal.ThreadWorkers;
import dev.pyconcurrent.internal.ThreadFactories;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One-liner parallel maps on shared pools. Python: {@code with ThreadPoolExecutor() as ex: list(ex.map(fn, items))}.
 *
 * <p>{@code map} runs on a shared thread pool of {@code cpuCount()} workers, created on first use; with an
 * explicit worker count other than that, on a pool of that size created for the call and shut down after it.
 * Results come back in input order; the first failure in input order is rethrown (as
 * {@link dev.pyconcurrent.futures.Future#result()} does) after cancelling the items that have not started.
 * The shared pool's workers are daemon threads: it never keeps the JVM alive. A {@code map} called from
 * inside a task of the shared pool runs in the calling thread (waiting for the pool's own queue from one
 * of its workers could deadlock).
 *
 * <p>{@code processMap} is the same on child JVMs. Python: {@code with Pool() as p: p.map(fn, items)}. It runs
 * on a shared process pool of {@code cpuCount()} workers, started on first use; with an explicit process count
 * other than that, on a pool of that size started for the call and shut down (waiting for its workers to
 * exit) after it. Items go in chunks of Python's automatic {@code Pool.map} size,
 * {@code ceil(n / (4 * processes))}. The shared process pool never keeps the JVM alive and its workers end
 * with the JVM.
 *
 * <p>{@code ioMap} (JDK 21+, beyond Python) is {@code map} for functions that mostly wait (downloads,
 * remote calls, sleeps): every item runs at once on its own virtual thread (or at most
 * {@code maxConcurrency} at a time), on a pool made for the call and shut down after it. Same order,
 * failure and cancellation rules as {@code map}. On JDK 17 to 20 it throws
 * {@link IllegalStateException} naming the JDK needed. CPU-bound functions belong in {@code map}.
 */
public final class Pools {
    private static volatile ThreadWorkers shared;   // created once, never shut down
    private static volatile ProcessFutures sharedProcesses;   // created once, never shut down

    private Pools() {
    }

    /**
     * Applies {@code fn} to every item in parallel on the shared thread pool. Python:
     * {@code list(ThreadPoolExecutor().map(fn, items))}.
     *
     * @param fn the function
     * @param items the inputs
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    public static <T, R> List<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        ThreadWorkers pool = sharedPool();
        if (pool.isWorkerThread()) {
            return sequential(fn, items);
        }
        return run(pool, fn, items);
    }

    /**
     * Applies {@code fn} to every item in parallel on {@code workers} threads. Python:
     * {@code list(ThreadPoolExecutor(workers).map(fn, items))}.
     *
     * @param fn the function
     * @param items the inputs
     * @param workers the number of threads, at least 1 (else {@link IllegalArgumentException})
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    public static <T, R> List<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items, int workers) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (workers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        if (workers == cpuCount()) {
            return map(fn, items);
        }
        ThreadWorkers pool = new ThreadWorkers(workers, "Pools.map-" + workers, null, false);
        try {
            return run(pool, fn, items);
        } finally {
            pool.shutdown(false, true);
        }
    }

    /**
     * Applies {@code fn} to every item, each on its own virtual thread, all at once: for functions
     * that mostly wait. Python: {@code list(ThreadPoolExecutor(len(items)).map(fn, items))}, without the
     * cost of that many OS threads.
     *
     * @param fn the function
     * @param items the inputs
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     * @throws IllegalStateException on a JDK older than 21 (the message names the JDK needed)
     */
    public static <T, R> List<R> ioMap(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return ioMap(fn, items, Integer.MAX_VALUE);
    }

    /**
     * Applies {@code fn} to every item on at most {@code maxConcurrency} virtual threads: the rest
     * wait their turn (a cap on open connections, for instance).
     *
     * @param fn the function
     * @param items the inputs
     * @param maxConcurrency how many items run at once, at least 1 (else {@link IllegalArgumentException})
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     * @throws IllegalStateException on a JDK older than 21 (the message names the JDK needed)
     */
    public static <T, R> List<R> ioMap(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                       int maxConcurrency) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (maxConcurrency <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        ThreadWorkers pool = new ThreadWorkers(maxConcurrency, "Pools.ioMap", null, false,
                ThreadFactories.virtualFactory());
        try {
            return run(pool, fn, items);
        } finally {
            pool.shutdown(false, true);
        }
    }

    private static <T, R> List<R> run(ThreadWorkers pool, Function<? super T, ? extends R> fn,
                                      Iterable<? extends T> items) {
        // LazyMap cancels every not-yet-returned future when one fails
        return LazyMap.<T, R>start(items.iterator(), x -> pool.submit(() -> fn.apply(x)), Long.MAX_VALUE, 0)
                .toList();
    }

    private static <T, R> List<R> sequential(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        List<R> out = new ArrayList<>();
        for (T item : items) {
            out.add(fn.apply(item));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static ThreadWorkers sharedPool() {
        ThreadWorkers p = shared;
        if (p == null) {
            synchronized (Pools.class) {
                p = shared;
                if (p == null) {
                    p = new ThreadWorkers(cpuCount(), "Pools.map", null, false);
                    shared = p;
                }
            }
        }
        return p;
    }

    /**
     * Applies {@code fn} to every item in child JVMs, on the shared process pool. Python:
     * {@code multiprocessing.Pool().map(fn, items)}.
     *
     * @param fn the function; it and what it captures must be serializable (else {@link IllegalArgumentException})
     * @param items the inputs, each serializable
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    public static <T, R> List<R> processMap(SerializableFunction<? super T, ? extends R> fn,
                                            Iterable<? extends T> items) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        return runProcesses(sharedProcessPool(), fn, items);
    }

    /**
     * Applies {@code fn} to every item in {@code processes} child JVMs. Python:
     * {@code multiprocessing.Pool(processes).map(fn, items)}.
     *
     * @param fn the function; it and what it captures must be serializable (else {@link IllegalArgumentException})
     * @param items the inputs, each serializable
     * @param processes the number of worker processes, at least 1 (else {@link IllegalArgumentException})
     * @param <T> input type
     * @param <R> result type
     * @return the results, in input order
     */
    public static <T, R> List<R> processMap(SerializableFunction<? super T, ? extends R> fn,
                                            Iterable<? extends T> items, int processes) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (processes <= 0) {
            throw new IllegalArgumentException("Number of processes must be at least 1");
        }
        if (processes == cpuCount()) {
            return processMap(fn, items);
        }
        ProcessFutures pool = new ProcessFutures(processes, null, 0, List.of(), false, "Pools.processMap");
        try {
            return runProcesses(pool, fn, items);
        } finally {
            pool.shutdown(true, true);
        }
    }

    private static <T, R> List<R> runProcesses(ProcessFutures pool, SerializableFunction<? super T, ? extends R> fn,
                                               Iterable<? extends T> items) {
        List<T> all = new ArrayList<>();
        for (T item : items) {
            all.add(item);
        }
        if (all.isEmpty()) {
            return List.of();
        }
        // LazyMap cancels every chunk not yet returned when one fails
        Object prepared = pool.prepareFunction(fn);
        return LazyMap.<T, R>startChunked(all.iterator(), pool.defaultChunksize(all.size()),
                chunk -> pool.submitChunk(prepared, chunk), Long.MAX_VALUE, 0).toList();
    }

    /** Shuts the shared process pool down (waiting for its workers to exit); the next processMap starts a new one. */
    static void resetSharedProcessPool() {
        ProcessFutures p;
        synchronized (Pools.class) {
            p = sharedProcesses;
            sharedProcesses = null;
        }
        if (p != null) {
            p.shutdown(true, true);
        }
    }

    private static ProcessFutures sharedProcessPool() {
        ProcessFutures p = sharedProcesses;
        if (p == null) {
            synchronized (Pools.class) {
                p = sharedProcesses;
                if (p == null) {
                    p = new ProcessFutures(cpuCount(), null, 0, List.of(), false, "Pools.processMap");
                    sharedProcesses = p;
                }
            }
        }
        return p;
    }
}
