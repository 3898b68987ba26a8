package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

class ProducerConsumerSpeedsTest {

    @Test
    void everyItemArrivesInOrderWhateverTheSpeeds() {
        // Python: a bounded Queue between a producer and a consumer at random speeds delivers all 20 items in order
        assertThat(ProducerConsumerSpeeds.run(0.05, new Output().stream()))
                .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }
}
