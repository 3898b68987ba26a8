package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

class PoolMapSquaresTest {

    @Test
    void mapKeepsInputOrderAndIsLazy() {
        // Python: executor.map(square, range(1000)) returns at once and yields results in input order
        // full scale: item 0 sleeps 1 s, far longer than submitting 1000 items takes even on a busy machine
        PoolMapSquares.Result r = PoolMapSquares.run(1.0, new Output().stream());

        assertThat(r.squares()).containsExactlyElementsOf(IntStream.range(0, 1000).map(i -> i * i).boxed().toList());
        assertThat(r.mapReturnedBeforeFirstItem()).isTrue();
        // Python 3.14: buffersize=50 submits 50 items, plus one more on the first next()
        assertThat(r.startedBeforeFirstWithBuffer()).isBetween(1, 51);
    }
}
