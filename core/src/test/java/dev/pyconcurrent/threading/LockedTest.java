package dev.pyconcurrent.threading;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LockedTest {

    @Test
    void rlockLockedSaysWhetherAnyThreadHoldsIt() {
        // Python 3.14: RLock.locked() is True while any thread holds it, at any depth
        RLock lock = new RLock();
        assertThat(lock.locked()).isFalse();
        lock.acquire();
        lock.acquire();
        assertThat(lock.locked()).isTrue();
        AtomicBoolean seenByOther = new AtomicBoolean();
        Thread t = new Thread(() -> seenByOther.set(lock.locked()));
        t.start();
        t.join();
        assertThat(seenByOther).isTrue();
        lock.release();
        assertThat(lock.locked()).isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void conditionLockedIsItsLocksLocked() {
        // Python 3.14: Condition.locked() returns self._lock.locked(), for a Lock and an RLock
        Condition overRLock = new Condition();
        assertThat(overRLock.locked()).isFalse();
        overRLock.acquire();
        assertThat(overRLock.locked()).isTrue();
        overRLock.release();
        assertThat(overRLock.locked()).isFalse();

        Lock plain = new Lock();
        Condition overLock = new Condition(plain);
        plain.acquire();
        assertThat(overLock.locked()).isTrue();
        plain.release();
        assertThat(overLock.locked()).isFalse();
    }
}
