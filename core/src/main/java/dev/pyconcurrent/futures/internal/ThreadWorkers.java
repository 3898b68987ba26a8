package dev.pyconcurrent.futures.internal;

import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.CallbackErrors;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.internal.KeepAlive;

import dev.pyconcurrent.futures.SettableFuture;

import dev.pyconcurrent.futures.BrokenThreadPoolException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker threads behind {@code ThreadPoolExecutor} and {@code Pools.map}: a FIFO work queue
 * served by up to {@code maxWorkers} threads created on demand. Python:
 * {@code concurrent.futures.thread.ThreadPoolExecutor}'s internals. Not public API.
 *
 * <p>Pool state machine (guarded by {@code mainLock}):
 * <pre>
 *   OPEN --shutdown()--> SHUT_DOWN --last worker exits--> TERMINATED
 *   OPEN --an initializer throws--> BROKEN (pending work fails, new work refused) --shutdown()--> ...
 * </pre>
 * Worker: [initializer] → loop { take a work item; run it } until it takes the shutdown sentinel,
 * which it puts back for the next worker (so queued work submitted before the shutdown still runs).
 * A new worker is started at submit only if no worker is idle (Python's {@code _idle_semaphore}) and
 * fewer than {@code maxWorkers} exist; workers are reused and live until shutdown.
 *
 * <p>JVM exit: workers are daemon threads, so idle workers never keep the JVM alive, whether or not
 * the pool is shut down. When {@code keepJvmAlive} is set (user-created executors), work that is queued
 * or running keeps it alive as Python's exit-time join does, through a {@link KeepAlive}.
 *
 * <p>A task that leaves its thread interrupted does not leak the flag into the next task: the worker
 * clears it after every task.
 *
 * @see SettableFuture
 */
public final class ThreadWorkers {
    private static final LazyLogger LOG = new LazyLogger(ThreadWorkers.class);
    private static final String BROKEN_MESSAGE =
            "A thread initializer failed, the thread pool is not usable anymore";

    /** One task and its future. Running it when its future was cancelled does nothing. */
    private static final class WorkItem<T> implements Runnable {
        final SettableFuture<T> future;
        final Callable<T> task;
        final Runnable original;   // the Runnable the user submitted, or null for a Callable

        WorkItem(SettableFuture<T> future, Callable<T> task, Runnable original) {
            this.future = future;
            this.task = task;
            this.original = original;
        }

        @Override
        public void run() {
            if (!future.setRunningOrNotifyCancel()) {
                return;
            }
            T value;
            try {
                value = task.call();
            } catch (Throwable t) {
                Thread.interrupted();   // the next task starts with a clear flag
                future.setException(t);
                return;
            }
            Thread.interrupted();
            future.setResult(value);
        }
    }

    private static final WorkItem<Void> SENTINEL = new WorkItem<>(null, null, null);

    /** A worker thread, tagged with its pool; its stack size is {@link ThreadFactories#stackSize()}. */
    private final class Worker extends Thread {
        Worker(String name) {
            super(null, null, name, ThreadFactories.stackSize());
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                workerLoop();
            } finally {
                workerExited();
            }
        }

        ThreadWorkers pool() {
            return ThreadWorkers.this;
        }
    }

    private final int maxWorkers;
    private final String namePrefix;
    private final Runnable initializer;
    private final KeepAlive keepAlive;   // null: work does not keep the JVM alive
    /** Makes the workers (virtual threads, for instance); null: daemon platform {@link Worker}s. */
    private final ThreadFactory factory;
    /** The pool of the calling thread, for workers made by {@link #factory}. */
    private static final ThreadLocal<ThreadWorkers> FACTORY_WORKER_OF = new ThreadLocal<>();
    private final LinkedBlockingQueue<WorkItem<?>> queue = new LinkedBlockingQueue<>();
    private final Semaphore idle = new Semaphore(0);

    private final ReentrantLock mainLock = new ReentrantLock();
    private final Condition terminatedCondition = mainLock.newCondition();
    private final List<Thread> threads = new ArrayList<>();  // guarded by mainLock; only grows
    private int liveWorkers;                                 // guarded by mainLock
    private volatile boolean shutdown;                       // guarded by mainLock (writes)
    private volatile String broken;                          // guarded by mainLock (writes); null = not broken

    /**
     * Creates a pool; no thread is started until the first submit.
     *
     * @param maxWorkers at most this many worker threads, at least 1
     * @param namePrefix workers are named {@code <namePrefix>_<n>}, n from 0
     * @param initializer run once at the start of each worker, or null; if it throws the pool is broken
     * @param keepJvmAlive whether queued and running work keeps the JVM alive
     */
    public ThreadWorkers(int maxWorkers, String namePrefix, Runnable initializer, boolean keepJvmAlive) {
        this(maxWorkers, namePrefix, initializer, keepJvmAlive, null);
    }

    /**
     * Creates a pool whose workers {@code factory} makes (and this pool names); no thread is started
     * until the first submit.
     *
     * @param maxWorkers at most this many worker threads, at least 1
     * @param namePrefix workers are named {@code <namePrefix>_<n>}, n from 0
     * @param initializer run once at the start of each worker, or null; if it throws the pool is broken
     * @param keepJvmAlive whether queued and running work keeps the JVM alive
     * @param factory makes each worker thread, unstarted (for instance virtual threads); null for
     *                daemon platform threads
     */
    public ThreadWorkers(int maxWorkers, String namePrefix, Runnable initializer, boolean keepJvmAlive,
                         ThreadFactory factory) {
        this.factory = factory;
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        this.maxWorkers = maxWorkers;
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
        this.initializer = initializer;
        this.keepAlive = keepJvmAlive ? new KeepAlive(namePrefix + "-keepalive") : null;
    }

    /**
     * @return the maximum number of workers
     */
    public int maxWorkers() {
        return maxWorkers;
    }

    /**
     * @return the worker name prefix
     */
    public String namePrefix() {
        return namePrefix;
    }

    /**
     * Schedules {@code task}. Python: {@code ThreadPoolExecutor.submit}.
     *
     * @param task the task
     * @param <T> result type
     * @return its future
     * @throws BrokenThreadPoolException if an initializer failed
     * @throws IllegalStateException after shutdown
     */
    public <T> SettableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "fn");
        return enqueue(task, null);
    }

    /**
     * Schedules {@code task}; its future's result is null.
     *
     * @param task the task
     * @return its future
     */
    public SettableFuture<Void> submit(Runnable task) {
        Objects.requireNonNull(task, "fn");
        return enqueue(() -> {
            task.run();
            return null;
        }, task);
    }

    private <T> SettableFuture<T> enqueue(Callable<T> task, Runnable original) {
        SettableFuture<T> future = new SettableFuture<>();
        WorkItem<T> item = new WorkItem<>(future, task, original);
        mainLock.lock();
        try {
            String b = broken;
            if (b != null) {
                throw new BrokenThreadPoolException(b);
            }
            if (shutdown) {
                throw new IllegalStateException("cannot schedule new futures after shutdown");
            }
            beginWork();
            queue.add(item);
            adjustThreadCount();
        } finally {
            mainLock.unlock();
        }
        return future;
    }

    private void adjustThreadCount() {
        // guarded by mainLock. An idle worker will take the item: do not start another.
        if (idle.tryAcquire()) {
            return;
        }
        int n = threads.size();
        if (n < maxWorkers) {
            Thread w = newWorker(namePrefix + "_" + n);
            w.start();
            threads.add(w);
            liveWorkers++;
        }
    }

    private Thread newWorker(String name) {
        if (factory == null) {
            return new Worker(name);
        }
        Thread t = factory.newThread(() -> {
            FACTORY_WORKER_OF.set(this);
            try {
                workerLoop();
            } finally {
                workerExited();
            }
        });
        t.setName(name);
        return t;
    }

    private void workerLoop() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                CallbackErrors.report(LOG.get(), t, "Exception in initializer:");
                initializerFailed();
                return;
            }
        }
        while (true) {
            WorkItem<?> item = queue.poll();
            if (item == null) {
                idle.release();
                item = takeUninterruptibly();
            }
            if (item == SENTINEL) {
                queue.add(SENTINEL);   // wake the next worker
                return;
            }
            try {
                Thread.interrupted();   // no interrupt leaks from one task to the next
                item.run();
            } finally {
                endWork();
            }
        }
    }

    private WorkItem<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // an interrupt of an idle worker (shutdownNow) means nothing: look at the queue again
            }
        }
    }

    private void initializerFailed() {
        List<WorkItem<?>> drained = new ArrayList<>();
        mainLock.lock();
        try {
            broken = BROKEN_MESSAGE;
            queue.drainTo(drained);
            queue.add(SENTINEL);   // workers that did initialize have nothing more to do
        } finally {
            mainLock.unlock();
        }
        for (WorkItem<?> item : drained) {
            if (item != SENTINEL) {
                if (item.future.setRunningOrNotifyCancel()) {
                    item.future.setException(new BrokenThreadPoolException(BROKEN_MESSAGE));
                }
                endWork();
            }
        }
    }

    private void workerExited() {
        mainLock.lock();
        try {
            liveWorkers--;
            if (liveWorkers == 0) {
                terminatedCondition.signalAll();
                if (shutdown) {
                    LOG.get().debug("{}: stopped, every worker exited", namePrefix);
                }
            }
        } finally {
            mainLock.unlock();
        }
    }

    /**
     * Python: {@code shutdown(wait, cancel_futures=)}. Queued work still runs unless {@code cancelFutures}.
     *
     * @param wait join every worker
     * @param cancelFutures cancel the work that has not started
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<Thread> toJoin;
        List<WorkItem<?>> cancelled = shutdownAndDrain(cancelFutures);
        for (WorkItem<?> item : cancelled) {
            item.future.cancel();
        }
        if (!wait) {
            return;
        }
        mainLock.lock();
        try {
            toJoin = new ArrayList<>(threads);
        } finally {
            mainLock.unlock();
        }
        for (Thread t : toJoin) {
            if (t == Thread.currentThread()) {
                continue;   // a task shutting down its own pool: the others are still joined
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                throw Interrupts.rethrow(e);
            }
        }
    }

    private List<WorkItem<?>> shutdownAndDrain(boolean cancelFutures) {
        List<WorkItem<?>> drained = new ArrayList<>();
        mainLock.lock();
        try {
            boolean first = !shutdown;
            if (first) {
                LOG.get().debug("{}: shut down ({} workers, {} items queued{})", namePrefix, liveWorkers, queue.size(),
                        cancelFutures ? ", cancelled" : "");
            }
            shutdown = true;
            if (cancelFutures) {
                queue.drainTo(drained);
                drained.removeIf(item -> item == SENTINEL);
            }
            queue.add(SENTINEL);
            if (liveWorkers == 0) {
                terminatedCondition.signalAll();
                if (first) {
                    LOG.get().debug("{}: stopped, no worker was running", namePrefix);
                }
            }
        } finally {
            mainLock.unlock();
        }
        for (int i = 0; i < drained.size(); i++) {
            endWork();
        }
        return drained;
    }

    /**
     * {@code ExecutorService.shutdownNow}: shuts down, cancels the work that has not started, interrupts
     * the workers (best effort for running tasks) and returns what did not start: the submitted
     * {@link Runnable} itself, or for a {@link Callable} a {@link Runnable} whose run does nothing
     * (its future is cancelled).
     *
     * @return the tasks that never started
     */
    public List<Runnable> shutdownNow() {
        List<WorkItem<?>> drained = shutdownAndDrain(true);
        List<Runnable> out = new ArrayList<>(drained.size());
        for (WorkItem<?> item : drained) {
            item.future.cancel();
            out.add(item.original != null ? item.original : item);
        }
        mainLock.lock();
        try {
            for (Thread t : threads) {
                t.interrupt();
            }
        } finally {
            mainLock.unlock();
        }
        return out;
    }

    /**
     * @return whether shutdown was called
     */
    public boolean isShutdown() {
        return shutdown;
    }

    /**
     * @return whether an initializer failed
     */
    public boolean isBroken() {
        return broken != null;
    }

    /**
     * @return shut down and every worker has exited
     */
    public boolean isTerminated() {
        mainLock.lock();
        try {
            return shutdown && liveWorkers == 0;
        } finally {
            mainLock.unlock();
        }
    }

    /**
     * Waits until terminated.
     *
     * @param nanos the bound
     * @return whether terminated
     * @throws InterruptedException JDK contract
     */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        mainLock.lockInterruptibly();
        try {
            while (!(shutdown && liveWorkers == 0)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminatedCondition.awaitNanos(nanos);
            }
            return true;
        } finally {
            mainLock.unlock();
        }
    }

    /**
     * @return whether the calling thread is one of this pool's workers
     */
    public boolean isWorkerThread() {
        return Thread.currentThread() instanceof Worker w ? w.pool() == this : FACTORY_WORKER_OF.get() == this;
    }

    // ------------------------------------------------------------------ keep-alive

    private void beginWork() {
        if (keepAlive != null) {
            keepAlive.begin();
        }
    }

    private void endWork() {
        if (keepAlive != null) {
            keepAlive.end();
        }
    }
}
