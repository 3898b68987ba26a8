package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.futures.BrokenProcessPoolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pools with their own settings: lifecycle, recycling, initializers, broken pools, OOM. */
class PoolLifecycleTest {
    /** Set by the initializer in the worker JVM; stays null in the parent. */
    static volatile String initialized;

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void closeFinishesOutstandingTasksThenJoinWaitsForWorkers() {
        // Python: close() accepts no new tasks, outstanding ones finish; join() raises before close
        Pool p = new Pool(1);
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessage("Pool is still running");
        List<AsyncResult<Integer>> rs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            rs.add(p.applyAsync(() -> {
                java.lang.Thread.sleep(50);
                return n;
            }));
        }
        p.close();
        assertThat(rs).allMatch(AsyncResult::ready);
        assertThat(rs.get(2).get()).isEqualTo(2);
        assertThatThrownBy(() -> p.apply(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Pool not running");
        p.join();
    }

    @Test
    void terminateFailsWhatIsRunning() {
        // Python: terminate() stops the workers at once (its results would hang; here they fail)
        Pool p = new Pool(1);
        AsyncResult<Integer> r = p.applyAsync(() -> {
            java.lang.Thread.sleep(60_000);
            return 1;
        });
        assertThat(r.await(0.2)).isFalse();
        p.terminate();
        assertThatThrownBy(r::get).isInstanceOf(CancellationException.class);
        p.join();
    }

    @Test
    void maxTasksPerChildReplacesWorkers() {
        // Python: Pool(1, maxtasksperchild=2) runs each worker for two tasks, so pids change
        try (Pool p = Pool.builder().processes(1).maxTasksPerChild(2).build()) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pids.add(p.apply(() -> ProcessHandle.current().pid()));
            }
            assertThat(new LinkedHashSet<>(pids)).hasSize(3);
            assertThat(pids.get(0)).isEqualTo(pids.get(1));
            assertThat(pids.get(2)).isEqualTo(pids.get(3)).isNotEqualTo(pids.get(1));
            p.close();
            p.join();
        }
    }

    @Test
    void initializerRunsInTheWorker() {
        // Python: Pool(initializer=f) calls f in each worker before its tasks
        try (Pool p = Pool.builder().processes(1).initializer(() -> initialized = "yes").build()) {
            assertThat(p.apply(() -> initialized)).isEqualTo("yes");
            assertThat(initialized).isNull();
            p.close();
            p.join();
        }
    }

    @Test
    void failingInitializerBreaksThePool() {
        // Python (ProcessPoolExecutor): an initializer that raises makes the pool BrokenProcessPool
        Pool p = Pool.builder().processes(1).initializer(() -> {
            throw new IllegalStateException("cannot initialize");
        }).build();
        assertThatThrownBy(() -> p.apply(() -> 1)).isInstanceOf(BrokenProcessPoolException.class)
                .hasMessageContaining("cannot initialize");
        assertThatThrownBy(() -> p.apply(() -> 1)).isInstanceOf(BrokenProcessPoolException.class);
        p.terminate();
        p.join();
    }

    @Test
    void badJvmOptionsBreakThePoolWithTheStderrTail() {
        // Python: workers that cannot start make the pool broken; the JVM's own complaint is in the message
        Pool p = Pool.builder().processes(2).jvmOptions(List.of("-XX:+NoSuchOptionAnywhere")).build();
        assertThatThrownBy(() -> p.apply(() -> 1)).isInstanceOf(BrokenProcessPoolException.class)
                .hasMessageContaining("NoSuchOptionAnywhere");
        p.terminate();
        p.join();
    }

    @Test
    void outOfMemoryKillsOnlyItsTask() {
        // Python: a worker dying of memory exhaustion; here its task fails with ProcessDiedException, the pool goes on
        try (Pool p = Pool.builder().processes(1).jvmOptions(List.of("-Xmx32m")).build()) {
            assertThatThrownBy(() -> p.apply(() -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            })).isInstanceOf(ProcessDiedException.class).hasMessageContaining("OutOfMemoryError");
            assertThat(p.apply(() -> 42)).isEqualTo(42);
            p.close();
            p.join();
        }
    }
}
