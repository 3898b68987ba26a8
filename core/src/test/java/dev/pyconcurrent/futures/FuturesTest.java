package dev.pyconcurrent.futures;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.futures.SettableFuture;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Futures.wait and asCompleted, after CPython's test_wait.py and test_as_completed.py. */
class FuturesTest {

    private static SettableFuture<Integer> pending() {
        return new SettableFuture<>();
    }

    private static SettableFuture<Integer> finished(int v) {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(v);
        return f;
    }

    private static SettableFuture<Integer> raised() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setException(new java.io.IOException("raised"));
        return f;
    }

    private static SettableFuture<Integer> cancelled() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();
        return f;
    }

    /** Completes {@code f} from another thread once the caller is blocked in a wait. */
    private static Thread completeWhenBlocked(Thread waiter, Runnable completion) {
        Thread t = new Thread(() -> {
            Waits.untilBlocked(waiter);
            completion.run();
        });
        t.start();
        return t;
    }

    @Test
    void allCompletedWaitsForEveryFuture() {
        // Python: test_all_completed: done holds every future, not_done is empty
        SettableFuture<Integer> a = finished(1);
        SettableFuture<Integer> b = pending();
        SettableFuture<Integer> c = cancelled();
        completeWhenBlocked(Thread.currentThread(), () -> b.setResult(2));
        DoneAndNotDone<Integer> r = Futures.wait(List.of(a, b, c));
        assertThat(r.done()).containsExactlyInAnyOrder(a, b, c);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void firstCompletedReturnsAtTheFirstCompletion() {
        // Python: test_first_completed: returns once any future completes; the others stay not done
        SettableFuture<Integer> slow = pending();
        SettableFuture<Integer> fast = pending();
        completeWhenBlocked(Thread.currentThread(), () -> fast.setResult(1));
        DoneAndNotDone<Integer> r = Futures.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(fast);
        assertThat(r.notDone()).containsExactly(slow);
    }

    @Test
    void firstCompletedReturnsAtOnceWhenOneIsAlreadyDone() {
        // Python: test_first_completed_some_already_completed
        SettableFuture<Integer> done = finished(1);
        SettableFuture<Integer> p = pending();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(done, p), ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(done);
        assertThat(r.notDone()).containsExactly(p);
    }

    @Test
    void firstExceptionReturnsAtTheFirstFailure() {
        // Python: test_first_exception: returns when a future raises, leaving the slow one not done
        SettableFuture<Integer> ok = finished(1);
        SettableFuture<Integer> failing = pending();
        SettableFuture<Integer> slow = pending();
        completeWhenBlocked(Thread.currentThread(), () -> failing.setException(new IllegalStateException()));
        DoneAndNotDone<Integer> r = Futures.wait(List.of(ok, failing, slow), ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactlyInAnyOrder(ok, failing);
        assertThat(r.notDone()).containsExactly(slow);
    }

    @Test
    void firstExceptionIgnoresSuccessesAndCancellations() {
        // Python: test_first_exception_some_already_complete: a success or a cancel does not end the wait
        SettableFuture<Integer> ok = finished(1);
        SettableFuture<Integer> c = cancelled();
        SettableFuture<Integer> later = pending();
        SettableFuture<Integer> bad = pending();
        SettableFuture<Integer> slow = pending();
        Thread main = Thread.currentThread();
        completeWhenBlocked(main, () -> {
            later.setResult(5);        // a success: the wait goes on
            Waits.untilBlocked(main);
            bad.setException(new IllegalStateException("first exception"));
        });
        DoneAndNotDone<Integer> r = Futures.wait(List.of(ok, c, later, bad, slow), ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactlyInAnyOrder(ok, c, later, bad);
        assertThat(r.notDone()).containsExactly(slow);
    }

    @Test
    void firstExceptionReturnsAtOnceWhenOneAlreadyRaised() {
        // Python: test_first_exception_one_already_failed
        SettableFuture<Integer> bad = raised();
        SettableFuture<Integer> p = pending();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(bad, p), ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactly(bad);
        assertThat(r.notDone()).containsExactly(p);
    }

    @Test
    void firstExceptionReturnsWhenAllCompleteWithoutFailure() {
        // Python: FIRST_EXCEPTION is equivalent to ALL_COMPLETED when nothing raises
        SettableFuture<Integer> a = finished(1);
        SettableFuture<Integer> b = pending();
        completeWhenBlocked(Thread.currentThread(), () -> b.setResult(2));
        DoneAndNotDone<Integer> r = Futures.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactlyInAnyOrder(a, b);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    void waitTimeoutReturnsWhatIsDone() {
        // Python: test_timeout: wait(fs, timeout) returns after the timeout with the unfinished in not_done
        SettableFuture<Integer> a = finished(1);
        SettableFuture<Integer> b = pending();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(a, b), Duration.ofMillis(100), ReturnWhen.ALL_COMPLETED);
        assertThat(r.done()).containsExactly(a);
        assertThat(r.notDone()).containsExactly(b);
        DoneAndNotDone<Integer> r2 = Futures.wait(List.of(a, b), 0.05, ReturnWhen.FIRST_EXCEPTION);
        assertThat(r2.notDone()).containsExactly(b);
        assertThat(Futures.wait(List.of(b), Duration.ZERO).notDone()).containsExactly(b);
        assertThatThrownBy(() -> Futures.wait(List.of(b), -1.0, ReturnWhen.ALL_COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitOnNothingAndDuplicates() {
        // Python: wait(set()) returns at once; duplicates collapse (fs = set(fs))
        DoneAndNotDone<Integer> empty = Futures.wait(List.<Future<Integer>>of());
        assertThat(empty.done()).isEmpty();
        assertThat(empty.notDone()).isEmpty();
        SettableFuture<Integer> a = finished(1);
        assertThat(Futures.wait(List.of(a, a, a)).done()).containsExactly(a);
    }

    @Test
    void waitWorksOnPoolFuturesAndLeavesNoWaiters() {
        // Python: test_pending_calls_race / waiters are removed after wait returns
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(4)) {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    if (n == 19) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    return n;
                }));
            }
            for (int round = 0; round < 3; round++) {
                DoneAndNotDone<Integer> r = Futures.wait(fs, Duration.ofMillis(20), ReturnWhen.ALL_COMPLETED);
                assertThat(r.done().size() + r.notDone().size()).isEqualTo(20);
            }
            release.countDown();
            assertThat(Futures.wait(fs).notDone()).isEmpty();
        }
    }

    @Test
    void asCompletedYieldsDoneFirstThenInCompletionOrder() {
        // Python: test_no_timeout / test_correct_timeout_exception_msg: finished futures first, then as they finish
        SettableFuture<Integer> done = finished(1);
        SettableFuture<Integer> second = pending();
        SettableFuture<Integer> third = pending();
        Iterator<Future<Integer>> it = Futures.asCompleted(List.of(third, done, second)).iterator();
        assertThat(it.next()).isSameAs(done);
        second.setResult(2);
        assertThat(it.next()).isSameAs(second);
        completeWhenBlocked(Thread.currentThread(), () -> third.setResult(3));
        assertThat(it.next()).isSameAs(third);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void asCompletedTimeoutNamesTheUnfinished() {
        // Python: test_correct_timeout_exception_msg: TimeoutError('2 (of 3) futures unfinished')
        SettableFuture<Integer> done = finished(1);
        Iterable<Future<Integer>> it = Futures.asCompleted(List.of(done, pending(), pending()), Duration.ofMillis(100));
        List<Future<Integer>> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (Future<Integer> f : it) {
                seen.add(f);
            }
        }).isInstanceOf(TimeoutException.class).hasMessage("2 (of 3) futures unfinished");
        assertThat(seen).containsExactly(done);
    }

    @Test
    void asCompletedZeroTimeoutStillYieldsFinished() {
        // Python: test_zero_timeout: finished futures are yielded even with timeout=0
        SettableFuture<Integer> a = finished(1);
        SettableFuture<Integer> b = raised();
        SettableFuture<Integer> c = cancelled();
        Set<Future<Integer>> seen = new HashSet<>();
        Iterator<Future<Integer>> it = Futures.asCompleted(List.of(a, b, c, pending()), 0.0).iterator();
        for (int i = 0; i < 3; i++) {
            seen.add(it.next());
        }
        assertThat(seen).containsExactlyInAnyOrder(a, b, c);
        assertThatThrownBy(it::next).isInstanceOf(TimeoutException.class).hasMessage("1 (of 4) futures unfinished");
    }

    @Test
    void asCompletedIgnoresDuplicates() {
        // Python: test_duplicate_futures: each future is yielded once
        SettableFuture<Integer> a = finished(1);
        List<Future<Integer>> seen = new ArrayList<>();
        for (Future<Integer> f : Futures.asCompleted(List.of(a, a, a))) {
            seen.add(f);
        }
        assertThat(seen).containsExactly(a);
    }

    @Test
    void asCompletedWorksWithForeignFutureImplementations() {
        // Python: as_completed works with any Future; here a Future that is not the library's own
        SettableFuture<Integer> inner = pending();
        Future<Integer> foreign = new ForwardingFuture<>(inner);
        Iterator<Future<Integer>> it = Futures.asCompleted(List.of(foreign)).iterator();
        completeWhenBlocked(Thread.currentThread(), () -> inner.setResult(9));
        assertThat(it.next()).isSameAs(foreign);
        assertThat(Futures.wait(List.of(foreign), ReturnWhen.FIRST_COMPLETED).done()).containsExactly(foreign);
    }

    @Test
    void scenarioT7ReturnValuesThroughAsCompleted() {
        // SCENARIOS T7 / Python docs example: collect pool results with as_completed
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                fs.add(pool.submit(() -> "result " + n));
            }
            Set<String> results = new HashSet<>();
            for (Future<String> f : Futures.asCompleted(fs, Duration.ofSeconds(30))) {
                results.add(f.result());
            }
            assertThat(results).hasSize(10).contains("result 0", "result 9");
        }
    }

    @Test
    void interruptedWaitThrows() throws Exception {
        // Python translation rule: an interrupted wait raises ThreadInterruptedException with the flag set
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Futures.wait(List.of(pending()));
            } catch (Throwable e) {
                got.set(e);
            }
        });
        t.start();
        Waits.untilBlocked(t);
        t.interrupt();
        t.join(20_000);
        assertThat(got.get()).isInstanceOf(dev.pyconcurrent.ThreadInterruptedException.class);
    }

    /** A Future implemented outside the library: everything forwarded. */
    private static final class ForwardingFuture<T> implements Future<T> {
        private final Future<T> d;

        ForwardingFuture(Future<T> d) {
            this.d = d;
        }

        @Override public T result() { return d.result(); }
        @Override public T result(double t) { return d.result(t); }
        @Override public T result(Duration t) { return d.result(t); }
        @Override public Throwable exception() { return d.exception(); }
        @Override public Throwable exception(double t) { return d.exception(t); }
        @Override public Throwable exception(Duration t) { return d.exception(t); }
        @Override public boolean cancel() { return d.cancel(); }
        @Override public boolean cancelled() { return d.cancelled(); }
        @Override public boolean running() { return d.running(); }
        @Override public boolean done() { return d.done(); }
        @Override public void addDoneCallback(java.util.function.Consumer<? super Future<T>> fn) { d.addDoneCallback(x -> fn.accept(this)); }
        @Override public java.util.concurrent.CompletableFuture<T> toCompletableFuture() { return d.toCompletableFuture(); }
        @Override public boolean cancel(boolean b) { return d.cancel(b); }
        @Override public boolean isCancelled() { return d.isCancelled(); }
        @Override public boolean isDone() { return d.isDone(); }
        @Override public T get() throws InterruptedException, java.util.concurrent.ExecutionException { return d.get(); }
        @Override public T get(long t, TimeUnit u) throws InterruptedException, java.util.concurrent.ExecutionException,
                java.util.concurrent.TimeoutException { return d.get(t, u); }
    }
}
