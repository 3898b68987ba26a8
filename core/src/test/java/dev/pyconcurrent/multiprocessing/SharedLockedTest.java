package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Python 3.14: locked() on multiprocessing's Lock, RLock (and every SemLock), and on Condition. */
class SharedLockedTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void lockAndRLockSayWhetherTheyAreHeld() {
        // Python 3.14: multiprocessing.Lock().locked() / RLock().locked()
        SharedLock lock = Multiprocessing.lock();
        assertThat(lock.locked()).isFalse();
        lock.acquire();
        assertThat(lock.locked()).isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();

        SharedLock rlock = Multiprocessing.rlock();
        rlock.acquire();
        rlock.acquire();
        assertThat(rlock.locked()).isTrue();
        rlock.release();
        assertThat(rlock.locked()).isTrue();
        rlock.release();
        assertThat(rlock.locked()).isFalse();
    }

    @Test
    void aLockHeldByAChildIsLockedInTheParent() {
        // Python 3.14: locked() reports a lock held by another process
        SharedLock lock = Multiprocessing.lock();
        SharedEvent held = Multiprocessing.event();
        SharedEvent done = Multiprocessing.event();
        Process p = new Process(() -> {
            lock.acquire();
            held.set();
            done.await(60);
            lock.release();
        });
        p.start();
        assertThat(held.await(60)).isTrue();
        assertThat(lock.locked()).isTrue();
        done.set();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isZero();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void semaphoresAreLockedWhenNoPermitIsLeft() {
        // Python 3.14: SemLock.locked() is true when acquire() would block
        SharedSemaphore sem = Multiprocessing.semaphore(2);
        sem.acquire();
        assertThat(sem.locked()).isFalse();
        sem.acquire();
        assertThat(sem.locked()).isTrue();
        sem.release();
        assertThat(sem.locked()).isFalse();
        SharedSemaphore bounded = Multiprocessing.boundedSemaphore(1);
        bounded.acquire();
        assertThat(bounded.locked()).isTrue();
    }

    @Test
    void conditionAndManagerLocksToo() {
        // Python 3.14: Condition.locked() is its lock's; a manager's Lock proxies it
        SharedCondition cond = Multiprocessing.condition();
        assertThat(cond.locked()).isFalse();
        cond.acquire();
        assertThat(cond.locked()).isTrue();
        cond.release();
        assertThat(cond.locked()).isFalse();
        try (Manager m = Manager.start()) {
            SharedLock ml = m.lock();
            ml.acquire();
            assertThat(ml.locked()).isTrue();
            ml.release();
            assertThat(ml.locked()).isFalse();
        }
    }

    @Test
    void theSharedMemoryLockOfAValueIsUnlockedOnceItsHoldersProcessDied() {
        // Python 3.14: Value(...).get_lock().locked(); here a lock whose holder died counts as free
        Value v = Value.ofLong(0);
        SharedMemoryLock lock = (SharedMemoryLock) v.getLock();
        assertThat(lock.locked()).isFalse();
        lock.acquire();
        assertThat(lock.locked()).isTrue();
        assertThat(lock.isOwnedByCurrentThread()).isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();
        Process p = new Process(() -> {
            v.getLock().acquire();
            Runtime.getRuntime().halt(3);
        });
        p.start();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isEqualTo(3);
        assertThat(lock.locked()).isFalse();
        assertThat(lock.acquire(10.0)).isTrue();
        lock.release();
    }
}
