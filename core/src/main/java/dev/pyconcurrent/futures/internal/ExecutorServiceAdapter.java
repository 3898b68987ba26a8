package dev.pyconcurrent.futures.internal;

import dev.pyconcurrent.internal.Failures;

import dev.pyconcurrent.internal.Timeouts;


import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@link java.util.concurrent.ExecutorService} view of any {@link Executor} ({@code asExecutorService()}).
 * {@code submit} returns the executor's own {@link Future}s (which are JDK futures); a refused task
 * (shut down or broken executor) is a {@link RejectedExecutionException} with the executor's exception as
 * cause; {@code invokeAll}/{@code invokeAny} come from {@link AbstractExecutorService}. Not public API.
 */
public final class ExecutorServiceAdapter extends AbstractExecutorService {

    /** What the view needs from the executor beyond {@link Executor}. */
    public interface Lifecycle {
        /**
         * @return the tasks that never started (see {@link ThreadWorkers#shutdownNow()})
         */
        List<Runnable> shutdownNow();

        /**
         * @return whether shutdown was called
         */
        boolean isShutdown();

        /**
         * @return whether shut down and every worker exited
         */
        boolean isTerminated();

        /**
         * @param nanos the bound
         * @return whether terminated
         * @throws InterruptedException JDK contract
         */
        boolean awaitTermination(long nanos) throws InterruptedException;
    }

    private final Executor executor;
    private final Lifecycle lifecycle;

    /**
     * @param executor the executor tasks go to
     * @param lifecycle its shutdown and termination
     */
    public ExecutorServiceAdapter(Executor executor, Lifecycle lifecycle) {
        this.executor = Objects.requireNonNull(executor);
        this.lifecycle = Objects.requireNonNull(lifecycle);
    }

    private static <F> F accepting(Supplier<F> submit) {
        try {
            return submit.get();
        } catch (IllegalStateException | BrokenExecutorException e) {
            throw new RejectedExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command);
        accepting(() -> executor.submit(command));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task);
        return accepting(() -> executor.submit(task));
    }

    @Override
    public Future<?> submit(Runnable task) {
        Objects.requireNonNull(task);
        return accepting(() -> executor.submit(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task);
        return accepting(() -> executor.submit(() -> {
            task.run();
            return result;
        }));
    }

    /**
     * Submits every task through the executor's own {@code submit} (so a process pool sends the
     * task itself, not a JDK wrapper around it) and waits for all of them.
     */
    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
            throws InterruptedException {
        return invokeAllUntil(tasks, false, 0L);
    }

    /** As {@link #invokeAll(Collection)}; tasks not done when the time is up are cancelled. */
    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks,
            long timeout, TimeUnit unit) throws InterruptedException {
        return invokeAllUntil(tasks, true, Timeouts.deadline(unit.toNanos(timeout)));
    }

    private <T> List<java.util.concurrent.Future<T>> invokeAllUntil(Collection<? extends Callable<T>> tasks, boolean timed,
            long deadline) throws InterruptedException {
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>(submitAll(tasks));
        try {
            for (java.util.concurrent.Future<T> f : futures) {
                if (f.isDone()) {
                    continue;
                }
                try {
                    if (!timed) {
                        f.get();
                    } else {
                        f.get(Timeouts.remaining(deadline), TimeUnit.NANOSECONDS);
                    }
                } catch (ExecutionException | CancellationException e) {
                    // the future holds it
                } catch (TimeoutException e) {
                    break;
                }
            }
        } finally {
            for (java.util.concurrent.Future<T> f : futures) {
                f.cancel(true);   // no-op on the finished ones
            }
        }
        return futures;
    }

    /**
     * Submits every task through the executor's own {@code submit}; returns the result of the
     * first that succeeds and cancels the rest.
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAnyUntil(tasks, false, 0L);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no deadline, yet timed out", e);
        }
    }

    /** As {@link #invokeAny(Collection)}, within a time limit. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return invokeAnyUntil(tasks, true, Timeouts.deadline(unit.toNanos(timeout)));
    }

    private <T> T invokeAnyUntil(Collection<? extends Callable<T>> tasks, boolean timed, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny of no tasks");
        }
        BlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                f.addDoneCallback(done::add);   // runs at once for a future already done
            }
            ExecutionException last = null;
            for (int finished = 0; finished < futures.size(); finished++) {
                Future<T> f = timed ? done.poll(Timeouts.remaining(deadline), TimeUnit.NANOSECONDS) : done.take();
                if (f == null) {
                    throw new TimeoutException("no task of invokeAny finished in time");
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(Failures.describe(e), e);
                }
            }
            throw last;
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                Objects.requireNonNull(task);
                futures.add(accepting(() -> executor.submit(task)));
            }
            return futures;
        } catch (RuntimeException e) {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
            throw e;
        }
    }

    @Override
    public void shutdown() {
        executor.shutdown(false);
    }

    @Override
    public List<Runnable> shutdownNow() {
        return lifecycle.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return lifecycle.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return lifecycle.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return lifecycle.awaitTermination(unit.toNanos(timeout));
    }

    @Override
    public String toString() {
        return "ExecutorService view of " + executor;
    }
}
