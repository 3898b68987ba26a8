package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedSemaphoreGateTest {

    @Test
    void atMostFiveInsideAndOverReleaseIsAnError() {
        // Python: BoundedSemaphore(5) admits five at a time; one release too many raises ValueError
        BoundedSemaphoreGate.Result r = BoundedSemaphoreGate.run(0.3, new Output().stream());

        assertThat(r.visitors()).isEqualTo(20);
        assertThat(r.maxInside()).isBetween(2, 5);
        assertThat(r.overReleaseError()).isEqualTo("Semaphore released too many times");
    }
}
