package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class TrafficLightTest {

    @Test
    void carsWaitWhileTheEventIsClearAndDriveOnceItIsSet() {
        // Python: car threads call green.wait() while the light thread keeps the Event cleared
        List<String> log = TrafficLight.run(0.1, new Output().stream());

        for (int car = 1; car <= 5; car++) {
            assertThat(log).containsOnlyOnce("car-" + car + ": drives through");
        }
        assertThat(log).contains("car-1: waits at red");
        int firstGreen = log.indexOf("light: GREEN");
        int firstDrive = log.stream().filter(l -> l.endsWith("drives through")).findFirst().map(log::indexOf).orElseThrow();
        assertThat(firstGreen).as("nobody drives before the first green").isLessThan(firstDrive);
    }
}
