package dev.pyconcurrent.futures;

import dev.pyconcurrent.futures.internal.ThreadWorkers;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

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
public class ThreadPoolExecutor extends AbstractExecutor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ThreadWorkers workers;

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

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        workers.shutdown(wait, cancelFutures);
    }

    @Override
    protected List<Runnable> shutdownNow() {
        return workers.shutdownNow();
    }

    @Override
    protected boolean isShutdown() {
        return workers.isShutdown();
    }

    @Override
    protected boolean isTerminated() {
        return workers.isTerminated();
    }

    @Override
    protected boolean awaitTermination(long nanos) throws InterruptedException {
        return workers.awaitTermination(nanos);
    }

    /** The prefix and size: {@code <ThreadPoolExecutor prefix max_workers=n>}. */
    @Override
    public String toString() {
        return "<ThreadPoolExecutor " + workers.namePrefix() + " max_workers=" + workers.maxWorkers() + ">";
    }
}
