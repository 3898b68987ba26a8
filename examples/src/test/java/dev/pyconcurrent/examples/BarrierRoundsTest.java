package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class BarrierRoundsTest {

    @Test
    void everyoneArrivesBeforeTheActionAndTheActionRunsOncePerRound() {
        // Python: Barrier(3, action=...) runs the action once per round, after the third wait()
        List<String> log = BarrierRounds.run(0.05, new Output().stream());

        assertThat(log).hasSize(12);
        for (int round = 0; round < 3; round++) {
            String finished = ": finished round " + round;
            assertThat(log.subList(4 * round, 4 * round + 3))
                    .allMatch(l -> l.endsWith(finished))
                    .extracting(l -> l.substring(0, l.indexOf(':')))
                    .containsExactlyInAnyOrder("runner-0", "runner-1", "runner-2");
            assertThat(log.get(4 * round + 3)).isEqualTo(BarrierRounds.ACTION);
        }
    }
}
