package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemaphoreTest {

    @Test
    void negativeInitialValueIsRejected() {
        // Python lock_tests.BaseSemaphoreTests.test_constructor: ValueError for value < 0
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore initial value must be >= 0");
        assertThat(new Semaphore(0).getValue()).isZero();
    }

    @Test
    void defaultValueIsOne() {
        // Python lock_tests.test_default_value: Semaphore() lets one thread in
        Semaphore sem = new Semaphore();
        assertThat(sem.getValue()).isEqualTo(1);
        assertThat(sem.acquire(false)).isTrue();
        assertThat(sem.acquire(false)).isFalse();
    }

    @Test
    void acquireAndReleaseCount() {
        // Python lock_tests.test_acquire: acquire decrements, release increments
        Semaphore sem = new Semaphore(3);
        assertThat(sem.acquire()).isTrue();
        assertThat(sem.acquire(true)).isTrue();
        assertThat(sem.acquire(1.0)).isTrue();
        assertThat(sem.getValue()).isZero();
        assertThat(sem.acquire(false)).isFalse();
        sem.release();
        assertThat(sem.getValue()).isEqualTo(1);
        sem.release(2);
        assertThat(sem.getValue()).isEqualTo(3);
    }

    @Test
    void releaseBelowOneIsRejected() {
        // Python: Semaphore.release(0) raises ValueError('n must be one or more')
        Semaphore sem = new Semaphore(1);
        assertThatThrownBy(() -> sem.release(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be one or more");
        assertThatThrownBy(() -> sem.release(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sem.getValue()).isEqualTo(1);
    }

    @Test
    void plainSemaphoreMayGoAboveInitialValue() {
        // Python: an unbounded Semaphore accepts extra releases, from any thread
        Semaphore sem = new Semaphore(0);
        Bg.run("releaser", sem::release).get();
        sem.release();
        assertThat(sem.getValue()).isEqualTo(2);
    }

    @Test
    void timedAcquireTimesOut() {
        // Python lock_tests.test_acquire_timeout: acquire(timeout=...) returns False when value stays 0
        Semaphore sem = new Semaphore(0);
        assertThat(sem.acquire(0.02)).isFalse();
        assertThat(sem.acquire(Duration.ofMillis(10))).isFalse();
        assertThat(sem.acquire(0.0)).isFalse();
        assertThatThrownBy(() -> sem.acquire(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sem.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multiReleaseWakesExactlyN() {
        // Python lock_tests.test_multirelease: release(n) lets exactly n blocked acquirers through
        Semaphore sem = new Semaphore(0);
        AtomicInteger through = new AtomicInteger();
        List<Bg<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(Bg.run("acquirer-" + i, () -> {
                sem.acquire();
                through.incrementAndGet();
            }));
        }
        waiters.forEach(w -> Waits.untilBlocked(w.thread));
        sem.release(3);
        Waits.until("3 acquirers through", () -> through.get() == 3);
        assertThat(sem.getValue()).isZero();
        assertThat(waiters.stream().filter(Bg::isDone).count()).isLessThanOrEqualTo(3);
        assertThat(through.get()).isEqualTo(3);
        sem.release(2);
        waiters.forEach(Bg::get);
        assertThat(through.get()).isEqualTo(5);
        assertThat(sem.getValue()).isZero();
    }

    @Test
    void contendedAcquireProceedsOnRelease() {
        // Python lock_tests.test_acquire_contended: a blocked acquire proceeds when another thread releases
        Semaphore sem = new Semaphore(1);
        sem.acquire();
        Bg<Boolean> waiter = Bg.call("waiter", sem::acquire);
        Waits.untilBlocked(waiter.thread);
        assertThat(waiter.isDone()).isFalse();
        sem.release();
        assertThat(waiter.get()).isTrue();
        assertThat(sem.getValue()).isZero();
    }

    @Test
    void holdReleasesOnce() {
        // Python lock_tests.test_with: `with sem:` takes one unit and gives it back once
        Semaphore sem = new Semaphore(2);
        Held h = sem.hold();
        assertThat(sem.getValue()).isEqualTo(1);
        h.close();
        h.close();
        assertThat(sem.getValue()).isEqualTo(2);
    }

    @Test
    void interruptedBeforeAcquireThrowsAndKeepsFlag() {
        // API.md §1: a blocking call entered with the interrupt flag set throws at once, flag kept
        Semaphore sem = new Semaphore(0);
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(sem::acquire).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> sem.acquire(Duration.ofSeconds(1))).isInstanceOf(ThreadInterruptedException.class);
        } finally {
            java.lang.Thread.interrupted();
        }
    }

    @Test
    void interruptedWhileBlockedThrowsAndKeepsFlag() {
        // API.md §1: interrupting a thread blocked in acquire -> ThreadInterruptedException, flag set again
        Semaphore sem = new Semaphore(0);
        Bg<Boolean> waiter = Bg.call("waiter", () -> sem.acquire(30.0));
        Waits.untilBlocked(waiter.thread);
        waiter.thread.interrupt();
        assertThat(waiter.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(waiter.interruptedAtEnd).isTrue();
        assertThat(sem.getValue()).isZero();
    }

    @Test
    void reprShowsValue() {
        // Python: repr(Semaphore(3)) shows value=3
        Semaphore sem = new Semaphore(3);
        assertThat(sem.toString()).startsWith("<Semaphore at 0x").endsWith("value=3>");
    }
}
