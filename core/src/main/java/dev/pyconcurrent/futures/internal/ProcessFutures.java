package dev.pyconcurrent.futures.internal;

import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.pool.EarlySpawn;
import dev.pyconcurrent.multiprocessing.internal.pool.PoolEngine;
import dev.pyconcurrent.multiprocessing.internal.pool.Scheduler;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.internal.KeepAlive;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.futures.BrokenProcessPoolException;
import dev.pyconcurrent.futures.SettableFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code concurrent.futures} on a process {@link PoolEngine}: what {@code ProcessPoolExecutor} and
 * {@code Pools.processMap} share. Each submitted call or map chunk is one scheduler job whose outcome
 * settles a {@link SettableFuture}; a job whose future was cancelled before a worker took it is dropped.
 *
 * <p>States (guarded by {@code this}): OPEN --shutdown--> SHUT_DOWN (new work refused with
 * {@code IllegalStateException("cannot schedule new futures after shutdown")}, outstanding work still
 * runs unless cancelled, then the workers exit) --every worker exited--> TERMINATED. The engine may
 * also become BROKEN (workers cannot start): pending futures fail and new work is refused with
 * {@code BrokenProcessPoolException}.
 *
 * <p>Futures become RUNNING when a worker takes their job (Python marks them when they enter the call
 * queue, a few ahead of the workers). A worker that dies fails only its future, with
 * {@code ProcessDiedException}, and a replacement starts.
 *
 * <p>JVM exit: workers are daemon children (their reader threads are daemon threads), so an idle pool
 * never keeps the JVM alive. With {@code keepJvmAlive}, work that is queued or running does, as
 * Python's exit-time join does: a non-daemon keeper thread exists while some future is not done (and up
 * to 40 ms after, so one-at-a-time submits do not start a thread each).
 */
public final class ProcessFutures {

    /** Settles a future from a job's outcome; tolerates a future cancelled meanwhile. */
    private static final class FutureSink implements Scheduler.Sink {
        private final SettableFuture<Object> future;

        FutureSink(SettableFuture<Object> future) {
            this.future = future;
        }

        @Override
        public boolean start() {
            try {
                return future.setRunningOrNotifyCancel();
            } catch (IllegalStateException alreadySettled) {
                return false;
            }
        }

        @Override
        public boolean cancelled() {
            return future.cancelled();
        }

        @Override
        public void complete(Object value) {
            try {
                future.setResult(value);
            } catch (IllegalStateException cancelled) {
                // cancelled before it ran
            }
        }

        @Override
        public void fail(Throwable failure) {
            try {
                future.setException(failure);
            } catch (IllegalStateException cancelled) {
                // cancelled before it ran
            }
        }
    }

    private final PoolEngine<Encoded> engine;
    private final KeepAlive keepAlive;
    /** Futures not yet done, with the task the user gave (for {@code shutdownNow}). */
    private final Map<SettableFuture<?>, Object> outstanding = new ConcurrentHashMap<>();
    private boolean shutdown;   // guarded by this; notifyAll on change

    /**
     * Starts the workers.
     *
     * @param workers          number of child JVMs, at least 1
     * @param initializer      run in each worker before its first task, or {@code null}
     * @param maxTasksPerChild tasks (calls or chunks) per worker before it is replaced; 0 = unlimited
     * @param jvmOptions       extra {@code java} options of the workers
     * @param keepJvmAlive     whether unfinished work keeps the JVM alive
     * @param name             names the keeper thread and the pool in log messages
     * @throws IllegalArgumentException if the initializer cannot be serialized
     */
    public ProcessFutures(int workers, SerializableRunnable initializer, int maxTasksPerChild,
                          List<String> jvmOptions, boolean keepJvmAlive, String name) {
        // first: the workers' JVMs boot while this JVM loads the pool's classes
        EarlySpawn early = EarlySpawn.start(workers, jvmOptions, initializer == null && maxTasksPerChild == 0);
        this.engine = PoolEngine.processes(workers, initializer, maxTasksPerChild, jvmOptions, name, early);
        this.keepAlive = keepJvmAlive ? new KeepAlive(name + "-keepalive") : null;
    }

    /**
     * @return the number of workers
     */
    public int size() {
        return engine.size();
    }

    /** Python's automatic chunk size of {@code Pool.map}: {@code ceil(n / (4 * workers))}, at least 1. */
    public int defaultChunksize(int n) {
        return Math.max(1, engine.defaultChunksize(n));
    }

    /**
     * Submits one call; {@code fn} must be serializable (else {@link IllegalArgumentException} naming the class).
     *
     * @param original what the user submitted (returned by {@link #shutdownNow()} if it never ran)
     */
    @SuppressWarnings("unchecked")
    public <T> SettableFuture<T> submit(Callable<T> fn, Object original) {
        Encoded payload = engine.encodeCall(fn);
        SettableFuture<Object> f = new SettableFuture<>();
        enqueue(List.of(new Scheduler.Job<>(payload, new FutureSink(f))), List.of(f), original);
        return (SettableFuture<T>) f;
    }

    /** Prepares a map function once per map call: serializes it (once per class for a lambda that captures nothing). */
    public Object prepareFunction(Object fn) {
        return engine.prepareFunction(fn);
    }

    /** Submits one chunk of a map: the prepared function applied to each item; the future yields their results. */
    @SuppressWarnings("unchecked")
    public <R> SettableFuture<List<R>> submitChunk(Object prepared, List<?> chunk) {
        Encoded payload = engine.encodeChunk(prepared, chunk.toArray());
        SettableFuture<Object> f = new SettableFuture<>();
        enqueue(List.of(new Scheduler.Job<>(payload, new FutureSink(f))), List.of(f), null);
        return (SettableFuture<List<R>>) (SettableFuture<?>) f;
    }

    private void enqueue(List<Scheduler.Job<Encoded>> jobs, List<SettableFuture<Object>> futures, Object original) {
        synchronized (this) {
            checkOpen();
            for (SettableFuture<Object> f : futures) {
                track(f, original);
            }
            try {
                engine.submitJobs(jobs);
            } catch (RuntimeException e) {
                for (SettableFuture<Object> f : futures) {
                    f.cancel();   // untracks it
                }
                throw e;
            }
        }
    }

    private void checkOpen() {
        synchronized (this) {
            if (shutdown) {
                throw new IllegalStateException("cannot schedule new futures after shutdown");
            }
        }
    }

    private void track(SettableFuture<Object> f, Object original) {
        outstanding.put(f, original == null ? f : original);
        if (keepAlive != null) {
            keepAlive.begin();
        }
        f.addDoneCallback(done -> {
            outstanding.remove(f);
            if (keepAlive != null) {
                keepAlive.end();
            }
        });
    }

    /**
     * Python {@code shutdown(wait, cancel_futures)}: refuses new work; cancels the futures that have not
     * started when asked; with {@code wait}, returns once the outstanding work is done and every worker exited.
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
        synchronized (this) {
            shutdown = true;
            notifyAll();   // awaitTermination
        }
        if (cancelFutures) {
            for (SettableFuture<?> f : List.copyOf(outstanding.keySet())) {
                f.cancel();
            }
        }
        engine.closeNoWait();
        if (wait) {
            engine.join(Long.MAX_VALUE);
        }
    }

    /**
     * {@code ExecutorService.shutdownNow}: shuts down without waiting, cancels what has not started and
     * returns it (a submitted {@link Runnable} itself; a no-op {@link Runnable} for other work), and stops
     * the running tasks as {@link #terminateWorkers} does (the process counterpart of interrupting them):
     * their futures fail with {@link BrokenProcessPoolException}. So every future is done when it returns.
     */
    public List<Runnable> shutdownNow() {
        synchronized (this) {
            shutdown = true;
            notifyAll();   // awaitTermination
        }
        List<Runnable> out = new ArrayList<>();
        for (Map.Entry<SettableFuture<?>, Object> e : List.copyOf(outstanding.entrySet())) {
            if (e.getKey().cancel()) {
                out.add(e.getValue() instanceof Runnable r ? r : () -> { });
            }
        }
        engine.closeNoWait();
        engine.killWorkers(stopped("shutdownNow()"), false);
        return out;
    }

    /**
     * Python 3.14 {@code terminate_workers()} ({@code forcibly = false}: SIGTERM, then SIGKILL after a
     * grace period) and {@code kill_workers()} ({@code forcibly}: SIGKILL): shuts down, cancelling what has
     * not started, and ends every worker; the futures of running tasks fail with
     * {@link BrokenProcessPoolException}. Returns at once; every future is done by then.
     *
     * @param forcibly SIGKILL rather than SIGTERM
     */
    public void terminateWorkers(boolean forcibly) {
        shutdown(false, true);
        engine.killWorkers(stopped(forcibly ? "killWorkers()" : "terminateWorkers()"), forcibly);
    }

    private static BrokenProcessPoolException stopped(String by) {
        return new BrokenProcessPoolException("the worker process running this task was "
                + (by.startsWith("kill") ? "killed" : "terminated") + " by " + by
                + "; the executor is shut down");
    }

    /**
     * @return whether shutdown was called
     */
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    /**
     * @return shut down and every worker exited
     */
    public boolean isTerminated() {
        return isShutdown() && engine.liveWorkers() == 0;
    }

    /**
     * Waits until terminated.
     *
     * @throws InterruptedException JDK contract
     */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        long deadline = Timeouts.deadline(nanos);
        synchronized (this) {
            while (!shutdown) {
                long left = Timeouts.remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        nanos = Math.max(0, Timeouts.remaining(deadline));
        if (java.lang.Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return engine.join(nanos);
        } catch (dev.pyconcurrent.ThreadInterruptedException e) {
            java.lang.Thread.interrupted();
            throw (InterruptedException) e.getCause();
        }
    }

    /**
     * @return workers not yet exited
     */
    public int liveWorkers() {
        return engine.liveWorkers();
    }
}
