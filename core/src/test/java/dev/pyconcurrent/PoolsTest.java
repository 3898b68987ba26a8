package dev.pyconcurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pools.map: the one-liner over a shared thread pool (API.md §2). */
class PoolsTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void mapKeepsInputOrder() {
        // Python: list(ThreadPoolExecutor().map(fn, items)) is in input order
        assertThat(Pools.map((Integer x) -> x * x, range(500)))
                .isEqualTo(range(500).stream().map(x -> x * x).collect(Collectors.toList()));
        assertThat(Pools.map((Integer x) -> x, List.<Integer>of())).isEmpty();
        assertThat(Pools.map((String s) -> null, List.of("a"))).containsExactly((Object) null);
    }

    @Test
    void mapWithAWorkerCountUsesThatManyThreads() {
        // Python: ThreadPoolExecutor(max_workers=3).map(...): at most 3 threads run the items
        ConcurrentHashMap.KeySetView<String, Boolean> names = ConcurrentHashMap.newKeySet();
        List<Integer> out = Pools.map((Integer x) -> {
            names.add(Thread.currentThread().getName());
            return x + 1;
        }, range(200), 3);
        assertThat(out).isEqualTo(range(200).stream().map(x -> x + 1).collect(Collectors.toList()));
        assertThat(names.size()).isBetween(1, 3);
        assertThat(Pools.map((Integer x) -> x, range(3), Runtime.getRuntime().availableProcessors())).containsExactly(0, 1, 2);
    }

    @Test
    void mapRunsInParallel() throws Exception {
        // Python: the pool runs items concurrently: two items can be in flight at once
        CountDownLatch both = new CountDownLatch(2);
        List<Boolean> out = Pools.map((Integer x) -> {
            both.countDown();
            try {
                return both.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, range(2), 2);
        assertThat(out).containsExactly(true, true);
    }

    @Test
    void badWorkerCountIsAValueError() {
        // Python: ThreadPoolExecutor(max_workers=0) raises ValueError
        assertThatThrownBy(() -> Pools.map(x -> x, List.of(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_workers must be greater than 0");
        assertThatThrownBy(() -> Pools.map(null, List.of(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Pools.map(x -> x, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void firstFailureInInputOrderIsRethrownAndTheRestCancelled() throws Exception {
        // Python: list(ex.map(...)) raises the first failing item's exception (as result() does); the rest is cancelled
        IllegalStateException first = new IllegalStateException("item 0");
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        assertThatThrownBy(() -> Pools.map((Integer x) -> {
            if (x == 0) {
                throw first;
            }
            if (x == 5) {
                throw new IllegalArgumentException("later item");
            }
            ran.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);   // holds the only worker
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return x;
        }, range(100), 1)).isSameAs(first);
        release.countDown();
        Thread.sleep(200);   // not a blocking check: gives uncancelled work time to show itself
        assertThat(ran.get()).isLessThanOrEqualTo(1);
    }

    @Test
    void checkedFailureIsWrappedAsResultDoes() {
        // API.md §5: a checked exception arrives wrapped in CompletionException, as Future.result() throws it
        assertThatThrownBy(() -> Pools.map((Integer x) -> {
            throw sneaky(new java.io.IOException("io"));
        }, List.of(1))).isInstanceOf(java.util.concurrent.CompletionException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void nestedMapFromAPoolTaskDoesNotDeadlock() {
        // Python has no shared pool; here a map inside a shared-pool task runs in that task's thread
        int n = Runtime.getRuntime().availableProcessors() * 2;
        List<List<Integer>> out = Pools.map((Integer x) -> Pools.map((Integer y) -> x * 10 + y, range(3)), range(n));
        List<List<Integer>> expected = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            expected.add(Arrays.asList(x * 10, x * 10 + 1, x * 10 + 2));
        }
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void sharedPoolWorkersAreDaemons() {
        // API.md §2: the shared pool never keeps the JVM alive (see JvmExitTest for the child-JVM check)
        assertThat(Pools.map((Integer x) -> Thread.currentThread().isDaemon(), range(4))).containsOnly(true);
    }
}
