package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedCounterRaceTest {

    @Test
    void unlockedReadSleepWriteLosesUpdatesAndTheLockedOneReachesZero() {
        // Python: 100 threads doing temp = n; sleep; n = temp - 1 end at 99 without a Lock, at 0 with one
        Output out = new Output();
        SharedCounterRace.Result r = SharedCounterRace.run(0.05, out.stream());

        assertThat(r.withoutLock()).isPositive();
        assertThat(r.withLock()).isZero();
        assertThat(out.lines()).contains("with Lock:    n = 0");
    }
}
