package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle workers of a closed pool serve the next pool of the same options for a short while. Beyond
 * Python, whose every Pool starts (or forks) new processes: a JVM takes far longer to start.
 */
class SpareWorkersTest {
    private static final String PROPERTY = "pyconcurrent.spareWorkerMillis";

    @AfterEach
    void spareWorkersEndOnTheirOwn() {
        System.setProperty(PROPERTY, "0");
        ChildJvms.assertNoChildrenLeft();   // parked workers shut down once their linger is over
    }

    private static Set<Long> pids(Pool pool) {
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            pids.add(pool.apply(() -> ProcessHandle.current().pid()));
        }
        return pids;
    }

    private static long pidAfterAWhile(int ignored) {
        try {
            java.lang.Thread.sleep(20);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
        return ProcessHandle.current().pid();
    }

    @Test
    void aSecondPoolTakesTheIdleWorkersOfTheFirst() {
        // the workers of a closed pool are reused by the next pool created with the same options
        System.setProperty(PROPERTY, "5000");
        Set<Long> first = new HashSet<>();
        try (Pool pool = new Pool(2)) {
            // until both workers have run a task (the second may still be starting when the first is done)
            Waits.until("both workers of the first pool ran a task", () -> {
                first.addAll(pool.map(SpareWorkersTest::pidAfterAWhile, java.util.List.of(1, 2, 3, 4), 1));
                return first.size() == 2;
            });
        }
        Set<Long> second;
        try (Pool pool = new Pool(2)) {
            second = pids(pool);
        }
        assertThat(first).isNotEmpty();
        assertThat(first).containsAll(second);
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            assertThat(first).contains(ex.submit(() -> ProcessHandle.current().pid()).result(60));
        }
        System.setProperty(PROPERTY, "0");
        // with the reuse off, a new pool's workers are new JVMs
        try (Pool pool = new Pool(1)) {
            assertThat(first).doesNotContain(pool.apply(() -> ProcessHandle.current().pid()));
        }
    }

    @Test
    void poolsWithAnInitializerOrOtherOptionsStartTheirOwn() {
        // a worker is only reused where it could not tell the difference: no initializer, the same JVM options
        System.setProperty(PROPERTY, "5000");
        Set<Long> first;
        try (Pool pool = new Pool(1)) {
            first = pids(pool);
        }
        try (Pool pool = Pool.builder().processes(1).initializer(() -> { }).build()) {
            assertThat(first).doesNotContain(pool.apply(() -> ProcessHandle.current().pid()));
        }
        try (Pool pool = Pool.builder().processes(1).jvmOptions(java.util.List.of("-Xmx200m")).build()) {
            assertThat(first).doesNotContain(pool.apply(() -> ProcessHandle.current().pid()));
        }
        try (Pool pool = Pool.builder().processes(1).maxTasksPerChild(5).build()) {
            assertThat(first).doesNotContain(pool.apply(() -> ProcessHandle.current().pid()));
        }
    }
}
