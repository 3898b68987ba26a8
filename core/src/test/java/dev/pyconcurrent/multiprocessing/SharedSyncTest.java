package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedSyncTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void aLockWorksInItsOwnProcess() {
        // Python: multiprocessing.Lock() acquire/release/non-blocking acquire in one process
        SharedLock lock = Multiprocessing.lock();
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.acquire(false)).isFalse();
        lock.release();
        assertThat(lock.acquire(0.01)).isTrue();
        lock.release();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChildSeesTheLockHeldByTheParent() {
        // Python: a Lock passed to a child is the same lock: acquire(False) fails there while the parent holds it
        SharedLock lock = Multiprocessing.lock();
        lock.acquire();
        Process p = new Process((SharedLock l) -> System.exit(l.acquire(false) ? 1 : 42), lock);
        p.start();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isEqualTo(42);
        lock.release();
    }

    @Test
    void aLockHeldByAKilledChildIsReleasedSoOthersDoNotWaitForever() {
        // Python: a process dying mid-operation must not leave the others blocked forever
        SharedLock lock = Multiprocessing.lock();
        SharedEvent holding = Multiprocessing.event();
        Process p = new Process(() -> {
            lock.acquire();
            holding.set();
            try {
                java.lang.Thread.sleep(120_000);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        });
        p.start();
        assertThat(holding.await(60)).isTrue();
        assertThat(lock.acquire(false)).isFalse();
        p.kill();
        p.join();
        assertThat(lock.acquire(60)).isTrue();
        lock.release();
    }

    @Test
    void anRLockIsReentrantAndOwnedByOneThread() throws Exception {
        // Python: multiprocessing.RLock can be re-acquired by its owner; another thread cannot release it
        SharedLock r = Multiprocessing.rlock();
        assertThat(r.isReentrant()).isTrue();
        r.acquire();
        assertThat(r.acquire(false)).isTrue();
        java.util.concurrent.atomic.AtomicReference<Throwable> other = new java.util.concurrent.atomic.AtomicReference<>();
        java.lang.Thread t = new java.lang.Thread(() -> {
            try {
                r.release();
            } catch (Throwable e) {
                other.set(e);
            }
            other.compareAndSet(null, new AssertionError("released"));
        });
        t.start();
        t.join();
        assertThat(other.get()).isInstanceOf(IllegalMonitorStateException.class);
        r.release();
        r.release();
        assertThatThrownBy(r::release).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void eventBarrierSemaphoreAndConditionWorkAcrossProcesses() {
        // Python: Event.wait in a child wakes on set(); Barrier(2) releases parent and child together;
        // a Semaphore permit released by a child lets the parent in; Condition.notify wakes a waiter
        SharedEvent go = Multiprocessing.event();
        SharedBarrier barrier = Multiprocessing.barrier(2);
        SharedSemaphore sem = Multiprocessing.semaphore(0);
        SharedCondition cond = Multiprocessing.condition();
        Value flag = Value.ofLong(0);
        Process p = new Process(() -> {
            if (!go.await(60)) {
                System.exit(2);
            }
            barrier.await(60);
            sem.release();
            try (var h = cond.hold()) {
                flag.setLong(1);
                cond.signalAll();
            }
        });
        p.start();
        assertThat(go.isSet()).isFalse();
        go.set();
        assertThat(barrier.await(60)).isBetween(0, 1);
        assertThat(sem.acquire(60)).isTrue();
        try (var h = cond.hold()) {
            assertThat(cond.waitFor(() -> flag.getLong() == 1, 60)).isTrue();
        }
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(barrier.getParties()).isEqualTo(2);
        assertThat(sem.getValue()).isZero();
    }

    @Test
    void aBoundedSemaphoreRefusesExtraReleasesAndTimeoutsAreChecked() {
        // Python: BoundedSemaphore.release() above the initial value raises (as threading.BoundedSemaphore here); negative timeout: ValueError
        SharedSemaphore b = Multiprocessing.boundedSemaphore(1);
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class);
        assertThat(b.acquire(0.0)).isTrue();
        assertThat(b.acquire(0.01)).isFalse();
        assertThatThrownBy(() -> b.acquire(-2.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multiprocessing.semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitIsCancelledOnTheOwnerAndKeepsTheConnection() throws Exception {
        // Python-to-Java rule: an interrupted blocking call throws ThreadInterruptedException with the flag set
        SharedLock lock = Multiprocessing.lock();
        SharedEvent never = Multiprocessing.event();
        java.util.concurrent.atomic.AtomicReference<Throwable> got = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagSet = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stillHeld = new java.util.concurrent.atomic.AtomicBoolean();
        java.lang.Thread t = new java.lang.Thread(() -> {
            lock.acquire();
            try {
                never.await();
            } catch (Throwable e) {
                got.set(e);
                flagSet.set(java.lang.Thread.interrupted());
            }
            stillHeld.set(!lock.acquire(false));
            lock.release();
        });
        t.start();
        dev.pyconcurrent.testing.Waits.until("waiting on the event", () -> {
            StackTraceElement[] st = t.getStackTrace();
            return java.util.Arrays.stream(st).anyMatch(f -> f.getMethodName().equals("select"))
                    && java.util.Arrays.stream(st).anyMatch(f -> f.getClassName().equals(SharedEvent.class.getName()));
        });
        t.interrupt();
        t.join(60_000);
        assertThat(got.get()).isInstanceOf(dev.pyconcurrent.ThreadInterruptedException.class);
        assertThat(flagSet).isTrue();
        assertThat(stillHeld).as("the lock the thread held survives the cancelled call").isTrue();
        assertThat(lock.acquire(false)).isTrue();
    }
}
