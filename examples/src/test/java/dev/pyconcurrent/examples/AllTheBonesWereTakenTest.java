package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

class AllTheBonesWereTakenTest {

    @Test
    void joinReturnsOnlyAfterEveryItemWasTaskDone() {
        // Python: q.join() blocks until task_done() was called for every put item; shutdown() ends the consumers
        List<String> log = AllTheBonesWereTaken.run(0.1, new Output().stream());

        int allTaken = log.indexOf(AllTheBonesWereTaken.ALL_TAKEN);
        List<String> before = log.subList(0, allTaken);
        List<String> bones = IntStream.range(0, 10).mapToObj(i -> "bone-" + i).toList();
        assertThat(before).filteredOn(l -> l.contains(" finished "))
                .extracting(l -> l.substring(l.lastIndexOf(' ') + 1))
                .containsExactlyInAnyOrderElementsOf(bones);
        assertThat(log).filteredOn(l -> l.contains(" takes ")).hasSize(10);
        assertThat(log.subList(allTaken, log.size())).filteredOn(l -> l.endsWith(" goes home")).hasSize(3);
    }
}
