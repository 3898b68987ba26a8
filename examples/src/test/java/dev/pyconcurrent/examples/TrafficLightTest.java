package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class TrafficLightTest {

    @Test
    void carsWaitWhileTheEventIsClearAndDriveOnceItIsSet() {
        // Python: car threads call green.wait() while the light thread keeps the Event cleared
        List<String> log = TrafficLight.run(0.2, new Output().stream());

        for (int car = 1; car <= 5; car++) {
            String name = "car-" + car;
            assertThat(log).containsOnlyOnce(name + ": drives through");
            int waits = log.indexOf(name + ": waits at red");
            if (waits >= 0) {
                // the light says GREEN before it sets the event, so a waiting car's wake-up comes after that line
                int drives = log.indexOf(name + ": drives through");
                assertThat(log.subList(waits, drives)).as("%s waited for the next green", name).contains("light: GREEN");
            }
        }
        // cars 1 and 2 arrive during the first red, car 4 during the second
        assertThat(log).anyMatch(l -> l.endsWith(": waits at red"));
    }
}
