package dev.pyconcurrent.futures;

import dev.pyconcurrent.futures.internal.ExecutorServiceAdapter;
import dev.pyconcurrent.futures.internal.LazyMap;
import dev.pyconcurrent.futures.internal.ThreadWorkers;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An {@link Executor} running tasks on a pool of threads. Python: {@code concurrent.futures.ThreadPoolExecutor}.
 *
 * <pre>{@code
 * try (ThreadPoolExecutor pool = new ThreadPoolExecutor(20)) {
 *     List<Integer> squares = pool.map((Integer x) -> x * x, List.of(1, 2, 3)).toList();
 *     Future<String> f = pool.submit(() -> "done");
 * }
 * }</pre>
 *
 * <p>Lifecycle: OPEN → SHUT DOWN (new work refused with {@link IllegalStateException}
 * {@code ("cannot schedule new futures after shutdown")}; queued work still runs unless
 * {@code cancelFutures}) → TERMINATED (every worker exited). If the initializer throws in any worker,
 * the pool is BROKEN: pending work fails and new work is refused with {@link BrokenThreadPoolException}.
 *
 * <p>Workers: threads named {@code <prefix>_<n>} (default prefix {@code ThreadPoolExecutor-<k>}, k counting
 * pools), started on demand when no worker is idle, up to {@code maxWorkers}, reused until shutdown; the
 * initializer runs once at the start of each.
 *
 * <p>JVM exit, as in Python: a program that never shuts its pool down still exits once its tasks are done
 * (workers are daemon threads), and work that is queued or running keeps the JVM alive until it is done
 * (a non-daemon keep-alive thread exists only while there is such work; it notices the end of the work
 * within about 50 ms).
 *
 * <p>Memory effects: actions before {@code submit} happen-before the task runs; the task's actions
 * happen-before a successful {@code result()} of its future.
 */
public class ThreadPoolExecutor implements Executor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ThreadWorkers workers;
    private final ExecutorService view;

    /** {@code maxWorkers = min(32, cpuCount + 4)}. Python: {@code ThreadPoolExecutor()}. */
    public ThreadPoolExecutor() {
        this(defaultMaxWorkers());
    }

    /**
     * Python: {@code ThreadPoolExecutor(max_workers)}.
     *
     * @param maxWorkers at least 1, else {@link IllegalArgumentException}{@code ("max_workers must be greater than 0")}
     */
    public ThreadPoolExecutor(int maxWorkers) {
        this(maxWorkers, null, null);
    }

    /**
     * Python: {@code ThreadPoolExecutor(max_workers, thread_name_prefix)}.
     *
     * @param maxWorkers at least 1
     * @param threadNamePrefix worker names are {@code <prefix>_<n>}; null or empty: {@code ThreadPoolExecutor-<k>}
     */
    public ThreadPoolExecutor(int maxWorkers, String threadNamePrefix) {
        this(maxWorkers, threadNamePrefix, null);
    }

    /**
     * Python: {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer)}.
     *
     * @param maxWorkers at least 1
     * @param threadNamePrefix worker names are {@code <prefix>_<n>}; null or empty: {@code ThreadPoolExecutor-<k>}
     * @param initializer run once at the start of each worker, or null; if it throws, the pool is broken
     */
    public ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Runnable initializer) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        String prefix = threadNamePrefix == null || threadNamePrefix.isEmpty()
                ? "ThreadPoolExecutor-" + POOL_COUNTER.getAndIncrement() : threadNamePrefix;
        this.workers = new ThreadWorkers(maxWorkers, prefix, initializer, true);
        this.view = new ExecutorServiceAdapter(this, new ExecutorServiceAdapter.Lifecycle() {
            @Override
            public List<Runnable> shutdownNow() {
                return workers.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return workers.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return workers.isTerminated();
            }

            @Override
            public boolean awaitTermination(long nanos) throws InterruptedException {
                return workers.awaitTermination(nanos);
            }
        });
    }

    private static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /**
     * Returns the maximum number of worker threads. Python: {@code _max_workers}.
     *
     * @return the maximum number of worker threads. Python: {@code _max_workers}.
     */
    public int getMaxWorkers() {
        return workers.maxWorkers();
    }

    /**
     * Returns the worker thread name prefix. Python: {@code _thread_name_prefix}.
     *
     * @return the worker thread name prefix. Python: {@code _thread_name_prefix}.
     */
    public String getThreadNamePrefix() {
        return workers.namePrefix();
    }

    @Override
    public <T> Future<T> submit(Callable<T> fn) {
        return workers.submit(fn);
    }

    @Override
    public Future<Void> submit(Runnable fn) {
        return workers.submit(fn);
    }

    /** {@code submit(command)}, ignoring the future. From {@link java.util.concurrent.Executor}. */
    @Override
    public void execute(Runnable command) {
        workers.submit(command);
    }

    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /** Python: {@code map(fn, items, timeout=, buffersize=)}; {@code chunksize} is ignored by thread pools. */
    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        return LazyMap.<T, R>start(items.iterator(), x -> workers.submit(() -> fn.apply(x)),
                options.getTimeoutNanos(), options.getBuffersize().orElse(0));
    }

    @Override
    public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b) {
        Objects.requireNonNull(fn, "fn");
        return LazyMap.start(LazyMap.zip(a.iterator(), b.iterator()),
                p -> workers.submit(() -> fn.apply(p.getKey(), p.getValue())), Long.MAX_VALUE, 0);
    }

    @Override
    public void shutdown() {
        workers.shutdown(true, false);
    }

    @Override
    public void shutdown(boolean wait) {
        workers.shutdown(wait, false);
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        workers.shutdown(wait, cancelFutures);
    }

    @Override
    public void close() {
        workers.shutdown(true, false);
    }

    @Override
    public ExecutorService asExecutorService() {
        return view;
    }

    /** The prefix and size: {@code <ThreadPoolExecutor prefix max_workers=n>}. */
    @Override
    public String toString() {
        return "<ThreadPoolExecutor " + workers.namePrefix() + " max_workers=" + workers.maxWorkers() + ">";
    }
}
