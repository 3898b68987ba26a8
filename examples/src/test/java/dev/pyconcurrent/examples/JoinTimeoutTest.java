package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinTimeoutTest {

    @Test
    void joinWithTimeoutReturnsWhileTheThreadIsStillAlive() {
        // Python: t.join(timeout=1) returns after the timeout and t.is_alive() is still True
        JoinTimeout.Result r = JoinTimeout.run(0.3, new Output().stream());

        assertThat(r.finishedWithinTimeout()).isFalse();
        assertThat(r.aliveAfterTimeout()).isTrue();
        assertThat(r.aliveAfterJoin()).isFalse();
    }
}
