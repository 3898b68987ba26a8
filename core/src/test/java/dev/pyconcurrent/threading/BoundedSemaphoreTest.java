package dev.pyconcurrent.threading;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedSemaphoreTest {

    @Test
    void releaseAboveInitialValueIsAnError() {
        // Python lock_tests.BoundedSemaphoreTests.test_release_unacquired: "Semaphore released too many times"
        BoundedSemaphore sem = new BoundedSemaphore(2);
        assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Semaphore released too many times");
        sem.acquire();
        sem.release();
        assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
        assertThat(sem.getValue()).isEqualTo(2);
    }

    @Test
    void multiReleaseIsAllOrNothing() {
        // Python: BoundedSemaphore.release(n) over the bound raises and releases nothing
        BoundedSemaphore sem = new BoundedSemaphore(3);
        sem.acquire();
        sem.acquire();
        assertThatThrownBy(() -> sem.release(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Semaphore released too many times");
        assertThat(sem.getValue()).isEqualTo(1);
        sem.release(2);
        assertThat(sem.getValue()).isEqualTo(3);
        assertThatThrownBy(() -> sem.release(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be one or more");
    }

    @Test
    void defaultsAndBadValue() {
        // Python: BoundedSemaphore() has value 1; a negative value raises ValueError
        assertThat(new BoundedSemaphore().getValue()).isEqualTo(1);
        assertThatThrownBy(() -> new BoundedSemaphore(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore initial value must be >= 0");
    }

    @Test
    void racingOverReleaseLetsExactlyOneThrough() throws Exception {
        // Python: the bound check and the increment are atomic; of two racing releases of one unit, one fails
        for (int round = 0; round < 200; round++) {
            BoundedSemaphore sem = new BoundedSemaphore(1);
            sem.acquire();
            CyclicBarrier start = new CyclicBarrier(2);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Runnable release = () -> {
                try {
                    start.await();
                    sem.release();
                    ok.incrementAndGet();
                } catch (IllegalStateException e) {
                    failed.incrementAndGet();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            Bg<Void> a = Bg.run("release-a", release);
            Bg<Void> b = Bg.run("release-b", release);
            a.get();
            b.get();
            assertThat(ok.get()).as("successful releases in round %d", round).isEqualTo(1);
            assertThat(failed.get()).isEqualTo(1);
            assertThat(sem.getValue()).isEqualTo(1);
        }
    }

    @Test
    void reprShowsValueAndBound() {
        // Python: repr(BoundedSemaphore(5)) shows value=4/5 after one acquire
        BoundedSemaphore sem = new BoundedSemaphore(5);
        sem.acquire();
        assertThat(sem.toString()).startsWith("<BoundedSemaphore at 0x").endsWith("value=4/5>");
    }
}
