package dev.pyconcurrent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.futures.Future;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClusterExecutor#embedded(Config)} alone: it forms a one-member cluster and runs tasks itself. */
class EmbeddedTest {

    @Test
    void anEmbeddedMemberFormsAClusterRunsTasksAndShutsDownWithTheExecutor() {
        // ProcessPoolExecutor's lifecycle: with-block exit waits for the work, then the workers (here: the member) stop
        Config config = LocalCluster.loopbackConfig("pyconcurrent-embedded-" + UUID.randomUUID(), 41_000
                + (int) (ProcessHandle.current().pid() % 1000) * 10, 5);
        HazelcastInstance hz;
        Future<Long> pid;
        List<Integer> squares;
        try (ClusterExecutor executor = ClusterExecutor.embedded(config)) {
            hz = executor.getHazelcastInstance();
            assertThat(executor.getMembers()).hasSize(1);
            assertThat(executor.getTasksPerMember()).isEqualTo(16);
            pid = executor.submit(() -> ProcessHandle.current().pid());
            squares = executor.map((Integer i) -> i * i, IntStream.range(0, 50).boxed().toList()).toList();
            assertThat(executor.toString()).contains("members=1").contains("durable=false");
        }
        assertThat(pid.result()).isEqualTo(ProcessHandle.current().pid());
        assertThat(squares).isEqualTo(IntStream.range(0, 50).map(i -> i * i).boxed().toList());
        assertThat(hz.getLifecycleService().isRunning()).isFalse();
    }
}
