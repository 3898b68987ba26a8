package dev.pyconcurrent.threading;

import dev.pyconcurrent.futures.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSizeTest {
    /** Frames a 1 MiB stack (the JVM's default) cannot hold: each frame is far above 2 bytes. */
    private static final int DEEP = 500_000;

    @AfterEach
    void restoreDefault() {
        Threading.stackSize(0);
    }

    static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void stackSizeReturnsThePreviousValueAndZeroIsTheDefault() {
        // Python: threading.stack_size() is 0 by default; stack_size(size) returns the old size
        assertThat(Threading.stackSize()).isZero();
        assertThat(Threading.stackSize(64 * 1024)).isZero();
        assertThat(Threading.stackSize()).isEqualTo(64 * 1024);
        assertThat(Threading.stackSize(0)).isEqualTo(64 * 1024);
        assertThat(Threading.stackSize(32 * 1024)).isZero();
    }

    @Test
    void sizesBelow32KiBOrNegativeAreRejected() {
        // Python: stack_size(1000) raises ValueError("size not valid: 1000 bytes"); negative sizes too
        assertThatThrownBy(() -> Threading.stackSize(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size not valid: 1000 bytes");
        assertThatThrownBy(() -> Threading.stackSize(32 * 1024 - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threading.stackSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 or a positive value");
        assertThat(Threading.stackSize()).isZero();
    }

    @Test
    void threadsStartedAfterwardsGetTheStackSize() {
        // Python: stack_size(n) applies to threads created afterwards (test_various_ops_large_stack)
        Threading.stackSize(512L * 1024 * 1024);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(depth(DEEP));
            } catch (StackOverflowError e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(outcome.get()).isEqualTo(DEEP);
    }

    @Test
    void threadPoolWorkersCreatedAfterwardsGetItToo() {
        // Python: ThreadPoolExecutor workers are threading.Threads, so stack_size applies to them
        Threading.stackSize(512L * 1024 * 1024);
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            assertThat(ex.submit(() -> depth(DEEP)).result(Duration.ofSeconds(60))).isEqualTo(DEEP);
        }
    }

    @Test
    void timeoutMaxIsTheLongestDistinguishableTimeout() {
        // Python: threading.TIMEOUT_MAX is 9223372036.854776 on 64-bit Linux; larger timeouts mean forever here
        assertThat(Threading.TIMEOUT_MAX).isEqualTo(Long.MAX_VALUE / 1e9);
        assertThat(Threading.TIMEOUT_MAX).isBetween(9.2e9, 9.3e9);
        Lock lock = new Lock();
        assertThat(lock.acquire(Threading.TIMEOUT_MAX)).isTrue();
        assertThat(new Event().await(0.0)).isFalse();
    }
}
