package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.ChaosHarness.PoolKind;
import dev.pyconcurrent.multiprocessing.ChaosHarness.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python: a worker that dies fails only the task it ran and is replaced; here, kill -9 of random
 * workers (young ones still starting included) every ~300 ms during a long map never breaks the pool,
 * and every item gives its right result or fails with ProcessDiedException.
 */
class WorkerChaosTest {

    @AfterEach
    void noWorkerLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static void check(Report r) {
        System.out.println("chaos: " + r);
        assertThat(r.unexpected()).as(r.toString()).isEmpty();
        assertThat(r.ok() + r.died()).as(r.toString()).isEqualTo(r.items());
    }

    @ParameterizedTest
    @CsvSource({"POOL, 1", "POOL, 50", "EXECUTOR, 1", "EXECUTOR, 50"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killedWorkersFailOnlyTheirTasks(PoolKind kind, int chunksize) {
        // Python: a dead worker fails its task; the other tasks go on and the pool stays usable
        check(ChaosHarness.run(kind, 1_500, chunksize, Duration.ofMillis(300)));
    }

    @Tag("chaos")
    @ParameterizedTest
    @CsvSource({"POOL, 1", "POOL, 50", "EXECUTOR, 1", "EXECUTOR, 50"})
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void killedWorkersFailOnlyTheirTasksOverTwentyThousandItems(PoolKind kind, int chunksize) {
        // the same over 20,000 items
        check(ChaosHarness.run(kind, 20_000, chunksize, Duration.ofMillis(300)));
    }
}
