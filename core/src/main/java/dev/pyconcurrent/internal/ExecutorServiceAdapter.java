package dev.pyconcurrent.internal;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
