package dev.pyconcurrent.threading;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimerTest {

    @AfterEach
    void restore() {
        Threading.setExcepthook(Threading.defaultExcepthook());
    }

    @Test
    void firesAfterTheInterval() throws Exception {
        // Python: Timer(0.05, f).start() calls f once, no earlier than 0.05 s later (SCENARIOS S5)
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        long[] firedAt = new long[1];
        Timer timer = new Timer(0.05, () -> {
            firedAt[0] = System.nanoTime();
            ranIn.set(Threading.currentThread());
            fired.countDown();
        });
        long startedAt = System.nanoTime();
        timer.start();
        assertThat(fired.await(20, TimeUnit.SECONDS)).isTrue();
        timer.join();
        assertThat(firedAt[0] - startedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ranIn.get()).isSameAs(timer);
        assertThat(timer.isCancelled()).isFalse();
        assertThat(timer.isAlive()).isFalse();
    }

    @Test
    void durationIntervalWorks() throws Exception {
        // Python: Timer(interval, f) with the interval given as a Duration
        CountDownLatch fired = new CountDownLatch(1);
        Timer timer = new Timer(Duration.ofMillis(10), fired::countDown);
        assertThat(timer.getInterval()).isEqualTo(Duration.ofMillis(10));
        timer.start();
        assertThat(fired.await(20, TimeUnit.SECONDS)).isTrue();
        timer.join();
    }

    @Test
    void cancelBeforeFiringMeansNeverRuns() {
        // Python: t.cancel() before the interval elapses: the function never runs (SCENARIOS S5)
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(60.0, runs::incrementAndGet);
        timer.start();
        timer.cancel();
        // cancel wakes the timer: it ends long before its 60 s interval
        assertThat(timer.join(Waits.DEFAULT)).isTrue();
        assertThat(runs).hasValue(0);
        assertThat(timer.isCancelled()).isTrue();
    }

    @Test
    void cancelWhileTheTimerWaits() {
        // Python: cancel() from another thread while the timer sleeps stops it
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(Duration.ofDays(1), runs::incrementAndGet);
        timer.start();
        assertThat(timer.join(0.02)).isFalse();
        timer.cancel();
        assertThat(timer.join(Waits.DEFAULT)).isTrue();
        assertThat(runs).hasValue(0);
    }

    @Test
    void cancelBeforeStartMeansNeverRuns() {
        // Python: a Timer cancelled before start() finishes at once without calling the function
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(0.0, runs::incrementAndGet);
        timer.cancel();
        timer.start();
        timer.join();
        assertThat(runs).hasValue(0);
        assertThat(timer.isCancelled()).isTrue();
    }

    @Test
    void cancelAfterFiringChangesNothing() {
        // Python: cancel() after the function ran does nothing
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(0.0, runs::incrementAndGet);
        timer.start();
        timer.join();
        timer.cancel();
        assertThat(runs).hasValue(1);
        assertThat(timer.isCancelled()).isFalse();
    }

    @Test
    void cancelRacingExpiryIsAllOrNothing() {
        // Python: cancel() vs expiry: either the function ran (cancel too late) or it never runs
        for (int i = 0; i < 300; i++) {
            AtomicInteger runs = new AtomicInteger();
            Timer timer = new Timer(0.0, runs::incrementAndGet);
            timer.start();
            timer.cancel();
            timer.join();
            assertThat(runs.get()).as("round %d", i).isEqualTo(timer.isCancelled() ? 0 : 1);
        }
    }

    @Test
    void badIntervalsAreRejected() {
        // API.md §1: a negative or NaN interval is an IllegalArgumentException
        assertThatThrownBy(() -> new Timer(-1.0, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timer(Double.NaN, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timer(Duration.ofMillis(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timer(1.0, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void namedAndPrintedLikeAThread() {
        // Python: a Timer is named "Thread-N" and its repr is <Timer(Thread-N, initial)>
        Timer timer = new Timer(1.0, () -> { });
        assertThat(timer.getName()).matches("Thread-\\d+");
        assertThat(timer).hasToString("<Timer(" + timer.getName() + ", initial)>");
        timer.setDaemon(true);
        timer.start();
        timer.cancel();
        timer.join();
        assertThat(timer).hasToString("<Timer(" + timer.getName() + ", stopped daemon " + timer.getIdent() + ")>");
    }

    @Test
    void exceptionFromFunctionGoesToExcepthook() throws Exception {
        // Python: an exception in the timer's function reaches threading.excepthook
        CompletableFuture<ExceptHookArgs> got = new CompletableFuture<>();
        Threading.setExcepthook(got::complete);
        Timer timer = new Timer(0.0, () -> {
            throw new IllegalStateException("late");
        });
        timer.start();
        timer.join();
        ExceptHookArgs args = got.get(20, TimeUnit.SECONDS);
        assertThat(args.exception()).hasMessage("late");
        assertThat(args.thread()).isSameAs(timer);
    }

    @Test
    void interruptingTheTimerThreadCancelsIt() throws Exception {
        // Interruption policy: an interrupted timer does not fire and its thread ends
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(Duration.ofDays(1), runs::incrementAndGet);
        timer.setName("timer-to-interrupt-" + System.nanoTime());
        timer.start();
        java.lang.Thread javaThread = java.lang.Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(timer.getName())).findFirst().orElseThrow();
        Waits.untilBlocked(javaThread);
        javaThread.interrupt();
        assertThat(timer.join(Waits.DEFAULT)).isTrue();
        assertThat(runs).hasValue(0);
        assertThat(timer.isCancelled()).isTrue();
    }
}
