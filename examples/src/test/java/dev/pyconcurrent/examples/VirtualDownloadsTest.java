package dev.pyconcurrent.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VirtualDownloadsTest {

    @Test
    void tenThousandDownloadsWaitAtTheSameTimeOnVirtualThreads() {
        // Python: ThreadPoolExecutor(10_000).map(download, range(10_000)) overlaps every wait
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
        double seconds = 0.3;
        int platformWorkers = 2_000;
        Output out = new Output();
        VirtualDownloads.Result r = VirtualDownloads.run(10_000, seconds, platformWorkers, out.stream());
        assertThat(r.virtualAvailable()).isTrue();
        // the platform pool never has more than its workers waiting, so it needs five rounds
        assertThat(r.platform().mostAtOnce()).isLessThanOrEqualTo(platformWorkers);
        assertThat(r.platform().seconds()).isGreaterThanOrEqualTo(5 * seconds);
        // on virtual threads far more downloads wait at the same moment than any platform pool here had
        assertThat(r.executor().mostAtOnce()).isGreaterThan(platformWorkers);
        assertThat(r.ioMap().mostAtOnce()).isGreaterThan(platformWorkers);
        assertThat(out.lines()).hasSize(4).anyMatch(l -> l.matches("ThreadPoolExecutor\\.virtual\\(\\): +10000 downloads .*"));
    }

    @Test
    void onJdk17TheExampleSaysWhatItNeeds() {
        // Python has no virtual threads; on a JDK without them the example explains and ends
        assumeTrue(Runtime.version().feature() < 21, "runs only on JDK 17 to 20");
        Output out = new Output();
        VirtualDownloads.Result r = VirtualDownloads.run(10, 0.01, 2, out.stream());
        assertThat(r.virtualAvailable()).isFalse();
        assertThat(out.text()).contains("needs virtual threads").contains("JDK 21");
    }
}
