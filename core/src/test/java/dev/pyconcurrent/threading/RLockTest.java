package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RLockTest {

    @Test
    void reacquireCountsLevels() {
        // Python lock_tests.RLockTests.test_reacquire: acquire 3x, release 3x, a 4th release fails
        RLock lock = new RLock();
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.acquire()).isTrue();
        lock.release();
        lock.release();
        assertThat(lock.isOwnedByCurrentThread()).isTrue();
        lock.release();
        assertThat(lock.isOwnedByCurrentThread()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock");
    }

    @Test
    void releaseUnacquiredIsAnError() {
        // Python: RLock().release() raises RuntimeError('cannot release un-acquired lock')
        RLock lock = new RLock();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock");
    }

    @Test
    void nonOwnerCannotRelease() {
        // Python lock_tests.RLockTests.test_different_thread: release from another thread raises RuntimeError
        RLock lock = new RLock();
        lock.acquire();
        Throwable t = Bg.run("releaser", lock::release).failure();
        assertThat(t).isInstanceOf(IllegalMonitorStateException.class).hasMessage("cannot release un-acquired lock");
        assertThat(lock.isOwnedByCurrentThread()).isTrue();
        lock.release();
    }

    @Test
    void ownerTryAcquireSucceedsOthersFail() {
        // Python: rlock.acquire(False) succeeds in the owner, fails in another thread until fully released
        RLock lock = new RLock();
        lock.acquire();
        assertThat(lock.acquire(false)).isTrue();
        assertThat(Bg.call("try", () -> lock.acquire(false)).get()).isFalse();
        assertThat(Bg.call("timed", () -> lock.acquire(0.02)).get()).isFalse();
        assertThat(Bg.call("owned?", lock::isOwnedByCurrentThread).get()).isFalse();
        lock.release();
        assertThat(Bg.call("try", () -> lock.acquire(false)).get()).isFalse();
        lock.release();
        assertThat(Bg.call("try", () -> {
            boolean got = lock.acquire(false);
            lock.release();
            return got;
        }).get()).isTrue();
    }

    @Test
    void contendedAcquireWaitsForFullRelease() {
        // Python lock_tests.test_acquire_contended: a blocked acquire proceeds once the owner releases
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        Bg<Boolean> waiter = Bg.call("waiter", () -> {
            lock.acquire();
            boolean owned = lock.isOwnedByCurrentThread();
            lock.release();
            return owned;
        });
        Waits.untilBlocked(waiter.thread);
        lock.release();
        Waits.untilBlocked(waiter.thread);
        assertThat(waiter.isDone()).isFalse();
        lock.release();
        assertThat(waiter.get()).isTrue();
    }

    @Test
    void timedAcquireTimesOut() {
        // Python: acquire(timeout=...) returns False if another thread keeps the lock
        RLock lock = new RLock();
        Bg.run("owner", lock::acquire).get();
        assertThat(lock.acquire(0.02)).isFalse();
        assertThat(lock.acquire(Duration.ofMillis(10))).isFalse();
        assertThat(lock.acquire(0.0)).isFalse();
    }

    @Test
    void badTimeoutsAreRejected() {
        // Python lock_tests.test_timeout: ValueError for a negative timeout
        RLock lock = new RLock();
        assertThatThrownBy(() -> lock.acquire(-2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.acquire(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(lock.isOwnedByCurrentThread()).isFalse();
    }

    @Test
    void holdNestsAndReleasesOnce() {
        // Python: nested `with rlock:` blocks release one level each, once
        RLock lock = new RLock();
        try (Held outer = lock.hold()) {
            Held inner = lock.hold();
            inner.close();
            inner.close();
            assertThat(lock.isOwnedByCurrentThread()).isTrue();
        }
        assertThat(lock.isOwnedByCurrentThread()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void interruptedBeforeAcquireThrowsAndKeepsFlag() {
        // API.md §1: a blocking call entered with the interrupt flag set throws at once, flag kept
        RLock lock = new RLock();
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(lock::acquire).isInstanceOf(ThreadInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> lock.acquire(1.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(lock.isOwnedByCurrentThread()).isFalse();
        } finally {
            java.lang.Thread.interrupted();
        }
    }

    @Test
    void interruptedWhileBlockedThrowsAndKeepsFlag() {
        // API.md §1: interrupting a thread blocked in acquire -> ThreadInterruptedException, flag set again
        RLock lock = new RLock();
        lock.acquire();
        Bg<Boolean> waiter = Bg.call("waiter", lock::acquire);
        Waits.untilBlocked(waiter.thread);
        waiter.thread.interrupt();
        assertThat(waiter.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(waiter.interruptedAtEnd).isTrue();
        assertThat(lock.isOwnedByCurrentThread()).isTrue();
        lock.release();
    }

    @Test
    void reprShowsStateAndCount() {
        // Python: repr(RLock) shows locked/unlocked, owner and count
        RLock lock = new RLock();
        assertThat(lock.toString()).startsWith("<unlocked RLock").contains("count=0");
        lock.acquire();
        lock.acquire();
        assertThat(lock.toString()).startsWith("<locked RLock")
                .contains("owner=" + java.lang.Thread.currentThread().getName()).contains("count=2");
    }
}
