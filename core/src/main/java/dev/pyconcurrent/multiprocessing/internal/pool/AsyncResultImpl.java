package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.Failures;

import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.CallbackErrors;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Spin;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.AsyncResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionException;
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
    private static final LazyLogger LOG = new LazyLogger(AsyncResultImpl.class);

    private final CompletableFuture<R> future = new CompletableFuture<>();
    /** Counted down once the outcome is set; waiting here, not on {@link #future}, never formats the failure. */
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;   // set before done is counted down; null on success
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
            done.countDown();
            return;
        }
        runCallback(() -> {
            try {
                callback.accept((R) value);
            } catch (RuntimeException | Error e) {
                CallbackErrors.report(LOG.get(), e, "callback of an async result raised");
            }
            future.complete((R) value);
            done.countDown();
        });
    }

    @Override
    public void fail(Throwable failure) {
        if (errorCallback == null) {
            settleFailed(failure);
            return;
        }
        runCallback(() -> {
            try {
                errorCallback.accept(failure);
            } catch (RuntimeException | Error e) {
                CallbackErrors.report(LOG.get(), e, "error callback of an async result raised");
            }
            settleFailed(failure);
        });
    }

    private void settleFailed(Throwable t) {
        failure = t;
        future.completeExceptionally(t);
        done.countDown();
    }

    /** The outcome once {@link #done}: the value, or the failure rethrown. */
    @SuppressWarnings("unchecked")
    private R outcome() {
        Throwable t = failure;
        if (t != null) {
            throw rethrow(t);
        }
        return future.getNow(null);
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
        long spin = Spin.start();   // an apply's answer, usually: no sleep, no wake-up
        while (done.getCount() != 0 && Spin.again(spin)) {
            // yielded
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        return outcome();
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
            if (!done.await(nanos, TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        return outcome();
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
        throw new CompletionException(Failures.describe(t), t);
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
                done.await();
                return true;
            }
            return done.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    @Override
    public boolean ready() {
        return done.getCount() == 0;
    }

    @Override
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("AsyncResult is not ready");
        }
        return failure == null;
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
