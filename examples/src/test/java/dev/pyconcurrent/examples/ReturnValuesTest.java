package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnValuesTest {

    @Test
    void resultsComeBackThroughASharedListAndThroughAsCompleted() {
        // Python: workers append to a shared list; pool futures are read with as_completed()
        Output out = new Output();
        ReturnValues.Result r = ReturnValues.run(0.1, out.stream());

        assertThat(r.sharedList()).containsExactlyInAnyOrder(0, 1, 4, 9, 16);
        assertThat(r.asCompletedOrder()).containsExactlyInAnyOrder(0, 1, 4, 9, 16);
        assertThat(out.lines()).contains("square(3) = 9", "square(4) = 16");
    }
}
