package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {

    /** Starts a thread that waits once on {@code cond} (holding its lock) and counts its wake-up. */
    private static Bg<Boolean> waiter(Condition cond, String name, AtomicInteger woke) {
        return Bg.call(name, () -> {
            try (Held h = cond.hold()) {
                boolean got = cond.await();
                woke.incrementAndGet();
                return got;
            }
        });
    }

    @Test
    void defaultLockIsReentrant() {
        // Python lock_tests.ConditionTests.test_acquire: Condition() wraps an RLock
        Condition cond = new Condition();
        assertThat(cond.acquire()).isTrue();
        assertThat(cond.acquire(false)).isTrue();
        assertThat(Bg.call("other", () -> cond.acquire(false)).get()).isFalse();
        cond.release();
        cond.release();
        assertThat(Bg.call("other", () -> {
            boolean got = cond.acquire(0.5);
            cond.release();
            return got;
        }).get()).isTrue();
    }

    @Test
    void acquirableDelegatesToTheLock() {
        // Python: Condition.acquire/release/`with` are those of the underlying lock
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        assertThat(cond.acquire(Duration.ofMillis(10))).isTrue();
        assertThat(lock.locked()).isTrue();
        assertThat(cond.acquire(0.01)).isFalse();
        cond.release();
        assertThat(lock.locked()).isFalse();
        try (Held h = cond.hold()) {
            assertThat(lock.locked()).isTrue();
        }
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void waitWithoutLockIsAnError() {
        // Python lock_tests.test_unacquired_wait: RuntimeError('cannot wait on un-acquired lock')
        Condition cond = new Condition();
        assertThatThrownBy(cond::await).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot wait on un-acquired lock");
        assertThatThrownBy(() -> cond.await(0.1)).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> cond.waitFor(() -> false, 0.1)).isInstanceOf(IllegalMonitorStateException.class);
        Condition overLock = new Condition(new Lock());
        assertThatThrownBy(overLock::await).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot wait on un-acquired lock");
    }

    @Test
    void waitWhileAnotherThreadOwnsRLockIsAnError() {
        // Python: Condition over RLock checks the owner exactly
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        lock.acquire();
        Throwable t = Bg.call("not-owner", () -> cond.await(1.0)).failure();
        assertThat(t).isInstanceOf(IllegalMonitorStateException.class).hasMessage("cannot wait on un-acquired lock");
    }

    @Test
    void notifyWithoutLockIsAnError() {
        // Python lock_tests.test_unacquired_notify: RuntimeError('cannot notify on un-acquired lock')
        Condition cond = new Condition();
        assertThatThrownBy(cond::signal).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot notify on un-acquired lock");
        assertThatThrownBy(() -> cond.signal(2)).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(cond::signalAll).isInstanceOf(IllegalMonitorStateException.class);
        Condition overLock = new Condition(new Lock());
        assertThatThrownBy(overLock::signal).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot notify on un-acquired lock");
    }

    @Test
    void overPlainLockOwnershipIsLockedness() {
        // Python Condition._is_owned for a Lock: "owned" means locked, by any thread
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        lock.acquire();
        Bg.run("notifier", cond::signal).get();
        assertThat(lock.locked()).isTrue();
        lock.release();
        assertThatThrownBy(cond::signal).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void timedWaitReturnsFalseAndReacquires() {
        // Python lock_tests.test_timeout: wait(timeout) returns False and holds the lock again
        Condition cond = new Condition();
        try (Held h = cond.hold()) {
            assertThat(cond.await(0.02)).isFalse();
            assertThat(cond.await(Duration.ofMillis(10))).isFalse();
            assertThat(cond.await(0.0)).isFalse();
            assertThat(Bg.call("other", () -> cond.acquire(false)).get()).isFalse();
            assertThat(cond.waiterCount()).isZero();
        }
    }

    @Test
    void badTimeoutsAreRejected() {
        // Python: negative timeout -> ValueError (API.md §1)
        Condition cond = new Condition();
        try (Held h = cond.hold()) {
            assertThatThrownBy(() -> cond.await(-1.0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cond.await(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cond.waitFor(() -> false, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void signalWakesWaiterOverPlainLock() {
        // Python lock_tests.test_notify with Condition(Lock()): notify wakes a waiter, which returns True
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        AtomicInteger woke = new AtomicInteger();
        Bg<Boolean> w = waiter(cond, "waiter", woke);
        Waits.until("waiter queued", () -> cond.waiterCount() == 1);
        try (Held h = cond.hold()) {
            cond.signal();
        }
        assertThat(w.get()).isTrue();
        assertThat(woke.get()).isEqualTo(1);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void awaitOverRLockReleasesFullyAndRestoresDepth() {
        // Python: Condition.wait over an RLock held 3 deep releases it fully and restores depth 3
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        lock.acquire();
        lock.acquire();
        lock.acquire();
        Bg<Boolean> notifier = Bg.call("notifier", () -> {
            Waits.until("waiter queued", () -> cond.waiterCount() == 1);
            boolean got = lock.acquire(10.0);   // only possible if await released all 3 levels
            cond.signal();
            lock.release();
            return got;
        });
        assertThat(cond.await(30.0)).isTrue();
        assertThat(notifier.get()).isTrue();
        lock.release();
        lock.release();
        assertThat(lock.isOwnedByCurrentThread()).isTrue();
        lock.release();
        assertThat(lock.isOwnedByCurrentThread()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void signalNWakesExactlyN() {
        // Python lock_tests.test_notify / SCENARIOS S4: notify(n) wakes exactly n of the waiters
        Condition cond = new Condition();
        AtomicInteger woke = new AtomicInteger();
        List<Bg<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(waiter(cond, "waiter-" + i, woke));
        }
        Waits.until("5 waiters queued", () -> cond.waiterCount() == 5);
        try (Held h = cond.hold()) {
            cond.signal(2);
            assertThat(cond.waiterCount()).isEqualTo(3);
        }
        Waits.until("2 wake-ups", () -> woke.get() == 2);
        assertThat(cond.waiterCount()).isEqualTo(3);
        try (Held h = cond.hold()) {
            cond.signal(0);
            assertThat(cond.waiterCount()).isEqualTo(3);
            cond.signal();
        }
        Waits.until("3 wake-ups", () -> woke.get() == 3);
        assertThat(cond.waiterCount()).isEqualTo(2);
        try (Held h = cond.hold()) {
            cond.signalAll();
        }
        waiters.forEach(w -> assertThat(w.get()).isTrue());
        assertThat(woke.get()).isEqualTo(5);
    }

    @Test
    void signalIsFifo() {
        // Python: notify() wakes the longest-waiting thread first (the _waiters deque)
        Condition cond = new Condition();
        List<String> order = new CopyOnWriteArrayList<>();
        List<Bg<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "w" + i;
            waiters.add(Bg.run(name, () -> {
                try (Held h = cond.hold()) {
                    cond.await();
                    order.add(name);
                }
            }));
            int queued = i + 1;
            Waits.until("waiter " + i + " queued", () -> cond.waiterCount() == queued);
        }
        for (int i = 0; i < 3; i++) {
            try (Held h = cond.hold()) {
                cond.signal();
            }
            int done = i + 1;
            Waits.until("wake-up " + i, () -> order.size() == done);
        }
        waiters.forEach(Bg::get);
        assertThat(order).containsExactly("w0", "w1", "w2");
    }

    @Test
    void waitForReturnsAtOnceWhenTrue() {
        // Python lock_tests.test_waitfor: a true predicate returns without waiting
        Condition cond = new Condition();
        try (Held h = cond.hold()) {
            assertThat(cond.waitFor(() -> true)).isTrue();
            assertThat(cond.waitFor(() -> true, 0.0)).isTrue();
            assertThat(cond.waiterCount()).isZero();
        }
    }

    @Test
    void waitForWakesWhenPredicateBecomesTrue() {
        // Python lock_tests.test_waitfor: wait_for re-checks after each notify until the predicate holds
        Condition cond = new Condition();
        AtomicInteger state = new AtomicInteger();
        Bg<Boolean> w = Bg.call("waiter", () -> {
            try (Held h = cond.hold()) {
                return cond.waitFor(() -> state.get() == 3);
            }
        });
        for (int i = 1; i <= 3; i++) {
            Waits.until("waiter queued", () -> cond.waiterCount() == 1);
            try (Held h = cond.hold()) {
                state.set(i);
                cond.signal();
            }
        }
        assertThat(w.get()).isTrue();
    }

    @Test
    void waitForTimesOutWithFalse() {
        // Python lock_tests.test_waitfor_timeout: wait_for(pred, timeout) returns the false predicate after the timeout
        Condition cond = new Condition();
        AtomicInteger calls = new AtomicInteger();
        try (Held h = cond.hold()) {
            long start = System.nanoTime();
            assertThat(cond.waitFor(() -> {
                calls.incrementAndGet();
                return false;
            }, 0.1)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThat(cond.waitFor(() -> false, Duration.ofMillis(10))).isFalse();
            assertThat(Bg.call("other", () -> cond.acquire(false)).get()).isFalse();
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void waitForTimeoutSeesLateTruth() {
        // Python lock_tests.test_waitfor_timeout: the predicate made true by a notifier before the timeout wins
        Condition cond = new Condition();
        AtomicBoolean ready = new AtomicBoolean();
        Bg<Boolean> w = Bg.call("waiter", () -> {
            try (Held h = cond.hold()) {
                return cond.waitFor(ready::get, 30.0);
            }
        });
        Waits.until("waiter queued", () -> cond.waiterCount() == 1);
        try (Held h = cond.hold()) {
            ready.set(true);
            cond.signalAll();
        }
        assertThat(w.get()).isTrue();
    }

    @Test
    void interruptedAwaitReacquiresAndDoesNotWasteSignal() {
        // API.md §1 + Python wait's finally-restore: an interrupted wait holds the lock again, leaves the queue,
        // and a later notify goes to a thread that is still waiting
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        AtomicBoolean ownedInCatch = new AtomicBoolean();
        Bg<Boolean> first = Bg.call("first", () -> {
            lock.acquire();
            lock.acquire();
            try {
                return cond.await();
            } catch (ThreadInterruptedException e) {
                ownedInCatch.set(lock.isOwnedByCurrentThread());
                lock.release();
                ownedInCatch.set(ownedInCatch.get() && lock.isOwnedByCurrentThread());
                throw e;
            } finally {
                lock.release();
            }
        });
        Waits.until("first queued", () -> cond.waiterCount() == 1);
        AtomicInteger woke = new AtomicInteger();
        Bg<Boolean> second = waiter(cond, "second", woke);
        Waits.until("second queued", () -> cond.waiterCount() == 2);
        first.thread.interrupt();
        assertThat(first.failure()).isInstanceOf(ThreadInterruptedException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(first.interruptedAtEnd).isTrue();
        assertThat(ownedInCatch.get()).as("depth 2 restored before the exception").isTrue();
        assertThat(cond.waiterCount()).isEqualTo(1);
        try (Held h = cond.hold()) {
            cond.signal();
        }
        assertThat(second.get()).isTrue();
        assertThat(woke.get()).isEqualTo(1);
    }

    @Test
    void interruptedTimedAwaitThrows() {
        // API.md §1: the bounded await is interruptible too, and re-acquires before throwing
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        Bg<Boolean> w = Bg.call("waiter", () -> {
            lock.acquire();
            try {
                return cond.await(Duration.ofSeconds(30));
            } finally {
                lock.release();   // fails with "release unlocked lock" if not re-acquired
            }
        });
        Waits.until("waiter queued", () -> cond.waiterCount() == 1);
        w.thread.interrupt();
        assertThat(w.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(w.interruptedAtEnd).isTrue();
        assertThat(cond.waiterCount()).isZero();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void awaitEnteredInterruptedThrowsAtOnce() {
        // API.md §1: a blocking call entered with the interrupt flag set throws at once; the lock stays held
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        lock.acquire();
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(cond::await).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> cond.waitFor(() -> false, 1.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(lock.isOwnedByCurrentThread()).isTrue();
            assertThat(cond.waiterCount()).isZero();
        } finally {
            java.lang.Thread.interrupted();
            lock.release();
        }
    }

    @Test
    void reprNamesLockAndWaiters() {
        // Python: repr(Condition) shows the lock and the number of waiters
        Condition cond = new Condition(new Lock());
        assertThat(cond.toString()).isEqualTo("<Condition(<unlocked Lock>, 0)>");
    }
}
