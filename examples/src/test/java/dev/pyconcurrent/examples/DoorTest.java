package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class DoorTest {

    @Test
    void eachSwipeOpensTheDoorAndEveryoneGetsThrough() {
        // Python: staff set() the Event, the door thread's wait() returns, it opens, then clear()s it
        List<String> log = Door.run(0.2, new Output().stream());

        for (int s = 1; s <= 4; s++) {
            String who = "staff-" + s + ": ";
            assertThat(log).filteredOn(l -> l.startsWith(who)).hasSize(1);
        }
        long swipes = log.stream().filter(l -> l.endsWith("swipes card")).count();
        long opens = log.stream().filter(l -> l.equals("door: opens")).count();
        assertThat(swipes).isPositive();
        assertThat(opens).isEqualTo(swipes);
        assertThat(log).containsOnlyOnce("door: off duty").endsWith("door: off duty");
    }
}
