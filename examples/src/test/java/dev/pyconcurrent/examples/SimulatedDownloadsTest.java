package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedDownloadsTest {

    @Test
    void threadedDownloadsOverlapSoTheTotalIsTheLongestNotTheSum() {
        // Python: three sleeping downloads in threads wait at the same time (6 s, not 3 + 5 + 6)
        double scale = 0.15;
        SimulatedDownloads.Result r = SimulatedDownloads.run(scale, new Output().stream());

        assertThat(r.sequentialSeconds()).isGreaterThanOrEqualTo(14 * scale);
        assertThat(r.threadedSeconds()).isGreaterThanOrEqualTo(6 * scale);
        assertThat(r.threadedSpans()).hasSize(3);
        double lastStart = r.threadedSpans().stream().mapToDouble(SimulatedDownloads.Span::start).max().orElseThrow();
        double firstEnd = r.threadedSpans().stream().mapToDouble(SimulatedDownloads.Span::end).min().orElseThrow();
        assertThat(lastStart).as("all three downloads were running at the same time").isLessThan(firstEnd);
    }
}
