package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.ThreadInterruptedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockTest {

    @Test
    void acquireAndReleaseToggleLocked() {
        // Python: lock.acquire() makes locked() True, release() makes it False
        Lock lock = new Lock();
        assertThat(lock.locked()).isFalse();
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.locked()).isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void nonBlockingAcquireFailsWhenLocked() {
        // Python: lock.acquire(False) returns False on a locked lock, even in the holder's thread
        Lock lock = new Lock();
        assertThat(lock.acquire(false)).isTrue();
        assertThat(lock.acquire(false)).isFalse();
    }

    @Test
    void timedAcquireTimesOut() {
        // Python: lock.acquire(timeout=0.05) returns False on a locked lock after the timeout
        Lock lock = new Lock();
        lock.acquire();
        assertThat(lock.acquire(0.05)).isFalse();
        assertThat(lock.acquire(Duration.ofMillis(20))).isFalse();
        assertThat(lock.acquire(0.0)).isFalse();
    }

    @Test
    void releaseUnlockedIsAnError() {
        // Python: RuntimeError('release unlocked lock')
        Lock lock = new Lock();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("release unlocked lock");
    }

    @Test
    void anotherThreadMayRelease() throws Exception {
        // Python: a Lock acquired in one thread may be released by another
        Lock lock = new Lock();
        lock.acquire();
        CompletableFuture.runAsync(lock::release).get(10, TimeUnit.SECONDS);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void badTimeoutsAreRejected() {
        // Python: ValueError for a negative timeout
        Lock lock = new Lock();
        assertThatThrownBy(() -> lock.acquire(-2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.acquire(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void holdReleasesOnceOnClose() {
        // Python: `with lock:` releases at the end of the block, once
        Lock lock = new Lock();
        Held h = lock.hold();
        assertThat(lock.locked()).isTrue();
        h.close();
        assertThat(lock.locked()).isFalse();
        h.close();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void interruptedAcquireThrowsAndKeepsFlag() {
        // API.md §1: interrupted blocking call -> ThreadInterruptedException, flag set again
        Lock lock = new Lock();
        lock.acquire();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(lock::acquire).isInstanceOf(ThreadInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> lock.acquire(1.0)).isInstanceOf(ThreadInterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void reprLikePython() {
        // Python: repr(lock) says unlocked/locked
        Lock lock = new Lock();
        assertThat(lock.toString()).contains("unlocked");
        lock.acquire();
        assertThat(lock.toString()).contains("locked").doesNotContain("unlocked");
    }
}
