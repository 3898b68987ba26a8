package dev.pyconcurrent.futures;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Future state machine, after CPython's Lib/test/test_concurrent_futures/test_future.py. */
class FutureTest {

    private static <T> SettableFuture<T> finished(T value) {
        SettableFuture<T> f = new SettableFuture<>();
        f.setResult(value);
        return f;
    }

    private static <T> SettableFuture<T> failed(Throwable t) {
        SettableFuture<T> f = new SettableFuture<>();
        f.setException(t);
        return f;
    }

    private static SettableFuture<Integer> running() {
        SettableFuture<Integer> f = new SettableFuture<>();
        assertThat(f.setRunningOrNotifyCancel()).isTrue();
        return f;
    }

    private static SettableFuture<Integer> cancelledFuture() {
        SettableFuture<Integer> f = new SettableFuture<>();
        assertThat(f.cancel()).isTrue();
        return f;
    }

    @Test
    void statePredicatesFollowTheStateMachine() {
        // Python: test_done/test_running/test_cancelled on PENDING, RUNNING, CANCELLED, FINISHED futures
        SettableFuture<Integer> pending = new SettableFuture<>();
        assertThat(pending.done()).isFalse();
        assertThat(pending.running()).isFalse();
        assertThat(pending.cancelled()).isFalse();
        SettableFuture<Integer> running = running();
        assertThat(running.running()).isTrue();
        assertThat(running.done()).isFalse();
        SettableFuture<Integer> cancelled = cancelledFuture();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.done()).isTrue();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelled.isDone()).isTrue();
        SettableFuture<Integer> done = finished(1);
        assertThat(done.done()).isTrue();
        assertThat(done.running()).isFalse();
        assertThat(done.cancelled()).isFalse();
        assertThat(failed(new RuntimeException()).done()).isTrue();
    }

    @Test
    void cancelSucceedsOnlyWhenPendingOrCancelled() {
        // Python: test_cancel: cancel() is True for PENDING/CANCELLED, False for RUNNING/FINISHED
        assertThat(new SettableFuture<Integer>().cancel()).isTrue();
        assertThat(cancelledFuture().cancel()).isTrue();
        SettableFuture<Integer> r = running();
        assertThat(r.cancel()).isFalse();
        assertThat(r.cancel(true)).isFalse();
        assertThat(r.running()).isTrue();
        assertThat(finished(1).cancel()).isFalse();
        assertThat(failed(new RuntimeException()).cancel(false)).isFalse();
    }

    @Test
    void setRunningOrNotifyCancelReportsCancellation() {
        // Python: set_running_or_notify_cancel() is False on a cancelled future, RuntimeError when running/finished
        assertThat(cancelledFuture().setRunningOrNotifyCancel()).isFalse();
        SettableFuture<Integer> r = running();
        assertThatThrownBy(r::setRunningOrNotifyCancel).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(finished(1)::setRunningOrNotifyCancel).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void settingTwiceIsAnInvalidState() {
        // Python: set_result/set_exception on a FINISHED or CANCELLED future raise InvalidStateError
        SettableFuture<Integer> f = finished(1);
        assertThatThrownBy(() -> f.setResult(2)).isInstanceOf(InvalidStateException.class).hasMessageContaining("finished");
        assertThatThrownBy(() -> f.setException(new RuntimeException())).isInstanceOf(InvalidStateException.class);
        SettableFuture<Integer> c = cancelledFuture();
        assertThatThrownBy(() -> c.setResult(2)).isInstanceOf(InvalidStateException.class).hasMessageContaining("cancelled");
        assertThat(f.result()).isEqualTo(1);
    }

    @Test
    void resultReturnsTheValue() {
        // Python: test_result_with_success: result() returns what set_result stored, None included
        assertThat(finished(42).result()).isEqualTo(42);
        assertThat(finished(null).result()).isNull();
        assertThat(finished("x").result(0.0)).isEqualTo("x");
        assertThat(finished("x").result(Duration.ZERO)).isEqualTo("x");
        assertThat(finished(7).exception()).isNull();
    }

    @Test
    void resultRethrowsUncheckedAsItselfAndWrapsChecked() {
        // Python: test_result_with_exception: result() raises the task's exception
        IllegalArgumentException iae = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> failed(iae).result()).isSameAs(iae);
        StackOverflowError err = new StackOverflowError();
        assertThatThrownBy(() -> failed(err).result(1.0)).isSameAs(err);
        IOException io = new IOException("io");
        assertThatThrownBy(() -> failed(io).result(Duration.ofSeconds(1)))
                .isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void exceptionReturnsTheRawException() {
        // Python: test_exception_with_success/with_exception: exception() returns it, unwrapped
        IOException io = new IOException("io");
        assertThat(failed(io).exception()).isSameAs(io);
        assertThat(failed(io).exception(1.0)).isSameAs(io);
        assertThat(failed(io).exception(Duration.ofSeconds(1))).isSameAs(io);
    }

    @Test
    void cancelledFutureRaisesCancelledError() {
        // Python: test_result_with_cancel/test_exception_with_cancel: CancelledError
        SettableFuture<Integer> c = cancelledFuture();
        assertThatThrownBy(c::result).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> c.result(1.0)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(c::exception).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> c.exception(Duration.ZERO)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(c::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void resultTimesOut() {
        // Python: test_result_with_timeout: TimeoutError when not done within the timeout
        SettableFuture<Integer> f = new SettableFuture<>();
        assertThatThrownBy(() -> f.result(0.05)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> f.exception(0.01)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> running().exception(Duration.ofMillis(10))).isInstanceOf(TimeoutException.class);
    }

    @Test
    void negativeTimeoutIsRejected() {
        // Python translation rule: a negative or NaN timeout is a ValueError
        SettableFuture<Integer> f = new SettableFuture<>();
        assertThatThrownBy(() -> f.result(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.exception(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.result(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultWaitsForAnotherThread() throws Exception {
        // Python: test_result_with_success with a thread setting the result after result() blocks
        SettableFuture<String> f = new SettableFuture<>();
        AtomicReference<String> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(f.result()));
        waiter.start();
        Waits.untilBlocked(waiter);
        f.setResult("late");
        waiter.join(20_000);
        assertThat(got.get()).isEqualTo("late");
    }

    @Test
    void cancelWakesWaiters() throws Exception {
        // Python: test_result_with_cancel: a waiting result() raises CancelledError when cancelled
        SettableFuture<String> f = new SettableFuture<>();
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                f.result(60.0);
            } catch (Throwable t) {
                got.set(t);
            }
        });
        waiter.start();
        Waits.untilBlocked(waiter);
        assertThat(f.cancel()).isTrue();
        waiter.join(20_000);
        assertThat(got.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void interruptedResultThrowsThreadInterrupted() throws Exception {
        // Python translation rule: an interrupted blocking call raises, with the interrupt flag set again
        SettableFuture<String> f = new SettableFuture<>();
        AtomicReference<Throwable> got = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                f.result();
            } catch (Throwable t) {
                got.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        Waits.untilBlocked(waiter);
        waiter.interrupt();
        waiter.join(20_000);
        assertThat(got.get()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(flag.get()).isTrue();
        // entered with the flag set: throws at once, but a done future still answers
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> f.result(10.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(finished(1).result()).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void jdkGetKeepsItsContract() throws Exception {
        // Python has no get(); java.util.concurrent.Future.get wraps in ExecutionException, times out with j.u.c.TimeoutException
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> failed(boom).get()).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThatThrownBy(() -> failed(boom).get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(finished(5).get()).isEqualTo(5);
        assertThat(finished(5).get(0, TimeUnit.SECONDS)).isEqualTo(5);
        assertThatThrownBy(() -> new SettableFuture<Integer>().get(10, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThatThrownBy(() -> cancelledFuture().get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> new SettableFuture<Integer>().get()).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void doneCallbackRunsOnCompletionWithTheFuture() {
        // Python: test_done_callback_with_result: the callback gets the future once it finishes
        SettableFuture<Integer> f = new SettableFuture<>();
        List<Object> seen = new ArrayList<>();
        f.addDoneCallback(g -> seen.add(g.result()));
        f.addDoneCallback(g -> seen.add(g == f));
        assertThat(seen).isEmpty();
        f.setResult(5);
        assertThat(seen).containsExactly(5, true);
    }

    @Test
    void doneCallbackSeesExceptionAndCancel() {
        // Python: test_done_callback_with_exception / test_done_callback_with_cancel
        SettableFuture<Integer> f = new SettableFuture<>();
        AtomicReference<Throwable> ex = new AtomicReference<>();
        f.addDoneCallback(g -> ex.set(g.exception()));
        RuntimeException boom = new RuntimeException("boom");
        f.setException(boom);
        assertThat(ex.get()).isSameAs(boom);
        SettableFuture<Integer> c = new SettableFuture<>();
        AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
        c.addDoneCallback(g -> wasCancelled.set(g.cancelled()));
        assertThat(c.cancel()).isTrue();
        assertThat(wasCancelled.get()).isTrue();
    }

    @Test
    void doneCallbackRunsAtOnceWhenAlreadyDone() {
        // Python: test_done_callback_already_successful/failed/cancelled: called immediately
        List<String> seen = new ArrayList<>();
        finished(1).addDoneCallback(g -> seen.add("ok"));
        failed(new RuntimeException()).addDoneCallback(g -> seen.add("failed"));
        cancelledFuture().addDoneCallback(g -> seen.add("cancelled"));
        assertThat(seen).containsExactly("ok", "failed", "cancelled");
    }

    @Test
    void throwingCallbackIsLoggedAndHarmsNothing() {
        // Python: test_done_callback_raises: the exception is logged, later callbacks still run
        SettableFuture<Integer> f = new SettableFuture<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        f.addDoneCallback(g -> {
            throw new RuntimeException("doh!");
        });
        f.addDoneCallback(g -> seen.add("second"));
        f.setResult(1);
        assertThat(seen).containsExactly("second");
        assertThat(f.result()).isEqualTo(1);
        finished(2).addDoneCallback(g -> {
            throw new IllegalStateException("also logged");
        });
    }

    @Test
    void completableFutureViewFollowsTheFuture() throws Exception {
        // interop: toCompletableFuture() completes like the future, is cached, and hand completion does not leak back
        SettableFuture<Integer> f = new SettableFuture<>();
        CompletableFuture<Integer> cf = f.toCompletableFuture();
        assertThat(f.toCompletableFuture()).isSameAs(cf);
        assertThat(cf).isNotDone();
        f.setResult(3);
        assertThat(cf.get(1, TimeUnit.SECONDS)).isEqualTo(3);

        RuntimeException boom = new RuntimeException("boom");
        assertThatThrownBy(() -> failed(boom).toCompletableFuture().join()).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThat(cancelledFuture().toCompletableFuture().isCancelled()).isTrue();

        SettableFuture<Integer> g = new SettableFuture<>();
        g.toCompletableFuture().complete(99);
        assertThat(g.done()).isFalse();
        g.setResult(1);
        assertThat(g.result()).isEqualTo(1);
    }

    @Test
    void reprNamesStateAndOutcome() {
        // Python: test_repr: <Future at 0x... state=pending>, finished returned int, finished raised OSError
        assertThat(new SettableFuture<Integer>().toString()).matches("<Future at 0x[0-9a-f]+ state=pending>");
        assertThat(running().toString()).contains("state=running");
        assertThat(cancelledFuture().toString()).contains("state=cancelled");
        assertThat(finished(4).toString()).endsWith("state=finished returned Integer>");
        assertThat(failed(new IOException()).toString()).endsWith("state=finished raised IOException>");
    }

    @Test
    void manyWaitersAllWake() throws Exception {
        // Python: a Condition notify_all in set_result wakes every thread blocked in result()
        SettableFuture<Integer> f = new SettableFuture<>();
        int n = 8;
        CountDownLatch woke = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                if (f.result() == 11) {
                    woke.countDown();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            Waits.untilBlocked(t);
        }
        f.setResult(11);
        assertThat(woke.await(20, TimeUnit.SECONDS)).isTrue();
    }
}
