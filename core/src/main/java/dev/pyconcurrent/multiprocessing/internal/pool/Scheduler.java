package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.ThreadFactories;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduling core shared by process pools and thread pools: a queue of jobs and a set of
 * workers. What a worker is (a child JVM, a thread) is the {@link Backend}'s business.
 *
 * <p>Pool states:
 * <pre>
 *   RUNNING --close()--> CLOSED --terminate()--> TERMINATED
 *   RUNNING --terminate()--> TERMINATED
 *   RUNNING/CLOSED --workers keep failing to start--> BROKEN
 * </pre>
 * RUNNING keeps {@code size} workers alive, replacing any that die or retire. CLOSED refuses new
 * jobs, finishes the queued ones (replacing dead workers while jobs remain) and retires every worker
 * once nothing is queued or running. TERMINATED fails queued and running jobs with
 * {@link CancellationException} and kills the workers. BROKEN fails them with the backend's
 * broken-pool exception and kills the workers; submitting then throws it.
 *
 * <p>When is a pool broken. A worker that ends before it is ready ends in one of three ways
 * ({@link StartEnd}):
 * <ul>
 * <li>{@link StartEnd#INITIALIZER_FAILED}: its initializer raised. The pool breaks at once, as in Python.
 * <li>{@link StartEnd#FAILED}: it could not start by itself (the JVM refused its options, exited, crashed,
 *     or could not be launched). The pool breaks after {@link #MAX_FAILED_STARTS} such ends in a row with
 *     no worker becoming ready in between.
 * <li>{@link StartEnd#KILLED}: something outside ended it with a signal (SIGKILL, SIGTERM, SIGINT, SIGHUP:
 *     {@code kill}, the OOM killer, a container being stopped). That says nothing about whether workers
 *     can start, so it never breaks the pool: the worker is only replaced.
 * </ul>
 * Either way the replacement waits {@code 50 ms * 2^(n - 1)} (at most {@link #MAX_BACKOFF_MILLIS}),
 * where {@code n} counts the workers in a row that ended before they were ready; a worker becoming ready
 * resets both counts. So bad {@code jvmOptions} break the pool within a few seconds, while workers
 * killed as they start, however often, are replaced and the other tasks go on.
 *
 * <p>Worker states: STARTING --ready--> SERVING (holding 0..capacity jobs, in the order sent) --retire
 * or exiting--> DRAINING (no new jobs); any --exit--> gone. A worker runs its jobs one after another in
 * the order it received them and reports each result before starting the next (see
 * {@link Worker#run}), so when it dies the oldest job it holds is the one that was running: that job
 * fails with the death exception, and the others, which never started, go back to the front of the
 * queue. A job is never re-run. A worker that reaches {@code maxTasksPerChild} jobs retires and a
 * replacement starts.
 *
 * <p>How many jobs a worker holds: {@link Backend#capacity()}; pipelining several hides the round
 * trip of short jobs, while one at a time keeps long ones evenly spread.
 *
 * <p>Locking: one lock guards every field below; worker operations (start, run, shutdown, kill) and
 * job completions run outside it, collected as actions.
 *
 * @param <P> the payload a worker runs
 */
public final class Scheduler<P> {
    private static final LazyLogger LOG = new LazyLogger(Scheduler.class);

    /** Start failures in a row, with no worker ready in between, that break the pool. */
    static final int MAX_FAILED_STARTS = 5;
    /** Longest wait before retrying a failed start. */
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(
                ThreadFactories.daemon("pyconcurrent-pool-restarts"));

    /** One worker; every method is called outside the scheduler lock. */
    public interface Worker<P> {
        /** Starts it; it then calls {@link #onReady} or {@link #onExit}. */
        void start();

        /**
         * Queues one more job for it. Called under the scheduler lock, in the order the jobs are given
         * to this worker: it must only queue the job; {@link #flush()} sends it. The worker runs its jobs
         * in that order and reports each outcome (through {@link #onDone}) before it starts the next.
         */
        void run(Job<P> job);

        /** Sends the jobs queued by {@link #run}, in their order; called outside the scheduler lock. */
        default void flush() {
        }

        /** Asks it to exit once it holds no job (it then calls {@link #onExit}). */
        void shutdown();

        /**
         * Tells it that it retires: its pool closed and has no job left for it, so it is shut down now
         * (if it is ready) or as soon as it is ready. Called under the scheduler lock, before
         * {@link #shutdown}, maybe more than once.
         */
        default void retiring() {
        }

        /** Ends it now (it then calls {@link #onExit}). */
        void kill();

        /**
         * Asks it to end now, gently where the worker kind allows (SIGTERM for a process, which is
         * killed if it has not ended after a grace period); it then calls {@link #onExit}.
         */
        default void terminate() {
            kill();
        }
    }

    /** How a worker that never became ready ended (see the class comment). */
    public enum StartEnd {
        /** It could not start by itself: counts towards breaking the pool. */
        FAILED,
        /** Its initializer raised: breaks the pool. */
        INITIALIZER_FAILED,
        /** A signal from outside ended it: it is replaced; never breaks the pool. */
        KILLED
    }

    /** Makes workers and the exception of a broken pool. */
    public interface Backend<P> {
        /** A new, not yet started worker number {@code index}. */
        Worker<P> create(Scheduler<P> scheduler, int index);

        /** The exception of a broken pool (BrokenProcessPool / BrokenThreadPool). */
        RuntimeException broken(String message, Throwable cause);

        /**
         * How many jobs a worker may hold at a time; asked at each dispatch.
         *
         * @return at least 1
         */
        default int capacity() {
            return 1;
        }
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

        /**
         * Whether the job's caller gave it up (a cancelled future): a queued job whose sink says so
         * is dropped from the queue when the pool closes. Called under the scheduler lock; must be quick.
         *
         * @return whether the job need not run any more
         */
        default boolean cancelled() {
            return false;
        }
    }

    /** A unit of work: a payload and the sink of its outcome. Settles once. */
    public static final class Job<P> {
        private static final AtomicLong IDS = new AtomicLong();
        final long id = IDS.incrementAndGet();
        final P payload;
        private final Sink sink;
        private final AtomicBoolean settled = new AtomicBoolean();
        private boolean started;   // guarded by the scheduler lock: Sink.start() answered true once

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

        /** Asks the sink once; a job put back in the queue keeps its first answer. */
        boolean start() {
            if (!started) {
                started = sink.start();
                return started;
            }
            return true;
        }
    }

    private enum State { RUNNING, CLOSED, TERMINATED, BROKEN }

    private final Backend<P> backend;
    private final String label;
    private final int size;
    private final int maxTasksPerChild;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private State state = State.RUNNING;                                     // guarded by lock
    private RuntimeException brokenCause;                                    // guarded by lock
    private final ArrayDeque<Job<P>> pending = new ArrayDeque<>();           // guarded by lock
    private final Set<Worker<P>> live = new LinkedHashSet<>();               // guarded by lock; not yet exited
    private final Set<Worker<P>> starting = new HashSet<>();                 // guarded by lock
    private final Map<Worker<P>, ArrayDeque<Job<P>>> serving = new LinkedHashMap<>(); // guarded by lock; jobs held
    private final Set<Worker<P>> draining = new HashSet<>();                 // guarded by lock; no new jobs
    private final Map<Worker<P>, Integer> tasksSent = new HashMap<>();       // guarded by lock
    private int held;                                                        // guarded by lock; jobs held by workers
    private int nextIndex = 1;                                               // guarded by lock
    private int failedStarts;                                                // guarded by lock; FAILED in a row
    private int endedStarts;                                                 // guarded by lock; any StartEnd in a row
    private boolean restartPending;                                          // guarded by lock; a backoff runs
    private boolean stopLogged;                                              // guarded by lock

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
            for (Job<P> j : jobs) {   // not addAll: ArrayDeque's links a method reference, on a first map's way
                pending.add(j);
            }
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
            failedStarts = 0;
            endedStarts = 0;
            if (state == State.TERMINATED || state == State.BROKEN) {
                actions.add(w::kill);
            } else {
                serving.put(w, new ArrayDeque<>(2));
                dispatch(actions);
                maintain(actions);
            }
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * A worker reported the outcome of the oldest job it holds. The job is settled before the
     * worker's slot frees, so once {@link #close()} returns every job's outcome is set.
     */
    public void onDone(Worker<P> w, long jobId, Object value, Throwable failure) {
        Job<P> job;
        lock.lock();
        try {
            ArrayDeque<Job<P>> jobs = serving.get(w);
            job = jobs == null ? null : jobs.peekFirst();
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
            ArrayDeque<Job<P>> jobs = serving.get(w);
            if (jobs == null || jobs.peekFirst() != job) {
                return;   // terminated or broken meanwhile
            }
            jobs.pollFirst();
            held--;
            if (jobs.isEmpty() && draining.contains(w) && state != State.TERMINATED) {
                actions.add(w::shutdown);
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
     * A worker will run no more jobs (its JVM is exiting): nothing more is sent to it; what it holds
     * settles when its results arrive or when it exits.
     */
    public void onDraining(Worker<P> w) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (serving.containsKey(w) && draining.add(w)) {
                maintain(actions);
            }
        } finally {
            lock.unlock();
        }
        run(actions);
    }

    /**
     * A worker exited (or could not start).
     *
     * @param death             fails the job it was running, if any
     * @param startFailure      non-null if it never became ready
     * @param initializerFailed whether it never became ready because its initializer raised
     */
    public void onExit(Worker<P> w, RuntimeException death, RuntimeException startFailure,
                       boolean initializerFailed) {
        onExit(w, death, startFailure, initializerFailed ? StartEnd.INITIALIZER_FAILED : StartEnd.FAILED);
    }

    /**
     * A worker exited (or could not start).
     *
     * @param death        fails the job it was running, if any
     * @param startFailure non-null if it never became ready and the pool did not end it itself
     * @param how          how it ended, when {@code startFailure} is non-null
     */
    public void onExit(Worker<P> w, RuntimeException death, RuntimeException startFailure, StartEnd how) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            if (!live.remove(w)) {
                return;
            }
            boolean wasStarting = starting.remove(w);
            draining.remove(w);
            tasksSent.remove(w);
            ArrayDeque<Job<P>> jobs = serving.remove(w);
            if (jobs != null && !jobs.isEmpty()) {
                held -= jobs.size();
                Job<P> running = jobs.pollFirst();
                RuntimeException why = state == State.BROKEN ? brokenCause
                        : state == State.TERMINATED ? terminated() : death;
                actions.add(() -> running.fail(why));
                // the others never started: they go back to the front of the queue, in order
                for (java.util.Iterator<Job<P>> it = jobs.descendingIterator(); it.hasNext(); ) {
                    pending.addFirst(it.next());
                }
            }
            if (wasStarting && startFailure != null && (state == State.RUNNING || state == State.CLOSED)) {
                endedStarts++;
                if (how != StartEnd.KILLED) {
                    failedStarts++;
                }
                if (how == StartEnd.INITIALIZER_FAILED || failedStarts >= MAX_FAILED_STARTS) {
                    breakPool(startFailure, actions);
                } else if (how == StartEnd.KILLED) {
                    LOG.get().warn("{}: a worker was killed before it was ready ({} in a row), replacing it: {}", label,
                            endedStarts, startFailure.getMessage());
                    scheduleRestart(endedStarts);
                } else {
                    LOG.get().warn("{}: a worker could not start ({} in a row), retrying: {}", label, failedStarts,
                            startFailure.getMessage());
                    scheduleRestart(endedStarts);
                }
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
            while (state == State.CLOSED && (!pending.isEmpty() || held > 0)) {
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
                LOG.get().debug("{}: closed, {} queued and {} running jobs still finish", label, pending.size(), held);
            }
            dispatch(actions);
            maintain(actions);   // drops cancelled jobs first, so an idle pool can retire
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
                LOG.get().debug("{}: terminated, failing {} queued and {} running jobs", label, pending.size(), held);
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
     * Ends the workers now without changing the pool's state: each job they held fails with
     * {@code why}, and the ended workers take no new job meanwhile. In a running pool the queue stays
     * and replacements start. In a closed pool (Python 3.14 {@code terminate_workers()} /
     * {@code kill_workers()}, meant for a pool being shut down) the queued jobs fail with {@code why}
     * too, so every job is settled when this returns and no worker starts again.
     *
     * @param why fails every job the workers held
     * @param forcibly {@link Worker#kill()} (SIGKILL) rather than {@link Worker#terminate()} (SIGTERM)
     */
    public void killWorkers(RuntimeException why, boolean forcibly) {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<Worker<P>, ArrayDeque<Job<P>>> e : serving.entrySet()) {
                for (Job<P> j : e.getValue()) {
                    actions.add(() -> j.fail(why));
                }
                held -= e.getValue().size();
                e.getValue().clear();
            }
            if (state == State.CLOSED) {
                for (Job<P> j : pending) {
                    actions.add(() -> j.fail(why));
                }
                pending.clear();
            }
            for (Worker<P> w : live) {
                draining.add(w);
                actions.add(forcibly ? w::kill : w::terminate);
            }
            maintain(actions);
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
        LOG.get().warn("{}: broken, workers cannot start: {}", label, cause.getMessage());
        state = State.BROKEN;
        brokenCause = cause;
        failAllAndKill(cause, actions);
    }

    private void failAllAndKill(RuntimeException why, List<Runnable> actions) {
        List<Job<P>> doomed = new ArrayList<>(pending);
        for (ArrayDeque<Job<P>> jobs : serving.values()) {
            doomed.addAll(jobs);
            jobs.clear();
        }
        pending.clear();
        held = 0;
        for (Job<P> j : doomed) {
            actions.add(() -> j.fail(why));
        }
        for (Worker<P> w : live) {
            actions.add(w::kill);
        }
    }

    /** Waits before starting a replacement after {@code failures} failed starts in a row. */
    private void scheduleRestart(int failures) {
        restartPending = true;
        long delay = Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(20, failures - 1));
        RETRIES.schedule(() -> {
            List<Runnable> actions = new ArrayList<>();
            lock.lock();
            try {
                restartPending = false;
                maintain(actions);
            } finally {
                lock.unlock();
            }
            run(actions);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Logs once that a pool no longer running has no worker left. */
    private void logIfStopped() {
        if (state != State.RUNNING && live.isEmpty() && !stopLogged) {
            stopLogged = true;
            LOG.get().debug("{}: stopped, every worker exited", label);
        }
    }

    /** In a closed pool, drops the queued jobs nobody waits for any more (their futures were cancelled). */
    private void dropCancelled() {
        if (state == State.CLOSED && pending.removeIf(j -> !j.started && j.sink.cancelled())) {
            changed.signalAll();   // close() may be waiting for the queue to empty
        }
    }

    /** Starts replacements while needed; retires idle workers of a closed pool that has nothing left. */
    private void maintain(List<Runnable> actions) {
        dropCancelled();   // no worker starts, or stays, for jobs nobody waits for
        int active = live.size() - draining.size();
        boolean needWorkers = state == State.RUNNING || (state == State.CLOSED && !pending.isEmpty());
        if (needWorkers && !restartPending) {
            for (; active < size; active++) {
                Worker<P> w = backend.create(this, nextIndex++);
                live.add(w);
                starting.add(w);
                actions.add(WorkerAction.start(w));
            }
        } else if (state == State.CLOSED && pending.isEmpty()) {
            for (Map.Entry<Worker<P>, ArrayDeque<Job<P>>> e : serving.entrySet()) {
                if (e.getValue().isEmpty() && draining.add(e.getKey())) {
                    e.getKey().retiring();
                    actions.add(e.getKey()::shutdown);
                }
            }
            for (Worker<P> w : starting) {
                w.retiring();   // they retire when ready (onReady calls maintain again)
            }
        }
    }

    /**
     * Gives queued jobs to serving workers, the least loaded first, dropping cancelled ones; call
     * before {@link #maintain}.
     */
    private void dispatch(List<Runnable> actions) {
        if (pending.isEmpty() || serving.isEmpty()) {
            return;
        }
        int capacity = Math.max(1, backend.capacity());
        while (!pending.isEmpty()) {
            Worker<P> best = null;
            int bestLoad = Integer.MAX_VALUE;
            for (Map.Entry<Worker<P>, ArrayDeque<Job<P>>> e : serving.entrySet()) {
                Worker<P> w = e.getKey();
                int load = e.getValue().size();
                if (load < bestLoad && load < capacity && !draining.contains(w) && allowance(w) > 0) {
                    best = w;
                    bestLoad = load;
                }
            }
            if (best == null) {
                return;
            }
            Job<P> job = pending.poll();
            if (!job.start()) {
                changed.signalAll();   // a cancelled job: close() may be waiting for the queue to empty
                continue;
            }
            serving.get(best).addLast(job);
            held++;
            Integer before = tasksSent.get(best);
            int sent = before == null ? 1 : before + 1;
            tasksSent.put(best, sent);
            Worker<P> w = best;
            w.run(job);   // queued in dispatch order; sent by the flush action below
            actions.add(WorkerAction.flush(w));
            if (maxTasksPerChild > 0 && sent >= maxTasksPerChild) {
                draining.add(w);   // retires once its jobs are done; a replacement starts now
            }
        }
    }

    /**
     * Starts a worker, or sends its queued jobs, once the lock is released. A class, not method references:
     * a young JVM links each call site at its first use (2–4 ms), and both are on a pool's first task's way;
     * one class for the two, as each class a young parent loads from a jar costs it ~0.3 ms.
     */
    private static final class WorkerAction<P> implements Runnable {
        private final Worker<P> w;
        private final boolean start;   // else flush

        private WorkerAction(Worker<P> w, boolean start) {
            this.w = w;
            this.start = start;
        }

        static <P> WorkerAction<P> start(Worker<P> w) {
            return new WorkerAction<>(w, true);
        }

        static <P> WorkerAction<P> flush(Worker<P> w) {
            return new WorkerAction<>(w, false);
        }

        @Override
        public void run() {
            if (start) {
                w.start();
            } else {
                w.flush();
            }
        }
    }

    /** Jobs a worker may still be given under {@code maxTasksPerChild}. */
    private int allowance(Worker<P> w) {
        return maxTasksPerChild <= 0 ? Integer.MAX_VALUE : maxTasksPerChild - tasksSent.getOrDefault(w, 0);
    }

    private static void run(List<Runnable> actions) {
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException | Error e) {
                LOG.get().error("pool action failed", e);
            }
        }
    }
}
