package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NestedRLockTest {

    @Test
    void theHolderTakesTheRLockAgainAndOthersWaitForTheOutermostRelease() {
        // Python: run3 holds an RLock and calls run1/run2 which acquire it again without deadlock
        Output out = new Output();
        NestedRLock.Result r = NestedRLock.run(out.stream());

        assertThat(r.num1()).isEqualTo(5);
        assertThat(r.num2()).isEqualTo(5);
        assertThat(r.seenInRun3()).containsExactly("1,1", "2,2", "3,3", "4,4", "5,5");
        assertThat(out.text()).contains("still holding the lock: true").doesNotContain("still holding the lock: false");
    }
}
