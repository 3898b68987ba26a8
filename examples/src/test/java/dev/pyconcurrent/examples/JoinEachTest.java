package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JoinEachTest {

    @Test
    void joinAfterEachStartRunsTheThreadsOneAfterAnother() {
        // Python: t.start(); t.join() in the loop makes the six threads serial, squares in order, ~6 x sleep
        Output out = new Output();
        double seconds = JoinEach.run(0.05, out.stream());

        assertThat(out.lines().subList(0, 6)).containsExactly(
                "Worker-0: 0 squared is 0", "Worker-1: 1 squared is 1", "Worker-2: 2 squared is 4",
                "Worker-3: 3 squared is 9", "Worker-4: 4 squared is 16", "Worker-5: 5 squared is 25");
        assertThat(seconds).isGreaterThanOrEqualTo(6 * 0.05);
    }
}
