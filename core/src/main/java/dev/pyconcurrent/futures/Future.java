package dev.pyconcurrent.futures;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The result of a task submitted to an {@link Executor}. Python: {@code concurrent.futures.Future}.
 *
 * <p>States: PENDING → RUNNING → FINISHED (with a result or an exception), or PENDING → CANCELLED.
 * A running or finished future cannot be cancelled.
 *
 * <p>{@link #result()} rethrows the task's exception: a {@link RuntimeException} or {@link Error}
 * as itself, a checked exception wrapped in {@link java.util.concurrent.CompletionException}.
 * A cancelled future throws {@link java.util.concurrent.CancellationException}; a timed-out
 * wait throws {@link dev.pyconcurrent.TimeoutException}. The methods inherited from
 * {@link java.util.concurrent.Future} keep their JDK contract ({@code get()} throws
 * {@link java.util.concurrent.ExecutionException}).
 *
 * @param <T> the result type
 */
public interface Future<T> extends java.util.concurrent.Future<T> {

    /**
     * Waits for the result. Python: {@code result()}.
     * @return the task's result
     */
    T result();

    /**
     * Waits at most {@code timeout} seconds for the result. Python: {@code result(timeout)}.
     * @param timeout seconds
     * @return the result
     */
    T result(double timeout);

    /**
     * Waits at most {@code timeout} for the result. Python: {@code result(timeout)}.
     * @param timeout the bound
     * @return the result
     */
    T result(Duration timeout);

    /**
     * Waits for the result, throwing the task's exception as itself when it is a {@code type}, so that
     * Python's {@code except IOError:} around {@code result()} ports as a {@code catch} of that checked
     * exception. The caller names the checked type it wants to handle; nothing else changes: any other
     * failure is thrown as by {@link #result()} (a checked exception of another type wrapped in
     * {@link java.util.concurrent.CompletionException}).
     *
     * <pre>{@code
     * try {
     *     String page = future.resultOrThrow(IOException.class);
     * } catch (IOException e) {                  // except IOError as e:
     *     ...
     * }
     * }</pre>
     *
     * @param <X>  the exception type to throw unwrapped
     * @param type its class
     * @return the task's result
     * @throws X the task's exception, if it is an instance of {@code type}
     * @throws NullPointerException if {@code type} is null
     */
    default <X extends Throwable> T resultOrThrow(Class<X> type) throws X {
        Objects.requireNonNull(type, "type");
        Throwable failure = exception();
        if (type.isInstance(failure)) {
            throw type.cast(failure);
        }
        return result();
    }

    /**
     * Waits and returns the task's exception, unwrapped, or {@code null} if it succeeded. Python: {@code exception()}.
     * @return the exception or null
     */
    Throwable exception();

    /**
     * As {@link #exception()}, waiting at most {@code timeout} seconds. Python: {@code exception(timeout)}.
     * @param timeout seconds
     * @return the exception or null
     */
    Throwable exception(double timeout);

    /**
     * As {@link #exception()}, waiting at most {@code timeout}. Python: {@code exception(timeout)}.
     * @param timeout the bound
     * @return the exception or null
     */
    Throwable exception(Duration timeout);

    /**
     * Cancels the future unless it is running or done. Python: {@code cancel()}.
     * @return true if the future is (now) cancelled
     */
    boolean cancel();

    /**
     * Python: {@code cancelled()}.
     * @return true if the future was cancelled
     */
    boolean cancelled();

    /**
     * Python: {@code running()}.
     * @return true if the task is running now
     */
    boolean running();

    /**
     * Python: {@code done()}.
     * @return true if the future finished or was cancelled
     */
    boolean done();

    /**
     * Calls {@code fn} with this future when it finishes or is cancelled; at once, in the calling thread,
     * if it already is. An exception thrown by {@code fn} is logged and ignored.
     * Python: {@code add_done_callback(fn)}.
     *
     * @param fn the callback
     */
    void addDoneCallback(Consumer<? super Future<T>> fn);

    /**
     * A {@link CompletableFuture} completed when this future is (normally with the result,
     * exceptionally with the task's exception or a {@link java.util.concurrent.CancellationException}).
     * Completing it by hand does not affect this future. No Python equivalent (interop).
     *
     * @return the view, the same object on every call
     */
    CompletableFuture<T> toCompletableFuture();
}
