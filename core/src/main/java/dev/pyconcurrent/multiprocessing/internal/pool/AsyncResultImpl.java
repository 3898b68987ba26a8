package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.CallbackErrors;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.AsyncResult;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link AsyncResult} of pools: a {@link CompletableFuture} completed once. When
 * callbacks are given they run on the pool's callback thread <em>before</em> the result
 * becomes ready, as in Python (so after {@code close(); join()} every callback has run);
 * an exception from a callback is reported ({@link CallbackErrors}) and ignored.
 *
 * <p>States: PENDING → SUCCEEDED | FAILED (terminal).
 *
 * @param <R> the result type
 */
public final class AsyncResultImpl<R> implements AsyncResult<R>, Scheduler.Sink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AsyncResultImpl.class);

    private final CompletableFuture<R> future = new CompletableFuture<>();
    private final Consumer<? super R> callback;
    private final Consumer<? super Throwable> errorCallback;
    private final Executor callbackRunner;
    private final boolean remote;
    private final AtomicBoolean callerTraceAdded = new AtomicBoolean();

    /**
     * @param callback       run with the result, may be {@code null}
     * @param errorCallback  run with the failure, may be {@code null}
     * @param callbackRunner where callbacks run
     * @param remote         failures come from another process: add the caller's stack when rethrown
     */
    public AsyncResultImpl(Consumer<? super R> callback, Consumer<? super Throwable> errorCallback,
                           Executor callbackRunner, boolean remote) {
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.callbackRunner = callbackRunner;
        this.remote = remote;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void complete(Object value) {
        if (callback == null) {
            future.complete((R) value);
            return;
        }
        runCallback(() -> {
            try {
                callback.accept((R) value);
            } catch (RuntimeException | Error e) {
                CallbackErrors.report(LOG, e, "callback of an async result raised");
            }
            future.complete((R) value);
        });
    }

    @Override
    public void fail(Throwable failure) {
        if (errorCallback == null) {
            future.completeExceptionally(failure);
            return;
        }
        runCallback(() -> {
            try {
                errorCallback.accept(failure);
            } catch (RuntimeException | Error e) {
                CallbackErrors.report(LOG, e, "error callback of an async result raised");
            }
            future.completeExceptionally(failure);
        });
    }

    private void runCallback(Runnable r) {
        try {
            callbackRunner.execute(r);
        } catch (RejectedExecutionException poolGone) {
            r.run();
        }
    }

    @Override
    public R get() {
        Interrupts.checkNotInterrupted();
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public R get(double timeout) {
        return get(Timeouts.toNanos(timeout));
    }

    @Override
    public R get(Duration timeout) {
        return get(Timeouts.toNanos(timeout));
    }

    private R get(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return get();
        }
        Interrupts.checkNotInterrupted();
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException();
        }
    }

    /** A RuntimeException or Error as itself, a checked exception in a {@link CompletionException}. */
    private RuntimeException rethrow(Throwable t) {
        if (remote && callerTraceAdded.compareAndSet(false, true)) {
            t.addSuppressed(new CallerStackTrace());
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new CompletionException(t);
    }

    @Override
    public boolean await() {
        get0Quietly(Long.MAX_VALUE);
        return true;
    }

    @Override
    public boolean await(double timeout) {
        return get0Quietly(Timeouts.toNanos(timeout));
    }

    @Override
    public boolean await(Duration timeout) {
        return get0Quietly(Timeouts.toNanos(timeout));
    }

    private boolean get0Quietly(long nanos) {
        Interrupts.checkNotInterrupted();
        try {
            if (nanos == Long.MAX_VALUE) {
                future.get();
            } else {
                future.get(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException | CancellationException done) {
            // ready, unsuccessfully
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
        return true;
    }

    @Override
    public boolean ready() {
        return future.isDone();
    }

    @Override
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException("AsyncResult is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        return future.copy();
    }

    /** Python's repr shape. */
    @Override
    public String toString() {
        return "<AsyncResult " + (future.isDone() ? (future.isCompletedExceptionally() ? "failed" : "ready") : "pending") + ">";
    }
}
