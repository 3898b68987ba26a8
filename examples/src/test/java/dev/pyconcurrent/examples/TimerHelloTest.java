package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerHelloTest {

    @Test
    void timerFiresOnceAfterItsDelayAndACancelledOneNever() {
        // Python: Timer(2, hello).start() prints after 2 s; cancel() before then means it never runs
        Output out = new Output();
        TimerHello.Result r = TimerHello.run(0.1, out.stream());

        assertThat(r.helloRuns()).isEqualTo(1);
        assertThat(r.cancelledRuns()).isZero();
        assertThat(r.helloAfterSeconds()).isGreaterThanOrEqualTo(0.2 - 0.005);
        assertThat(out.lines()).containsOnlyOnce("hello, world").doesNotContain("this never prints");
    }
}
