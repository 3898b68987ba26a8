package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import dev.pyconcurrent.threading.Acquirable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryLockTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static boolean tryInOtherThread(Acquirable lock) throws InterruptedException {
        AtomicBoolean got = new AtomicBoolean();
        java.lang.Thread t = new java.lang.Thread(() -> {
            got.set(lock.acquire(false) || lock.acquire(0.02) || lock.acquire(Duration.ofMillis(5)));
            if (got.get()) {
                lock.release();
            }
        });
        t.start();
        t.join(60_000);
        return got.get();
    }

    @Test
    void getLockIsReentrantAndOwnedByTheThread() throws Exception {
        // Python: v.get_lock() is an RLock: the owner may acquire it again, other threads wait
        Value v = Value.ofLong(0);
        Acquirable lock = v.getLock();
        assertThat(v.getLock()).isSameAs(lock);
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.acquire(false)).isTrue();
        assertThat(lock.acquire(0.5)).isTrue();
        assertThat(tryInOtherThread(lock)).isFalse();
        lock.release();
        lock.release();
        assertThat(tryInOtherThread(lock)).isFalse();
        lock.release();
        assertThat(tryInOtherThread(lock)).isTrue();
        assertThat(v.getLong()).as("the lock does not touch the number").isZero();
    }

    @Test
    void releasingALockNotOwnedIsRefused() throws Exception {
        // Python: RLock.release() by a thread that does not own it raises RuntimeError
        Array a = Array.ofLongs(2);
        Acquirable lock = a.getLock();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("cannot release un-acquired lock");
        lock.acquire();
        AtomicReference<Throwable> got = new AtomicReference<>();
        java.lang.Thread t = new java.lang.Thread(() -> {
            try {
                lock.release();
            } catch (Throwable e) {
                got.set(e);
            }
        });
        t.start();
        t.join(60_000);
        assertThat(got.get()).isInstanceOf(IllegalMonitorStateException.class);
        lock.release();
        assertThat(a.getLong(0)).isZero();
        assertThat(a.getLong(1)).isZero();
        assertThatThrownBy(() -> lock.acquire(-2.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaitingAcquireIsInterruptible() throws Exception {
        // Python-to-Java rule: an interrupted blocking call throws ThreadInterruptedException with the flag set
        Value v = Value.ofDouble(0);
        Acquirable lock = v.getLock();
        lock.acquire();
        AtomicReference<Throwable> got = new AtomicReference<>();
        AtomicBoolean flagSet = new AtomicBoolean();
        java.lang.Thread t = new java.lang.Thread(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                got.set(e);
                flagSet.set(java.lang.Thread.interrupted());
            }
        });
        t.start();
        Waits.untilBlocked(t);
        t.interrupt();
        t.join(60_000);
        assertThat(got.get()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(flagSet).isTrue();
        lock.release();
    }

    @Test
    void aChildHoldingTheLockKeepsTheParentOutUntilItReleases() {
        // Python: get_lock() excludes other processes while held
        Array a = Array.ofLongs(2);
        Process p = new Process((Array x) -> {
            try (var h = x.getLock().hold()) {
                x.setLong(0, 1);
                while (x.getLong(1) == 0) {
                    java.lang.Thread.onSpinWait();
                }
            }
        }, a);
        p.start();
        try {
            Waits.until("the child holds the lock", () -> a.getLong(0) == 1, Duration.ofSeconds(60));
            assertThat(a.getLock().acquire(false)).isFalse();
            assertThat(a.getLock().acquire(0.05)).isFalse();
            a.setLong(1, 1);
            assertThat(a.getLock().acquire(60.0)).isTrue();
            a.getLock().release();
        } finally {
            a.setLong(1, 1);
            p.join();
        }
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void aLockHeldByAProcessThatDiedIsTakenOver() {
        // Python: a process dying inside "with v.get_lock():" must not block the others forever
        Value v = Value.ofLong(0);
        Process p = new Process((Value x) -> {
            x.getLock().acquire();
            x.setLong(7);
            Runtime.getRuntime().halt(3);
        }, v);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isEqualTo(3);
        assertThat(v.getLong()).isEqualTo(7);
        assertThat(v.getLock().acquire(60.0)).isTrue();
        assertThat(v.getLock().acquire(false)).isTrue();
        v.getLock().release();
        v.getLock().release();
        assertThat(tryInOtherThreadQuietly(v.getLock())).isTrue();
    }

    private static boolean tryInOtherThreadQuietly(Acquirable lock) {
        try {
            return tryInOtherThread(lock);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
