package dev.pyconcurrent.futures;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.CallbackErrors;
import dev.pyconcurrent.internal.Failures;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.Spin;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Future} that its executor completes. Python: {@code concurrent.futures.Future()}, which
 * is public so that executors can be written outside the library. Every executor of this library
 * (threads, processes, clusters) returns these.
 *
 * <pre>{@code
 * SettableFuture<String> f = new SettableFuture<>();
 * if (f.setRunningOrNotifyCancel()) {      // false: it was cancelled, do not run the work
 *     try {
 *         f.setResult(work());
 *     } catch (Exception e) {
 *         f.setException(e);
 *     }
 * }
 * }</pre>
 *
 * <p>State machine (guarded by {@code lock}; {@code state} is also volatile for lock-free reads):
 * <pre>
 *   PENDING --setRunningOrNotifyCancel()--> RUNNING --setResult/setException--> FINISHED
 *   PENDING --setResult/setException-----------------------------------------> FINISHED
 *   PENDING --cancel()--> CANCELLED
 * </pre>
 * FINISHED and CANCELLED are final. {@code cancel()} fails (returns false) in RUNNING and FINISHED.
 * Setting a result or exception on a FINISHED or CANCELLED future, or calling
 * {@code setRunningOrNotifyCancel()} on a RUNNING or FINISHED one, is an
 * {@link InvalidStateException} (Python: {@code InvalidStateError} and {@code RuntimeError}).
 *
 * <p>Executor side: call {@link #setRunningOrNotifyCancel()} before running the task; if it returns
 * false the future was cancelled and the task must not run. Then {@link #setResult} or
 * {@link #setException}.
 *
 * <p>On every transition to a final state, waiters ({@link #addWaiter}, used by {@code Futures.wait}
 * and {@code asCompleted}) and then done-callbacks run in the completing thread, outside the lock;
 * a callback that throws is reported ({@link CallbackErrors}) and ignored.
 *
 * <p>Memory effects: actions of the completing thread before {@code setResult}/{@code setException}
 * happen-before actions after a successful {@code result()}/{@code get()} or after seeing {@code done()}.
 *
 * @param <T> the result type
 */
public class SettableFuture<T> implements Future<T> {
    private static final LazyLogger LOG = new LazyLogger(SettableFuture.class);

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;
    private static final int FINISHED = 3;
    private static final String[] STATE_NAMES = {"pending", "running", "cancelled", "finished"};

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition doneCondition = lock.newCondition();
    private volatile int state = PENDING;                 // guarded by lock (writes)
    private T result;                                     // guarded by lock; published by the state write
    private Throwable exception;                          // guarded by lock; published by the state write
    private List<Runnable> waiters;                       // guarded by lock; null once done
    private List<Consumer<? super Future<T>>> callbacks;  // guarded by lock; null once done
    private volatile CompletableFuture<T> completable;    // guarded by lock (creation)

    /** Creates a PENDING future. */
    public SettableFuture() {
    }

    // ---------------------------------------------------------------- executor side

    /**
     * Marks the future RUNNING, or reports that it was cancelled. Python: {@code set_running_or_notify_cancel()}.
     *
     * @return true if the task should run; false if the future was cancelled
     * @throws InvalidStateException if the future is already running or finished
     */
    public boolean setRunningOrNotifyCancel() {
        lock.lock();
        try {
            switch (state) {
                case CANCELLED:
                    return false;
                case PENDING:
                    state = RUNNING;
                    return true;
                default:
                    throw new InvalidStateException("Future in unexpected state: " + describe());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes the future with {@code value}. Python: {@code set_result(value)}.
     *
     * @param value the result, may be null
     * @throws InvalidStateException if the future is already finished or cancelled
     */
    public void setResult(T value) {
        complete(value, null);
    }

    /**
     * Completes the future with {@code failure}. Python: {@code set_exception(exception)}.
     *
     * @param failure the task's exception
     * @throws InvalidStateException if the future is already finished or cancelled
     */
    public void setException(Throwable failure) {
        Objects.requireNonNull(failure, "exception");
        complete(null, failure);
    }

    private void complete(T value, Throwable failure) {
        List<Runnable> ws;
        List<Consumer<? super Future<T>>> cbs;
        lock.lock();
        try {
            if (state == CANCELLED || state == FINISHED) {
                throw new InvalidStateException(STATE_NAMES[state] + ": " + describe());
            }
            result = value;
            exception = failure;
            state = FINISHED;
            doneCondition.signalAll();
            ws = waiters;
            cbs = callbacks;
            waiters = null;
            callbacks = null;
        } finally {
            lock.unlock();
        }
        fire(ws, cbs);
    }

    /**
     * Registers a removable wake-up run (in the completing thread) when the future becomes done.
     * Used by {@code Futures.wait} / {@code asCompleted}.
     *
     * @param waiter the action; must not throw
     * @return false if the future is already done (the waiter was not registered)
     */
    boolean addWaiter(Runnable waiter) {
        lock.lock();
        try {
            if (isFinal(state)) {
                return false;
            }
            if (waiters == null) {
                waiters = new ArrayList<>(2);
            }
            waiters.add(waiter);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a waiter added by {@link #addWaiter} (by identity); no effect if absent.
     * @param waiter the waiter
     */
    void removeWaiter(Runnable waiter) {
        lock.lock();
        try {
            if (waiters != null) {
                for (int i = 0; i < waiters.size(); i++) {
                    if (waiters.get(i) == waiter) {
                        waiters.remove(i);
                        return;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void fire(List<Runnable> ws, List<Consumer<? super Future<T>>> cbs) {
        if (ws != null) {
            for (Runnable w : ws) {
                try {
                    w.run();
                } catch (Throwable t) {
                    LOG.get().error("exception in waiter of {}", this, t);
                }
            }
        }
        if (cbs != null) {
            for (Consumer<? super Future<T>> cb : cbs) {
                invokeCallback(cb);
            }
        }
    }

    private void invokeCallback(Consumer<? super Future<T>> cb) {
        try {
            cb.accept(this);
        } catch (Throwable t) {
            CallbackErrors.report(LOG.get(), t, "exception calling callback for {}", this);
        }
    }

    private static boolean isFinal(int s) {
        return s == CANCELLED || s == FINISHED;
    }

    // ---------------------------------------------------------------- user side

    /** Python {@code cancel()}: false if running or finished, true if (already) cancelled. */
    @Override
    public boolean cancel() {
        List<Runnable> ws;
        List<Consumer<? super Future<T>>> cbs;
        lock.lock();
        try {
            int s = state;
            if (s == RUNNING || s == FINISHED) {
                return false;
            }
            if (s == CANCELLED) {
                return true;
            }
            state = CANCELLED;
            doneCondition.signalAll();
            ws = waiters;
            cbs = callbacks;
            waiters = null;
            callbacks = null;
        } finally {
            lock.unlock();
        }
        fire(ws, cbs);
        return true;
    }

    /**
     * JDK {@code cancel}: the same as {@link #cancel()}. {@code mayInterruptIfRunning} is ignored:
     * a running task cannot be cancelled, as in Python.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    @Override
    public boolean cancelled() {
        return state == CANCELLED;
    }

    @Override
    public boolean running() {
        return state == RUNNING;
    }

    @Override
    public boolean done() {
        return isFinal(state);
    }

    @Override
    public boolean isCancelled() {
        return cancelled();
    }

    @Override
    public boolean isDone() {
        return done();
    }

    @Override
    public T result() {
        awaitOrTimeout(Long.MAX_VALUE);
        return report();
    }

    @Override
    public T result(double timeout) {
        awaitOrTimeout(Timeouts.toNanos(timeout));
        return report();
    }

    @Override
    public T result(Duration timeout) {
        awaitOrTimeout(Timeouts.toNanos(timeout));
        return report();
    }

    @Override
    public Throwable exception() {
        awaitOrTimeout(Long.MAX_VALUE);
        return reportException();
    }

    @Override
    public Throwable exception(double timeout) {
        awaitOrTimeout(Timeouts.toNanos(timeout));
        return reportException();
    }

    @Override
    public Throwable exception(Duration timeout) {
        awaitOrTimeout(Timeouts.toNanos(timeout));
        return reportException();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitDone(Long.MAX_VALUE);
        return reportJdk();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (!awaitDone(unit.toNanos(timeout))) {
            throw new java.util.concurrent.TimeoutException();
        }
        return reportJdk();
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        Objects.requireNonNull(fn, "fn");
        lock.lock();
        try {
            if (!isFinal(state)) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(fn);
                return;
            }
        } finally {
            lock.unlock();
        }
        invokeCallback(fn);
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = completable;
        if (cf != null) {
            return cf;
        }
        lock.lock();
        try {
            cf = completable;
            if (cf == null) {
                cf = new CompletableFuture<>();
                completable = cf;
                CompletableFuture<T> target = cf;
                addDoneCallback(f -> completeFrom(target));
            }
            return cf;
        } finally {
            lock.unlock();
        }
    }

    private void completeFrom(CompletableFuture<T> cf) {
        // only called once the future is done
        if (state == CANCELLED) {
            cf.completeExceptionally(new CancellationException());
        } else if (exception != null) {
            cf.completeExceptionally(exception);
        } else {
            cf.complete(result);
        }
    }

    // ---------------------------------------------------------------- waiting and reporting

    /** Waits up to {@code nanos} (Long.MAX_VALUE = forever); true if done. JDK interruption. */
    private boolean awaitDone(long nanos) throws InterruptedException {
        if (isFinal(state)) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos == Long.MAX_VALUE) {
            long spin = Spin.start();   // a worker's answer, usually: no sleep, no wake-up
            while (!isFinal(state) && Spin.again(spin)) {
                // yielded
            }
            if (isFinal(state)) {
                return true;
            }
        }
        lock.lockInterruptibly();
        try {
            while (!isFinal(state)) {
                if (nanos == Long.MAX_VALUE) {
                    doneCondition.await();
                } else {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = doneCondition.awaitNanos(nanos);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos}; Python's policy: TimeoutException, ThreadInterruptedException. */
    private void awaitOrTimeout(long nanos) {
        try {
            if (!awaitDone(nanos)) {
                throw new TimeoutException("future not done after the timeout: " + this);
            }
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    private T report() {
        // state is final here; result/exception were published by the volatile state write
        if (state == CANCELLED) {
            throw new CancellationException();
        }
        Throwable t = exception;
        if (t == null) {
            return result;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new CompletionException(Failures.describe(t), t);
    }

    private Throwable reportException() {
        if (state == CANCELLED) {
            throw new CancellationException();
        }
        return exception;
    }

    private T reportJdk() throws ExecutionException {
        if (state == CANCELLED) {
            throw new CancellationException();
        }
        if (exception != null) {
            throw new ExecutionException(Failures.describe(exception), exception);
        }
        return result;
    }

    private String describe() {
        return "<Future at 0x" + Integer.toHexString(System.identityHashCode(this))
                + " state=" + STATE_NAMES[state] + ">";
    }

    /**
     * Python's repr: {@code <Future at 0x1b6d3586 state=finished returned Integer>},
     * {@code ... state=finished raised RuntimeException>}, {@code ... state=pending>}.
     */
    @Override
    public String toString() {
        String base = "<Future at 0x" + Integer.toHexString(System.identityHashCode(this)) + " state=";
        int s = state;
        if (s == FINISHED) {
            Throwable t = exception;
            if (t != null) {
                return base + "finished raised " + t.getClass().getSimpleName() + ">";
            }
            T r = result;
            return base + "finished returned " + (r == null ? "null" : r.getClass().getSimpleName()) + ">";
        }
        return base + STATE_NAMES[s] + ">";
    }
}
