package dev.pyconcurrent.examples;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The process-side scenarios, scaled down; each leaves no child JVM behind. */
class ProcessExamplesTest {

    /** What an example printed on its own stream, and what its children printed on System.out. */
    private static final class Captured {
        private final ByteArrayOutputStream own = new ByteArrayOutputStream();
        private final ByteArrayOutputStream children = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(own, true, StandardCharsets.UTF_8);

        <T> T run(java.util.function.Supplier<T> body) {
            PrintStream saved = System.out;
            System.setOut(new PrintStream(children, true, StandardCharsets.UTF_8));
            try {
                return body.get();
            } finally {
                System.setOut(saved);
            }
        }

        List<String> ownLines() {
            return own.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }

        List<String> childLines() {
            synchronized (children) {
                return children.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
            }
        }
    }

    @AfterEach
    void noChildJvmLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    @Test
    void p1EachProcessPrintsItsPidAndItsParentsPid() {
        // Python P1: each child prints os.getpid() (its own) and os.getppid() (the parent's)
        Captured c = new Captured();
        List<Long> pids = c.run(() -> ProcessesPids.run(List.of("bob", "alice"), c.out));
        long me = ProcessHandle.current().pid();
        assertThat(pids).hasSize(2).doesNotContain(me).doesNotHaveDuplicates();
        assertThat(c.childLines()).containsExactlyInAnyOrder(
                "hello bob: process id " + pids.get(0) + ", parent process " + me,
                "hello alice: process id " + pids.get(1) + ", parent process " + me);
        assertThat(c.ownLines()).contains("main process id " + me).filteredOn(l -> l.endsWith("exitcode 0")).hasSize(2);
    }

    @Test
    void p2TheChildsChangesDoNotReachTheParent() {
        // Python P2: the child's global list is filled; the parent's stays []
        Captured c = new Captured();
        List<Integer> parentCopy = c.run(() -> MemoryNotShared.run(List.of(1, 2, 3, 4), c.out));
        assertThat(parentCopy).isEmpty();
        assertThat(c.childLines()).containsExactly("Result(in process p1): [1, 4, 9, 16]");
        assertThat(c.ownLines()).containsExactly("Result(in main program): []");
    }

    @Test
    void p3AProcessCostsMoreToStartThanAThread() {
        // Python P3: starting a process takes far longer than starting a thread
        Captured c = new Captured();
        ProcessVsThreadStartCost.Costs costs = ProcessVsThreadStartCost.run(2, c.out);
        assertThat(costs.threadSeconds()).isPositive();
        assertThat(costs.processSeconds()).isGreaterThan(costs.threadSeconds());
        assertThat(c.ownLines()).hasSize(3);
    }

    @Test
    void p9EveryCallbackRanBeforeJoinReturns() {
        // Python P9: apply_async(f, callback=results.append) x10; after close() and join() all ten are there
        Captured c = new Captured();
        List<Integer> results = PoolApplyAsyncCallbacks.run(2, 10, c.out);
        assertThat(results).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        assertThat(c.ownLines()).containsExactly("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    }

    @Test
    void p10MapOverManyItemsInBatches() {
        // Python P10: Pool.map / ProcessPoolExecutor.map(inc, range(n)) returns every i + 1
        Captured c = new Captured();
        int n = 20_000;
        PoolMapHundredThousand.Outcome o = PoolMapHundredThousand.run(n, 2, 2, 500, c.out);
        long expected = (long) n * (n + 1) / 2;
        assertThat(o.poolSum()).isEqualTo(expected);
        assertThat(o.executorSum()).isEqualTo(expected);
        assertThat(c.ownLines()).hasSize(2);
    }

    @Test
    void f3ProcessPoolsFindTheSamePrimesInOrder() {
        // Python F3: executor.map(is_prime, PRIMES) zipped with PRIMES prints '%d is prime: %s' in order
        List<Long> numbers = List.of(1116281L, 1297337L, 104395303L, 1L, 982451653L, 112272535095293L, 4L);
        Captured c = new Captured();
        Map<String, Double> seconds = PrimeCheckProcesses.run(numbers, c.out);
        assertThat(seconds).containsOnlyKeys("sequential", "Pool(2)", "ProcessPoolExecutor(2)");
        assertThat(c.ownLines()).containsSubsequence(
                "1116281 is prime: True", "1297337 is prime: True", "104395303 is prime: True", "1 is prime: False",
                "982451653 is prime: True", "112272535095293 is prime: True", "4 is prime: False");
        assertThat(PrimeCheckProcesses.PRIMES).hasSize(65);
        assertThat(IntStream.rangeClosed(2, 30).filter(i -> PrimeCheckProcesses.isPrime(i)).boxed())
                .containsExactly(2, 3, 5, 7, 11, 13, 17, 19, 23, 29);
    }

    @Test
    void f4WorkersFetchOverLoopbackAndCallbacksSaveTitles(@TempDir Path dir) throws Exception {
        // Python F4: pool workers fetch the pages; a done-callback in the parent appends each title to a file
        Captured c = new Captured();
        List<String> titles = CrawlerProcesses.run(5, 50, dir.resolve("titles.txt"), c.out);
        List<String> once = IntStream.range(0, 5).mapToObj(i -> "Page " + i).collect(Collectors.toList());
        assertThat(titles).hasSize(10);
        assertThat(titles.stream().distinct()).containsExactlyInAnyOrderElementsOf(once);
        assertThat(titles.stream().filter(t -> t.equals("Page 3"))).hasSize(2);
        assertThat(c.ownLines()).last().isEqualTo("10 titles in " + dir.resolve("titles.txt"));
    }
}
