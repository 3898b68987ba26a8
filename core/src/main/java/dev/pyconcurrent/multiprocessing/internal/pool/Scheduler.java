package dev.pyconcurrent.multiprocessing.internal.pool;


import dev.pyconcurrent.internal.Interrupts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduling core shared by process pools and thread pools: a queue of jobs and
 * a set of workers, each running at most one job at a time. What a worker is (a child
 * JVM, a thread) is the {@link Backend}'s business.
 *
 * <p>Pool states:
 * <pre>
 *   RUNNING --close()--> CLOSED --terminate()--> TERMINATED
 *   RUNNING --terminate()--> TERMINATED
 *   RUNNING/CLOSED --a worker fails to start--> BROKEN
 * </pre>
 * RUNNING keeps {@code size} workers alive, replacing any that die or retire. CLOSED
 * refuses new jobs, finishes the queued ones (replacing dead workers while jobs remain)
 * and retires every worker once nothing is queued or running. TERMINATED fails queued and
 * running jobs with {@link CancellationException} and kills the workers. BROKEN fails
 * them with the backend's broken-pool exception and kills the workers; submitting then
 * throws it.
 *
 * <p>Worker states: STARTING --ready--> IDLE &lt;--&gt; BUSY; IDLE --retire--> RETIRING;
 * any --exit--> gone. A worker dying while BUSY fails exactly its job with the
 * death exception its backend built; a job is never re-run. A worker that reaches
 * {@code maxTasksPerChild} jobs retires and a replacement starts.
 *
 * <p>Locking: one lock guards every field below; worker operations (start, run,
 * shutdown, kill) and job completions run outside it, collected as actions.
 *
 * @param <P> the payload a worker runs
 */
public final class Scheduler<P> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scheduler.class);

    /** One worker; every method is called outside the scheduler lock. */
    public interface Worker<P> {
        /** Starts it; it then calls {@link #onReady} or {@link #onExit}. */
        void start();

        /** Runs one job; the outcome comes back through {@link #onDone} or {@link #onExit}. */
        void run(Job<P> job);

        /** Asks it to exit once idle (it then calls {@link #onExit}). */
        void shutdown();

        /** Ends it now (it then calls {@link #onExit}). */
        void kill();
    }

    /** Makes workers and the exception of a broken pool. */
    public interface Backend<P> {
        /** A new, not yet started worker number {@code index}. */
        Worker<P> create(Scheduler<P> scheduler, int index);

        /** The exception of a broken pool (BrokenProcessPool / BrokenThreadPool). */
        RuntimeException broken(String message, Throwable cause);
    }

    /** Where a job's outcome goes; called at most once, outside the scheduler lock. */
    public interface Sink {
        /** The job's result. */
        void complete(Object value);

        /** The job's failure. */
        void fail(Throwable failure);

        /**
         * Called under the scheduler lock just before the job goes to a worker; a job whose sink
         * answers false (it was cancelled) is dropped and never runs. Must be quick and must not
         * call back into the scheduler.
         *
         * @return whether the job should run
         */
        default boolean start() {
            return true;
        }
    }

    /** A unit of work: a payload and the sink of its outcome. Settles once. */
    public static final class Job<P> {
        private static final AtomicLong IDS = new AtomicLong();
        final long id = IDS.incrementAndGet();
        final P payload;
        private final Sink sink;
        private final AtomicBoolean settled = new AtomicBoolean();

        /** @param payload what the worker runs
         *  @param sink where the outcome goes */
        public Job(P payload, Sink sink) {
            this.payload = payload;
            this.sink = sink;
        }

        /**
         * @return the job's id, unique in this JVM
         */
        public long id() {
            return id;
        }

        /**
         * @return what the worker runs
         */
        public P payload() {
            return payload;
        }

        void complete(Object value) {
            if (settled.compareAndSet(false, true)) {
                sink.complete(value);
            }
        }

        void fail(Throwable t) {
            if (settled.compareAndSet(false, true)) {
                sink.fail(t);
            }
        }

        boolean start() {
            return sink.start();
        }
    }

    private enum State { RUNNING, CLOSED, TERMINATED, BROKEN }

    private final Backend<P> backend;
    private final String label;
    private final int size;
    private final int maxTasksPerChild;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private State state = State.RUNNING;                              // guarded by lock
    private RuntimeException brokenCause;                             // guarded by lock
    private final ArrayDeque<Job<P>> pending = new ArrayDeque<>();    // guarded by lock
    private final Set<Worker<P>> live = new LinkedHashSet<>();        // guarded by lock; not yet exited
    private final Set<Worker<P>> starting = new HashSet<>();          // guarded by lock
    private final ArrayDeque<Worker<P>> idle = new ArrayDeque<>();    // guarded by lock
    private final Map<Worker<P>, Job<P>> busy = new HashMap<>();      // guarded by lock
    private final Set<Worker<P>> retiring = new HashSet<>();          // guarded by lock
    private final Map<Worker<P>, Integer> tasksRun = new HashMap<>(); // guarded by lock
    private int nextIndex = 1;                                        // guarded by lock
    private boolean stopLogged;                                       // guarded by lock

    /**
     * @param backend          makes workers
     * @param size             number of workers
     * @param maxTasksPerChild jobs per worker before it is replaced; 0 = unlimited
     */
    public Scheduler(Backend<P> backend, int size, int maxTasksPerChild) {
        this(backend, size, maxTasksPerChild, "pool");
    }

    /**
     * @param backend          makes workers
     * @param size             number of workers
     * @param maxTasksPerChild jobs per worker before it is replaced; 0 = unlimited
     * @param label            names the pool in log messages, e.g. {@code Pool-3}
     */
    public Scheduler(Backend<P> backend, int size, int maxTasksPerChild, String label) {
        this.backend = backend;
        this.label = label;
        this.size = size;
        this.maxTasksPerChild = maxTasksPerChild;
        LOG.debug("{}: starting {} workers (maxTasksPerChild {})", label, size, maxTasksPerChild);
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            maintain(actions);
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * @return the number of workers
     */
    public int size() {
        return size;
    }

    /**
     * Queues jobs.
     *
     * @param allowWhenClosed true for the continuation of work accepted before {@code close()}
     * @throws IllegalStateException after close or terminate
     * @throws RuntimeException      the broken-pool exception when the pool is broken
     */
    public void submit(List<Job<P>> jobs, boolean allowWhenClosed) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.BROKEN) {
                throw backend.broken(brokenCause.getMessage(), brokenCause);
            }
            if (state == State.TERMINATED || (state == State.CLOSED && !allowWhenClosed)) {
                throw new IllegalStateException("Pool not running");
            }
            pending.addAll(jobs);
            dispatch(actions);
            maintain(actions);
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /** A worker finished starting and can take jobs. */
    public void onReady(Worker<P> w) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (!starting.remove(w)) {
                return;
            }
            if (state == State.TERMINATED || state == State.BROKEN) {
                actions.add(w::kill);
            } else {
                idle.add(w);
                dispatch(actions);
                maintain(actions);
            }
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * A worker finished its job. The job is settled before the worker counts as idle, so
     * once {@link #close()} returns every job's outcome is set.
     */
    public void onDone(Worker<P> w, long jobId, Object value, Throwable failure) {
        Job<P> job;
        lock.lock();
        try {
            job = busy.get(w);
        } finally {
            lock.unlock();
        }
        if (job == null || job.id != jobId) {
            return;   // already failed by terminate()
        }
        if (failure == null) {
            job.complete(value);
        } else {
            job.fail(failure);
        }
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (busy.get(w) != job) {
                return;   // terminated or broken meanwhile
            }
            busy.remove(w);
            int n = tasksRun.merge(w, 1, Integer::sum);
            if (maxTasksPerChild > 0 && n >= maxTasksPerChild) {
                retiring.add(w);
                actions.add(w::shutdown);
            } else {
                idle.add(w);
            }
            dispatch(actions);
            maintain(actions);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * A worker exited (or could not start).
     *
     * @param death        fails the job it held, if any
     * @param startFailure non-null if it never became ready: the pool is broken
     */
    public void onExit(Worker<P> w, RuntimeException death, RuntimeException startFailure) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (!live.remove(w)) {
                return;
            }
            boolean wasStarting = starting.remove(w);
            idle.remove(w);
            retiring.remove(w);
            tasksRun.remove(w);
            Job<P> held = busy.remove(w);
            if (held != null) {
                RuntimeException why = state == State.BROKEN ? brokenCause
                        : state == State.TERMINATED ? terminated() : death;
                actions.add(() -> held.fail(why));
            }
            if (wasStarting && startFailure != null && (state == State.RUNNING || state == State.CLOSED)) {
                breakPool(startFailure, actions);
            }
            dispatch(actions);
            maintain(actions);
            logIfStopped();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /** Python {@code close()}: no new jobs; waits until queued and running jobs are done; workers then retire. */
    public void close() {
        closeNoWait();
        lock.lock();
        try {
            while (state == State.CLOSED && (!pending.isEmpty() || !busy.isEmpty())) {
                changed.await();
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #close()} without the wait: queued and running jobs still finish, then workers retire. */
    public void closeNoWait() {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.CLOSED;
                LOG.debug("{}: closed, {} queued and {} running jobs still finish", label, pending.size(), busy.size());
            }
            dispatch(actions);   // drops cancelled jobs, so an idle pool can retire
            maintain(actions);
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /** Python {@code terminate()}: fails queued and running jobs, kills the workers. */
    public void terminate() {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.RUNNING || state == State.CLOSED) {
                state = State.TERMINATED;
                LOG.debug("{}: terminated, failing {} queued and {} running jobs", label, pending.size(), busy.size());
                failAllAndKill(terminated(), actions);
            } else {
                for (Worker<P> w : live) {
                    actions.add(w::kill);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * Python {@code join()}: waits until every worker exited.
     *
     * @return false if {@code nanos} elapsed first
     * @throws IllegalStateException if the pool is still running
     */
    public boolean join(long nanos) {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                throw new IllegalStateException("Pool is still running");
            }
            long left = nanos;
            while (!live.isEmpty()) {
                if (nanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    if (left <= 0) {
                        return false;
                    }
                    left = changed.awaitNanos(left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return whether the pool accepts no more work because it is closed, terminated or broken
     */
    public boolean isShutdown() {
        lock.lock();
        try {
            return state != State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the number of workers not yet exited
     */
    public int liveWorkers() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    private static CancellationException terminated() {
        return new CancellationException("the pool was terminated");
    }

    // ---- under lock -------------------------------------------------------------

    private void breakPool(RuntimeException cause, List<Runnable> actions) {
        LOG.warn("{}: broken, a worker could not start: {}", label, cause.getMessage());
        state = State.BROKEN;
        brokenCause = cause;
        failAllAndKill(cause, actions);
    }

    private void failAllAndKill(RuntimeException why, List<Runnable> actions) {
        List<Job<P>> doomed = new ArrayList<>(pending);
        doomed.addAll(busy.values());
        pending.clear();
        busy.clear();
        idle.clear();
        for (Job<P> j : doomed) {
            actions.add(() -> j.fail(why));
        }
        for (Worker<P> w : live) {
            actions.add(w::kill);
        }
    }

    /** Logs once that a pool no longer running has no worker left. */
    private void logIfStopped() {
        if (state != State.RUNNING && live.isEmpty() && !stopLogged) {
            stopLogged = true;
            LOG.debug("{}: stopped, every worker exited", label);
        }
    }

    /** Starts replacements while needed; retires idle workers of a closed pool that has nothing left. */
    private void maintain(List<Runnable> actions) {
        int active = live.size() - retiring.size();
        if (state == State.RUNNING || (state == State.CLOSED && !pending.isEmpty())) {
            for (; active < size; active++) {
                Worker<P> w = backend.create(this, nextIndex++);
                live.add(w);
                starting.add(w);
                actions.add(w::start);
            }
        } else if (state == State.CLOSED && busy.isEmpty()) {
            for (Worker<P> w : idle) {
                retiring.add(w);
                actions.add(w::shutdown);
            }
            idle.clear();
            // workers still starting retire when ready (onReady calls maintain again)
        }
    }

    /** Gives queued jobs to idle workers, dropping cancelled ones; call before {@link #maintain}. */
    private void dispatch(List<Runnable> actions) {
        while (!pending.isEmpty() && !idle.isEmpty()) {
            Job<P> job = pending.poll();
            if (!job.start()) {
                changed.signalAll();   // a cancelled job: close() may be waiting for the queue to empty
                continue;
            }
            Worker<P> w = idle.poll();
            busy.put(w, job);
            actions.add(() -> w.run(job));
        }
    }

    private static void run(List<Runnable> actions) {
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException | Error e) {
                LOG.error("pool action failed", e);
            }
        }
    }
}
