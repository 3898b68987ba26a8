package dev.pyconcurrent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.cluster.internal.ClusterScheduler;
import dev.pyconcurrent.cluster.internal.TaskEnvelope;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.SerializingExecutor;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link dev.pyconcurrent.futures.Executor} whose workers are the members of a Hazelcast cluster: the
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
 * lambdas serializable; the {@link dev.pyconcurrent.futures.Executor} methods taking plain {@link Callable}, {@link Runnable},
 * {@link java.util.function.Function} or {@link java.util.function.BiFunction} work when the object is in fact {@link java.io.Serializable}; otherwise,
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
public class ClusterExecutor extends SerializingExecutor {
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
        super("a cluster member");
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

    // ------------------------------------------------------------------ what SerializingExecutor asks for

    @Override
    protected <T> Future<T> submitTask(Callable<T> task, Object original) {
        return core.submit(TaskEnvelope.call(encode(task, "the task")), original);
    }

    @Override
    protected Object prepareFunction(Object fn) {
        return encode(fn, "the function");
    }

    @Override
    protected <R> Future<List<R>> submitChunk(Object preparedFn, List<?> items) {
        try {
            return core.submitChunk((byte[]) preparedFn, items);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an item of the map cannot be sent to a cluster member: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] encode(Object o, String what) {
        try {
            return TaskEnvelope.CODEC.encode(o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be sent to a cluster member: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}. With {@code wait}, returns once every outstanding
     * future is done; an instance this executor started is shut down too.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(wait, cancelFutures);
    }

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
     * @return the data members tasks are sent to now
     */
    public List<Member> getMembers() {
        return core.members();
    }

    /**
     * Waits until tasks are sent to at least {@code n} data members, the instance stops, or
     * {@code nanos} pass.
     *
     * @return whether {@code n} data members are known
     */
    boolean awaitMembers(int n, long nanos) throws InterruptedException {
        return core.awaitMembers(n, nanos);
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
