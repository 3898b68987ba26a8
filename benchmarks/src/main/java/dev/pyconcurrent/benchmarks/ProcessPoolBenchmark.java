package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.ThreadPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Costs of the child-JVM pool: a cold {@code Pool(2)} to its first result, one trivial
 * {@code apply} round trip, and {@code map(i -> i + 1)} over 100,000 items (P10).
 * Baselines: the same calls on a {@link ThreadPool}, and a sequential loop for the map.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProcessPoolBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessPoolBenchmark {
    private static final List<Integer> ITEMS = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());

    private Pool pool;
    private ThreadPool threads;

    @Setup(Level.Trial)
    public void start() {
        pool = new Pool(2);
        threads = new ThreadPool(2);
        pool.apply(() -> 0);   // workers up
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.terminate();
        pool.join();
        threads.terminate();
        threads.join();
    }

    /** Cold start: a new Pool(2) until its first result, then shut down. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long coldStartToFirstResult() {
        Pool p = new Pool(2);
        try {
            return p.apply(() -> ProcessHandle.current().pid());
        } finally {
            p.terminate();
            p.join();
        }
    }

    /** Baseline of the cold start: a new ThreadPool(2) until its first result. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long baselineColdStartThreadPool() {
        ThreadPool p = new ThreadPool(2);
        try {
            return p.apply(() -> java.lang.Thread.currentThread().getId());
        } finally {
            p.terminate();
            p.join();
        }
    }

    /** One trivial apply round trip through a child JVM. */
    @Benchmark
    public int applyRoundTrip() {
        return pool.apply(() -> 1);
    }

    /** Baseline: the same apply on a pool thread. */
    @Benchmark
    public int baselineApplyRoundTripThreadPool() {
        return threads.apply(() -> 1);
    }

    /** P10: map(i -> i + 1) over 100,000 items with the automatic chunksize. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Integer> map100k() {
        return pool.map(i -> i + 1, ITEMS);
    }

    /** Baseline: the same map on a ThreadPool(2). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Integer> baselineMap100kThreadPool() {
        return threads.map(i -> i + 1, ITEMS);
    }

    /** Baseline: a sequential loop. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Integer> baselineMap100kSequential() {
        List<Integer> out = new ArrayList<>(ITEMS.size());
        for (Integer i : ITEMS) {
            out.add(i + 1);
        }
        return out;
    }
}
