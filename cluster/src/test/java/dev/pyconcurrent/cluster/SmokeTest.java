package dev.pyconcurrent.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void smoke() {
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(3)) {
            System.err.println("cluster up " + (System.nanoTime() - t0) / 1e9);
            ClusterExecutor ex = cluster.executor();
            System.err.println("executor up " + (System.nanoTime() - t0) / 1e9 + " " + ex + " tpm=" + ex.getTasksPerMember());
            List<Integer> in = IntStream.range(0, 1000).boxed().toList();
            List<Integer> out = ex.map((Integer i) -> i * 2, in).toList();
            System.err.println("map done " + (System.nanoTime() - t0) / 1e9);
            assertThat(out).hasSize(1000);
            List<Long> pids = ex.map((Integer i) -> ProcessHandle.current().pid(), in).toList();
            System.err.println("pids " + new java.util.TreeSet<>(pids) + " " + (System.nanoTime() - t0) / 1e9);
            ex.shutdown();
            System.err.println("executor down " + (System.nanoTime() - t0) / 1e9);
        }
        System.err.println("cluster down " + (System.nanoTime() - t0) / 1e9 + " " + ProcessHandle.current().descendants().count());
    }
}
