package dev.pyconcurrent.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The short yielding wait before a thread sleeps for another process's answer. */
class SpinTest {

    @Test
    void aFreshSpinGoesOnAndAnOldOneIsOver() {
        assertThat(Spin.NANOS).as("on by default").isEqualTo(30_000L);
        assertThat(Spin.again(Spin.start())).isTrue();
        assertThat(Spin.again(System.nanoTime() - Spin.NANOS - 1)).isFalse();
    }

    @Test
    void aSpinEndsByItselfWhenNothingComes() {
        long start = Spin.start();
        int passes = 0;
        while (Spin.again(start)) {
            passes++;
        }
        assertThat(passes).isPositive();
        assertThat(System.nanoTime() - start).isGreaterThan(Spin.NANOS);
    }
}
