package dev.pyconcurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pools.ioMap: Python's list(ThreadPoolExecutor(n).map(fn, items)) on virtual threads (JDK 21+). */
class PoolsIoMapTest {

    static boolean jdk21() {
        return Runtime.version().feature() >= 21;
    }

    @Test
    void onJdk17IoMapFailsNamingTheJdkNeeded() {
        // Python has no virtual threads: on a JDK without them ioMap fails at once, saying what is needed
        assumeTrue(!jdk21(), "runs only on JDK 17 to 20");
        assertThatThrownBy(() -> Pools.ioMap((Integer x) -> x, List.of(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK 21");
    }

    @Test
    void everyItemWaitsAtTheSameTimeAndResultsKeepInputOrder() {
        // Python: ThreadPoolExecutor(len(items)).map(fetch, items) overlaps all the waits; results in input order
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        int n = 2000;
        CountDownLatch allStarted = new CountDownLatch(n);
        List<Integer> items = IntStream.range(0, n).boxed().collect(Collectors.toList());
        List<String> out = Pools.ioMap((Integer x) -> {
            allStarted.countDown();
            try {
                if (!allStarted.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("items did not run at once");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "r" + x;
        }, items);
        assertThat(out).hasSize(n).startsWith("r0", "r1", "r2").endsWith("r" + (n - 1));
    }

    @Test
    void maxConcurrencyCapsTheThreadsAndTheFirstFailureIsRethrown() {
        // Python: map(fn, items) with max_workers=3; the first failing item's exception is raised by the map
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(i);
        }
        List<Integer> out = Pools.ioMap((Integer x) -> {
            threads.add(java.lang.Thread.currentThread().getName());
            return x * x;
        }, items, 3);
        assertThat(out).hasSize(50).startsWith(0, 1, 4, 9);
        assertThat(threads).hasSizeLessThanOrEqualTo(3);
        assertThatThrownBy(() -> Pools.ioMap((Integer x) -> {
            if (x == 7) {
                throw new ArithmeticException("bad " + x);
            }
            return x;
        }, items)).isInstanceOf(ArithmeticException.class).hasMessage("bad 7");
        assertThatThrownBy(() -> Pools.ioMap((Integer x) -> x, items, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
