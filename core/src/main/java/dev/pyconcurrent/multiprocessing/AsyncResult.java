package dev.pyconcurrent.multiprocessing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The result of an asynchronous pool call ({@link Pool#applyAsync}, {@link Pool#mapAsync}).
 * Python: {@code multiprocessing.pool.AsyncResult}.
 *
 * <p>{@code get} rethrows the task's exception: a {@link RuntimeException} or {@link Error}
 * as itself, a checked exception inside a {@link java.util.concurrent.CompletionException};
 * after {@code terminate()} an unfinished result fails with
 * {@link java.util.concurrent.CancellationException}.
 *
 * @param <R> the result type
 */
public interface AsyncResult<R> {
    /**
     * Python {@code get()}: waits for the result.
     * @return the result
     */
    R get();

    /**
     * Python {@code get(timeout)}: waits at most {@code timeout} seconds for the result.
     * @param timeout seconds
     * @return the result
     * @throws dev.pyconcurrent.TimeoutException if not ready in time
     */
    R get(double timeout);

    /**
     * Python {@code get(timeout)}: waits at most {@code timeout} for the result.
     * @param timeout the wait
     * @return the result
     * @throws dev.pyconcurrent.TimeoutException if not ready in time
     */
    R get(Duration timeout);

    /**
     * Python {@code wait()}.
     * @return true (ready)
     */
    boolean await();

    /**
     * Python {@code wait(timeout)}.
     * @param timeout seconds
     * @return whether it is ready
     */
    boolean await(double timeout);

    /**
     * Python {@code wait(timeout)}.
     * @param timeout the wait
     * @return whether it is ready
     */
    boolean await(Duration timeout);

    /**
     * Python {@code ready()}.
     * @return whether the call completed
     */
    boolean ready();

    /**
     * Python {@code successful()}.
     *
     * @return whether the call completed without an exception
     * @throws IllegalStateException if it is not ready yet
     */
    boolean successful();

    /**
     * Returns a {@link CompletableFuture} completed with the same outcome (completing it does not affect this result).
     *
     * @return a {@link CompletableFuture} completed with the same outcome (completing it does not affect this result)
     */
    CompletableFuture<R> toCompletableFuture();
}
