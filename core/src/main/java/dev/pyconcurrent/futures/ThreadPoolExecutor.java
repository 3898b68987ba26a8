package dev.pyconcurrent.futures;

import dev.pyconcurrent.futures.internal.ThreadWorkers;
import dev.pyconcurrent.internal.ThreadFactories;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
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
 * <p>Virtual threads (JDK 21+, beyond Python): {@link #virtual()} and {@link #virtual(int)} make an
 * executor whose workers are virtual threads, for tasks that mostly wait (HTTP calls, sockets, sleeps,
 * blocking queues): {@code virtual()} starts a worker for every task that finds none idle, without a
 * cap, so ten thousand waiting tasks wait at the same time on a few carrier threads. Everything
 * else is as above (names, initializer, shutdown, JVM exit). For CPU-bound work they bring nothing:
 * use platform workers. On JDK 17 to 20 the factories throw {@link IllegalStateException} naming the
 * JDK needed. Pinning caveats: see the README ("Virtual threads").
 *
 * <p>Memory effects: actions before {@code submit} happen-before the task runs; the task's actions
 * happen-before a successful {@code result()} of its future.
 */
public class ThreadPoolExecutor extends AbstractExecutor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ThreadWorkers workers;
    private final boolean virtual;

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
        this(maxWorkers, threadNamePrefix, initializer, null);
    }

    private ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Runnable initializer, ThreadFactory factory) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        String prefix = threadNamePrefix == null || threadNamePrefix.isEmpty()
                ? "ThreadPoolExecutor-" + POOL_COUNTER.getAndIncrement() : threadNamePrefix;
        this.virtual = factory != null;
        this.workers = new ThreadWorkers(maxWorkers, prefix, initializer, true, factory);
    }

    /**
     * An executor whose workers are virtual threads, without a cap on their number: a task that finds
     * no idle worker gets a new one ({@link #getMaxWorkers()} is {@link Integer#MAX_VALUE}). Beyond
     * Python (its threads are OS threads); for I/O-bound tasks.
     *
     * @return the executor
     * @throws IllegalStateException on a JDK older than 21 (the message names the JDK needed)
     */
    public static ThreadPoolExecutor virtual() {
        return virtual(Integer.MAX_VALUE);
    }

    /**
     * An executor of at most {@code maxWorkers} virtual threads: tasks beyond them wait in the queue,
     * which also caps how many run at once (connections to one server, for instance).
     *
     * @param maxWorkers at least 1, else {@link IllegalArgumentException}{@code ("max_workers must be greater than 0")}
     * @return the executor
     * @throws IllegalStateException on a JDK older than 21 (the message names the JDK needed)
     */
    public static ThreadPoolExecutor virtual(int maxWorkers) {
        return virtual(maxWorkers, null, null);
    }

    /**
     * {@link #virtual(int)} with Python's {@code thread_name_prefix} and {@code initializer}.
     *
     * @param maxWorkers at least 1
     * @param threadNamePrefix worker names are {@code <prefix>_<n>}; null or empty: {@code ThreadPoolExecutor-<k>}
     * @param initializer run once at the start of each worker, or null; if it throws, the pool is broken
     * @return the executor
     * @throws IllegalStateException on a JDK older than 21 (the message names the JDK needed)
     */
    public static ThreadPoolExecutor virtual(int maxWorkers, String threadNamePrefix, Runnable initializer) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        return new ThreadPoolExecutor(maxWorkers, threadNamePrefix, initializer, ThreadFactories.virtualFactory());
    }

    /**
     * Whether the workers are virtual threads ({@link #virtual()}).
     *
     * @return whether the workers are virtual threads
     */
    public boolean isVirtual() {
        return virtual;
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
        int max = workers.maxWorkers();
        return "<ThreadPoolExecutor " + workers.namePrefix()
                + (virtual ? " virtual max_workers=" + (max == Integer.MAX_VALUE ? "unbounded" : max)
                        : " max_workers=" + max) + ">";
    }
}
