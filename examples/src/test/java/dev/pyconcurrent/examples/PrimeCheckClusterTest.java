package dev.pyconcurrent.examples;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PrimeCheckClusterTest {

    @Test
    void theClusterFindsWhatTheProcessPoolFinds() {
        // Python: executor.map(is_prime, PRIMES) on another executor gives the same results in input order
        List<Long> numbers = List.of(1116281L, 1297337L, 1L, 982451653L, 112272535095293L, 4L);
        Set<Long> before = alive();
        Output out = new Output();
        Map<String, Double> seconds = PrimeCheckCluster.run(numbers, 3, out.stream());

        assertThat(seconds).containsKeys("ProcessPoolExecutor(2)", "start 3 members", "ClusterExecutor (3 members)");
        assertThat(out.lines()).contains("1116281 is prime: True", "1 is prime: False",
                "982451653 is prime: True", "112272535095293 is prime: True", "4 is prime: False");
        // the members are gone with the cluster
        assertThat(before).containsAll(alive());
    }

    private static Set<Long> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
