package dev.pyconcurrent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.cluster.internal.ClusterScheduler;
import dev.pyconcurrent.cluster.internal.Codec;
import dev.pyconcurrent.cluster.internal.TaskEnvelope;
import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.MapResult;
import dev.pyconcurrent.futures.internal.ExecutorServiceAdapter;
import dev.pyconcurrent.futures.internal.LazyMap;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An {@link Executor} whose workers are the members of a Hazelcast cluster: the
 * {@code concurrent.futures} API of {@link dev.pyconcurrent.futures.ProcessPoolExecutor}, scaled out to
 * other machines. Python has no equivalent in the standard library.
 *
 * <pre>{@code
 * try (ClusterExecutor pool = ClusterExecutor.embedded(config)) {   // was: new ProcessPoolExecutor()
 *     List<Boolean> primes = pool.map((Long n) -> isPrime(n), numbers).toList();
 * }
 * }</pre>
 *
 * <p>State machine (the executor's; its fields are guarded by the scheduler's lock):
 * <pre>
 *   OPEN --shutdown()--> SHUT_DOWN --no outstanding future--> RELEASING --instance released--> TERMINATED
 *   OPEN, SHUT_DOWN --the Hazelcast instance stops--> BROKEN (unfinished futures fail with
 *                                                      BrokenExecutorException; shutdown terminates at once)
 * </pre>
 * In SHUT_DOWN new work is refused with {@link IllegalStateException}
 * {@code ("cannot schedule new futures after shutdown")} and outstanding work still runs unless
 * {@code cancelFutures}. RELEASING shuts down the Hazelcast instance if this executor started it
 * ({@link #embedded()}); an instance the user passed in is left running. Each future goes
 * PENDING (queued here, cancellable) → RUNNING (sent to a member) → FINISHED, or PENDING → CANCELLED.
 *
 * <p>Tasks travel serialized (Java serialization, done here): the {@code Serializable*} overloads make
 * lambdas serializable; the {@link Executor} methods taking plain {@link Callable}, {@link Runnable},
 * {@link Function} or {@link BiFunction} work when the object is in fact {@link Serializable}; otherwise,
 * or when something it captures cannot be serialized, they fail at the call with
 * {@link IllegalArgumentException} naming the class. The classes of the tasks (and this library) must be
 * on every member's class path. A task's exception arrives as its own class with the remote stack trace
 * ({@link dev.pyconcurrent.multiprocessing.RemoteException} when it cannot be rebuilt here); a suppressed
 * exception names the member it ran on.
 *
 * <p>Scheduling: futures queue here and are sent to the cluster's data members (lite members and
 * clients never run tasks), at most {@code tasksPerMember} in flight on each, to the least loaded first.
 * {@code map} sends {@code chunksize} items per task (default 1, as Python's process pool; raise it for
 * many small items) and honours {@code timeout} (from the call, as Python) and {@code buffersize}
 * (counting chunks, as Python).
 *
 * <p>Failures: a member that leaves or dies while it runs a task fails that task's future with
 * {@link MemberLostException} naming the member's address and UUID (logged at WARN); the task is never
 * re-run and no caller waits forever; the other members go on. Opt-in {@link Builder#durable(boolean)
 * durable} mode uses Hazelcast's durable executor instead: a task whose member dies is run again by the
 * member that takes over its partition, so every task runs <em>at least once</em> (possibly twice) and
 * its future does not fail for a member loss.
 *
 * <p>Done-callbacks run on this executor's completion thread; a callback must not wait for another
 * future of this executor, nor call {@code shutdown(true)}.
 *
 * <p>JVM exit: an embedded Hazelcast member keeps the JVM alive until the executor is shut down (use
 * try-with-resources); with a user's instance, that instance's lifecycle decides.
 */
public class ClusterExecutor implements Executor {
    /** The name of the Hazelcast executor (and durable executor) used by default. */
    public static final String DEFAULT_EXECUTOR_NAME = "pyconcurrent";
    /** Tasks in flight per member when the executor's pool size cannot be read from the configuration. */
    public static final int DEFAULT_TASKS_PER_MEMBER = 16;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    // All fields are final and set in the constructor; the mutable state lives in the scheduler, guarded by its lock.
    /** The queue, the members' slots and the futures. */
    private final ClusterScheduler core;
    /** {@code ClusterExecutor-<n>}, naming threads and log lines. */
    private final String name;
    /** Whether tasks go to the durable executor. */
    private final boolean durable;
    /** Tasks in flight per data member. */
    private final int tasksPerMember;
    /** The {@link ExecutorService} view. */
    private final ExecutorService view;

    /**
     * Runs tasks on the cluster of a Hazelcast instance the caller owns (a member or a client); shutting
     * this executor down leaves the instance running.
     *
     * @param instance the instance
     */
    public ClusterExecutor(HazelcastInstance instance) {
        this(builder().instance(instance));
    }

    private ClusterExecutor(Builder b) {
        HazelcastInstance hz = b.instance;
        boolean owns = false;
        if (hz == null) {
            hz = b.config == null ? Hazelcast.newHazelcastInstance() : Hazelcast.newHazelcastInstance(b.config);
            owns = true;
        }
        this.name = "ClusterExecutor-" + COUNTER.getAndIncrement();
        this.durable = b.durable;
        this.tasksPerMember = b.tasksPerMember > 0 ? b.tasksPerMember
                : configuredPoolSize(hz, b.executorName, b.durable);
        try {
            this.core = new ClusterScheduler(hz, owns, b.durable, b.executorName, tasksPerMember, name);
        } catch (RuntimeException | Error e) {
            if (owns) {
                hz.shutdown();
            }
            throw e;
        }
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

    private static int configuredPoolSize(HazelcastInstance hz, String executorName, boolean durable) {
        try {
            Config c = hz.getConfig();
            return durable ? c.getDurableExecutorConfig(executorName).getPoolSize()
                    : c.getExecutorConfig(executorName).getPoolSize();
        } catch (RuntimeException clientInstance) {
            return DEFAULT_TASKS_PER_MEMBER;
        }
    }

    /**
     * Starts a Hazelcast member in this JVM from Hazelcast's default configuration lookup
     * ({@code hazelcast.xml}/{@code hazelcast.yaml} on the class path or named by the
     * {@code hazelcast.config} system property), which joins or forms a cluster; tasks run on every
     * data member, this one included. Shutting the executor down shuts the member down.
     *
     * @return the executor
     */
    public static ClusterExecutor embedded() {
        return builder().build();
    }

    /**
     * As {@link #embedded()}, from {@code config}. A lite member ({@code config.setLiteMember(true)})
     * only submits: its tasks run on the other members.
     *
     * @param config the member's configuration
     * @return the executor
     */
    public static ClusterExecutor embedded(Config config) {
        return builder().config(config).build();
    }

    /**
     * @return a builder: instance or config, durable mode, executor name, tasks per member
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClusterExecutor}. */
    public static final class Builder {
        private HazelcastInstance instance;
        private Config config;
        private boolean durable;
        private String executorName = DEFAULT_EXECUTOR_NAME;
        private int tasksPerMember;

        private Builder() {
        }

        /**
         * Use an instance the caller owns (member or client); it stays running after shutdown.
         *
         * @param hz the instance
         * @return this
         */
        public Builder instance(HazelcastInstance hz) {
            this.instance = Objects.requireNonNull(hz, "instance");
            this.config = null;
            return this;
        }

        /**
         * Start an embedded member from this configuration; the executor owns it.
         *
         * @param c the configuration
         * @return this
         */
        public Builder config(Config c) {
            this.config = Objects.requireNonNull(c, "config");
            this.instance = null;
            return this;
        }

        /**
         * At-least-once execution on Hazelcast's durable executor: a task whose member dies runs again
         * on the member that takes over (so it may run twice); without it (the default) such a task's
         * future fails with {@link MemberLostException} and it never runs twice.
         *
         * @param on whether to use the durable executor
         * @return this
         */
        public Builder durable(boolean on) {
            this.durable = on;
            return this;
        }

        /**
         * The name of the Hazelcast executor (or durable executor) to use; its configuration on the members
         * (pool size) applies. Default {@value ClusterExecutor#DEFAULT_EXECUTOR_NAME}.
         *
         * @param n the name
         * @return this
         */
        public Builder executorName(String n) {
            this.executorName = Objects.requireNonNull(n, "executorName");
            return this;
        }

        /**
         * Tasks sent to one member ahead of its results; the rest wait here, cancellable. Default: the pool
         * size of the executor in the local configuration (Hazelcast's default is 16), or
         * {@value ClusterExecutor#DEFAULT_TASKS_PER_MEMBER} for a client.
         *
         * @param n at least 1
         * @return this
         */
        public Builder tasksPerMember(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("tasks_per_member must be >= 1, got " + n);
            }
            this.tasksPerMember = n;
            return this;
        }

        /**
         * @return the executor (starting the embedded member if configured so)
         */
        public ClusterExecutor build() {
            return new ClusterExecutor(this);
        }
    }

    // ------------------------------------------------------------------ serializable overloads

    /**
     * Runs {@code fn} on a cluster member. Python: {@code submit(fn)}.
     *
     * @param fn  the task; it and what it captures must be serializable
     * @param <T> result type
     * @return its future
     */
    public <T> Future<T> submit(SerializableCallable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return core.submit(TaskEnvelope.call(Codec.encode(fn, "the task")), fn);
    }

    /**
     * Runs {@code fn} on a cluster member; the future's result is {@code null}. Python: {@code submit(fn)}.
     *
     * @param fn the task; it and what it captures must be serializable
     * @return its future
     */
    public Future<Void> submit(SerializableRunnable fn) {
        Objects.requireNonNull(fn, "fn");
        return core.submit(TaskEnvelope.call(Codec.encode(new RunnableCall(fn), "the task")), fn);
    }

    /**
     * Python: {@code map(fn, items)}: one item per task; results in input order.
     *
     * @param fn    the function, serialized once per call
     * @param items the inputs, each serializable
     * @param <T>   input type
     * @param <R>   result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, items, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn      the function, serialized once per call
     * @param items   the inputs, each serializable
     * @param options timeout, chunksize (items per task) and buffersize (chunks ahead of the consumer)
     * @param <T>     input type
     * @param <R>     result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        return map0(fn, items, options);
    }

    /**
     * Python: {@code map(fn, a, b)}: {@code fn(a[i], b[i])}, stopping at the shorter input.
     *
     * @param fn  the function, serialized once per call
     * @param a   first arguments
     * @param b   second arguments
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
        return core.submit(TaskEnvelope.call(Codec.encode(requireSerializable(fn, "SerializableCallable"),
                "the task")), fn);
    }

    /**
     * {@link Executor#submit(Runnable)}: {@code fn} must be {@link Serializable} (see the class comment).
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public Future<Void> submit(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        requireSerializable(fn, "SerializableRunnable");
        return core.submit(TaskEnvelope.call(Codec.encode(new RunnableCall(fn), "the task")), fn);
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
        return core.map(Codec.encode(fn, "the function"), false, items.iterator(), options.getChunksize(),
                options.getTimeoutNanos(), options.getBuffersize().orElse(0));
    }

    private <R> MapResult<R> map2(Object fn, Iterable<?> a, Iterable<?> b) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return core.map(Codec.encode(fn, "the function"), true, LazyMap.zip(a.iterator(), b.iterator()), 1,
                Long.MAX_VALUE, 0);
    }

    private static <F> F requireSerializable(F fn, String serializableType) {
        if (!(fn instanceof Serializable)) {
            throw new IllegalArgumentException(fn.getClass().getName() + " is not Serializable, so it cannot be sent"
                    + " to a cluster member: pass a dev.pyconcurrent.function." + serializableType
                    + " (a lambda whose target type is " + serializableType + " is serializable, e.g. cast it: ("
                    + serializableType + "<...>) x -> ...)");
        }
        return fn;
    }

    /** A {@link Runnable} task sent as a call returning {@code null}. */
    private record RunnableCall(Runnable task) implements Callable<Object>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object call() {
            task.run();
            return null;
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Python {@code shutdown()}: {@code shutdown(true, false)}. */
    @Override
    public void shutdown() {
        core.shutdown(true, false);
    }

    /** Python {@code shutdown(wait)}: {@code shutdown(wait, false)}. */
    @Override
    public void shutdown(boolean wait) {
        core.shutdown(wait, false);
    }

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}. With {@code wait}, returns once every outstanding
     * future is done and an embedded member has shut down. Calling it with {@code wait} from a
     * done-callback of this executor's futures would wait for itself: pass {@code wait = false} there.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(wait, cancelFutures);
    }

    /** Python's {@code with} exit: {@code shutdown(true)}. */
    @Override
    public void close() {
        core.shutdown(true, false);
    }

    /** The {@link ExecutorService} view of this executor. */
    @Override
    public ExecutorService asExecutorService() {
        return view;
    }

    /**
     * @return the data members tasks are sent to now
     */
    public List<Member> getMembers() {
        return core.members();
    }

    /**
     * @return the Hazelcast instance this executor submits through
     */
    public HazelcastInstance getHazelcastInstance() {
        return core.instance();
    }

    /**
     * @return whether tasks run on the durable executor (at least once)
     */
    public boolean isDurable() {
        return durable;
    }

    /**
     * @return tasks sent to one member ahead of its results
     */
    public int getTasksPerMember() {
        return tasksPerMember;
    }

    /** The name, member count and mode: {@code <ClusterExecutor-0 members=3 durable=false>}. */
    @Override
    public String toString() {
        return "<" + name + " members=" + core.members().size() + " durable=" + durable + ">";
    }
}
