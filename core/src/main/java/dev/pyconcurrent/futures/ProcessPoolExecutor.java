package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.futures.internal.ProcessFutures;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

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
 * {@link Executor} methods taking plain {@link Callable}, {@link Runnable}, {@link java.util.function.Function} or
 * {@link java.util.function.BiFunction} work when the object is in fact {@link java.io.Serializable} (a class that implements it, or a
 * lambda cast to a {@code Serializable*} type); otherwise they fail at the call with an
 * {@link IllegalArgumentException} naming the class. Something a task captures that cannot be serialized
 * also fails at the call, naming its class. A task's exception arrives as its own class with the remote
 * stack trace ({@link dev.pyconcurrent.multiprocessing.RemoteException} when it cannot be rebuilt).
 *
 * <p>Lifecycle: OPEN → SHUT DOWN (new work refused with {@link IllegalStateException}
 * {@code ("cannot schedule new futures after shutdown")}; outstanding work still runs unless
 * {@code cancelFutures}; then the workers exit) → TERMINATED (every worker exited). The workers start
 * (in parallel) when the executor is created. {@link #terminateWorkers()} and {@link #killWorkers()}
 * (Python 3.14) shut down and end the workers at once, failing the running tasks; so does the
 * {@code shutdownNow()} of {@link #asExecutorService()}.
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
public class ProcessPoolExecutor extends SerializingExecutor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ProcessFutures core;
    private final int maxWorkers;
    private final String name;

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
        super("a worker process");
        this.maxWorkers = b.maxWorkers;
        this.name = "ProcessPoolExecutor-" + POOL_COUNTER.getAndIncrement();
        this.core = new ProcessFutures(b.maxWorkers, b.initializer, b.maxTasksPerChild, b.jvmOptions, true, name);
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
        // Multiprocessing.cpuCount(), without loading that class before the executor's first JVM is spawned
        private int maxWorkers = Runtime.getRuntime().availableProcessors();
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

    // ------------------------------------------------------------------ what SerializingExecutor asks for

    @Override
    protected <T> Future<T> submitTask(Callable<T> task, Object original) {
        return core.submit(task, original);
    }

    @Override
    protected Object prepareFunction(Object fn) {
        return core.prepareFunction(fn);
    }

    @Override
    protected <R> Future<List<R>> submitChunk(Object preparedFn, List<?> items) {
        return core.submitChunk(preparedFn, items);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}. With {@code wait}, returns once every outstanding
     * future is done and every worker process exited. Calling it with {@code wait} from a done-callback
     * of this executor's futures would wait for itself: pass {@code wait = false} there.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(wait, cancelFutures);
    }

    /**
     * Python 3.14 {@code terminate_workers()}: shuts the executor down (as {@code shutdown(false, true)}:
     * futures not started are cancelled) and sends SIGTERM to every worker process, then SIGKILL to any
     * still alive 3 seconds later. The futures of the tasks the workers were running fail with
     * {@link BrokenProcessPoolException} ("... terminated by terminateWorkers() ..."). Returns at once;
     * every future is done by then, and {@link #close()} then returns once the workers have exited. Meant
     * for an executor being shut down whose tasks must not run to their end (a task that never returns).
     */
    public void terminateWorkers() {
        core.terminateWorkers(false);
    }

    /**
     * Python 3.14 {@code kill_workers()}: as {@link #terminateWorkers()}, with SIGKILL at once. The futures
     * of running tasks fail with {@link BrokenProcessPoolException} ("... killed by killWorkers() ...").
     */
    public void killWorkers() {
        core.terminateWorkers(true);
    }

    /**
     * {@code ExecutorService.shutdownNow()}: cancels what has not started (and returns it) and stops what
     * runs as {@link #terminateWorkers()} does, the process counterpart of interrupting it: those futures
     * fail with {@link BrokenProcessPoolException}.
     */
    @Override
    protected List<Runnable> shutdownNow() {
        return core.shutdownNow();
    }

    @Override
    protected boolean isShutdown() {
        return core.isShutdown();
    }

    @Override
    protected boolean isTerminated() {
        return core.isTerminated();
    }

    @Override
    protected boolean awaitTermination(long nanos) throws InterruptedException {
        return core.awaitTermination(nanos);
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
