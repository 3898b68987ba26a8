package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlockTest {

    @Test
    void deadlocksShowAsTimeoutsAndOneRLockRemovesThem() {
        // Python: Lock.acquire() twice blocks forever; two Locks in opposite orders deadlock; one RLock does not
        Output out = new Output();
        Deadlock.Result r = Deadlock.run(0.1, out.stream());

        assertThat(r.reacquireTimedOut()).isTrue();
        assertThat(r.twoLocks()).containsOnlyKeys("diner-1", "diner-2").containsValue("gave up");
        assertThat(r.oneRLock()).containsEntry("diner-1", "ate").containsEntry("diner-2", "ate");
    }
}
