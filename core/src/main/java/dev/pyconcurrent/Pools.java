package dev.pyconcurrent;

import dev.pyconcurrent.internal.LazyMap;
import dev.pyconcurrent.internal.ThreadWorkers;

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
 */
public final class Pools {
    private static volatile ThreadWorkers shared;   // created once, never shut down

    private Pools() {
    }

    /**
     * Applies {@code fn} to every item in parallel on the shared thread pool.
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
     * Applies {@code fn} to every item in parallel on {@code workers} threads.
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
}
