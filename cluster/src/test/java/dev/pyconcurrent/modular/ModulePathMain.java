package dev.pyconcurrent.modular;

import dev.pyconcurrent.cluster.ClusterExecutor;
import dev.pyconcurrent.cluster.LocalCluster;

import com.hazelcast.config.Config;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Started by {@code ModulePathTest} in a fresh JVM with pyconcurrent-core, pyconcurrent-cluster and
 * Hazelcast on the module path: an embedded member runs a task, a map, and a task that fails.
 * Prints one line per result; exit code 0 when everything came back as expected.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) {
        System.out.println("cluster module named: " + ClusterExecutor.class.getModule().isNamed()
                + " " + ClusterExecutor.class.getModule().getName());
        Config config = LocalCluster.loopbackConfig("pyconcurrent-modular-" + UUID.randomUUID(),
                Integer.parseInt(args[0]), 5);
        try (ClusterExecutor executor = ClusterExecutor.embedded(config)) {
            int offset = 7;
            System.out.println("submit: " + executor.submit(() -> 35 + offset).result(60));
            List<Integer> squares = executor.map((Integer i) -> i * i + offset, IntStream.range(0, 20).boxed().toList())
                    .toList();
            System.out.println("map: " + squares.get(19));
            try {
                executor.submit(() -> {
                    throw new IllegalStateException("boom " + offset);
                }).result(60);
            } catch (IllegalStateException e) {
                System.out.println("failure: " + e.getMessage());
            }
        }
    }
}
