package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddSubtractRaceTest {

    @Test
    void theLockedPairAlwaysLeavesFive() {
        // Python: with lock: a += n; a -= n in two threads leaves a == 5
        AddSubtractRace.Result r = AddSubtractRace.run(new Output().stream());

        assertThat(r.withLock()).isEqualTo(5);
    }

    @Test
    void theUnlockedPairLosesUpdates() {
        // Python: a += n; a -= n in two threads without a lock lets a drift from 5
        // The race needs both threads on a core at the same moment, which a busy machine
        // may not give a single run: retry runs of five million iterations for up to 60 s.
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean drifted = false;
        while (!drifted && System.nanoTime() < deadline) {
            drifted = AddSubtractRace.unlocked(5_000_000) != 5;
        }
        assertThat(drifted).as("the unlocked version drifted from 5 within 60 s of retries").isTrue();
    }
}
