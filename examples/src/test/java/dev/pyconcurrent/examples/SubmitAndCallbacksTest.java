package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmitAndCallbacksTest {

    @Test
    void resultsInSubmissionOrderAndOneCallbackPerFuture() {
        // Python: five submit()s, shutdown(), [f.result() for f in futures] == [0, 1, 4, 9, 16]; add_done_callback runs once each
        Output out = new Output();
        SubmitAndCallbacks.Result r = SubmitAndCallbacks.run(0.1, out.stream());

        assertThat(r.results()).containsExactly(0, 1, 4, 9, 16);
        assertThat(r.callbackValues()).containsExactlyInAnyOrder(0, 1, 4, 9, 16);
        assertThat(out.lines()).contains("[0, 1, 4, 9, 16]");
    }
}
