package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class ConditionNotifyNTest {

    @Test
    void notifyNLetsAtMostNWaitersGo() {
        // Python: cv.notify(2) then cv.notify(3) resume the five waiters two, then three, at a time
        List<String> log = ConditionNotifyN.run(0.05, new Output().stream());

        assertThat(log).hasSize(7);
        assertThat(log.get(0)).isEqualTo("main: signal(2)");
        int second = log.indexOf("main: signal(3)");
        assertThat(log.subList(0, second)).filteredOn(l -> l.endsWith(": resumed")).hasSizeLessThanOrEqualTo(2);
        assertThat(log).filteredOn(l -> l.endsWith(": resumed")).hasSize(5).doesNotHaveDuplicates();
    }
}
