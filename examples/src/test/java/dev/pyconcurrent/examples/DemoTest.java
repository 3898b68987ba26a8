package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void demoTimesThePrimeCheckAndShowsTheRaceAndItsFix() {
        // Python: the concurrent.futures prime check on threads, and the bank-account race fixed by a lock
        Output out = new Output();
        Demo.Result r = Demo.run(PrimeCheck.PRIMES.subList(0, 7), 0.1, out.stream());

        assertThat(r.timings()).extracting(PrimeCheck.Timing::name).containsExactly("sequential", "ThreadPoolExecutor",
                "Pools.map (threads)", "ProcessPoolExecutor, new", "ProcessPoolExecutor, warm");
        assertThat(r.timings()).allSatisfy(t -> assertThat(t.results()).hasSize(7).containsOnly(true));
        assertThat(r.bank().withLock()).isEqualTo(100);
        assertThat(r.bank().withoutLock()).isLessThan(100);
        assertThat(out.text()).contains("speed-up", "ThreadPoolExecutor", "with RLock:   balance = 100",
                "includes starting", "Threads or processes?");
    }
}
