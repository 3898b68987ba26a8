package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedQueueTest {

    @Test
    void fullQueueBlocksPutAndEmptyQueueRaises() {
        // Python: Queue(maxsize=2): put blocks when full, put_nowait raises Full, get_nowait/get(timeout) raise Empty
        BoundedQueue.Result r = BoundedQueue.run(0.2, new Output().stream());

        assertThat(r.fullAfterTwoPuts()).isTrue();
        assertThat(r.putNowaitFull()).isTrue();
        assertThat(r.producerBlocked()).isTrue();
        assertThat(r.gets()).containsExactly("a", "b", "c");
        assertThat(r.getNowaitEmpty()).isTrue();
        assertThat(r.getTimeoutEmpty()).isTrue();
        assertThat(r.getTimeoutWaited()).isGreaterThanOrEqualTo(0.1 - 0.005);
    }
}
