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
        // may not give a single run: try up to 50 runs of a million iterations.
        boolean drifted = false;
        for (int attempt = 0; attempt < 50 && !drifted; attempt++) {
            drifted = AddSubtractRace.unlocked(1_000_000) != 5;
        }
        assertThat(drifted).as("the unlocked version drifted from 5 in at least one of 50 runs").isTrue();
    }
}
