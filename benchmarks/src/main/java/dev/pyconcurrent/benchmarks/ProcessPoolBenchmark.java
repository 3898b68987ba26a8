package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.ThreadPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Costs of the child-JVM pools: a cold {@code Pool(2)} to its first result, one trivial
 * {@code apply} round trip, {@code map(i -> i + 1)} over 100,000 items with the automatic chunk
 * size (P10), and the prime check (F3) on {@code Pool(2)} and {@code ProcessPoolExecutor(2)}.
 * Baselines: the same calls on a {@link ThreadPool}, and sequential loops for the map and the primes.
 * The prime list is a {@code @Param}: {@code small} (default: the F3 numbers below 10^9, cheap enough
 * for a smoke run) or {@code f3} (the thirteen distinct F3 numbers: {@code -p primes=f3}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProcessPoolBenchmark}; smoke run:
 * {@code java -jar benchmarks/target/benchmarks.jar ProcessPoolBenchmark -f 1 -wi 0 -i 1 -r 200ms}.
 * For the comparison with CPython see {@link SideBySide} and {@code benchmarks/python/side_by_side.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessPoolBenchmark {
    private static final List<Integer> ITEMS = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());

    /** Which prime list the prime-check benchmarks use; {@code -p primes=f3} for the full one. */
    @Param({"small"})
    public String primes;

    private List<Long> numbers;
    private Pool pool;
    private ProcessPoolExecutor executor;
    private ThreadPool threads;

    @Setup(Level.Trial)
    public void start() {
        numbers = primes.equals("f3") ? F3.PRIMES
                : F3.PRIMES.stream().filter(n -> n < 1_000_000_000L).collect(Collectors.toList());
        pool = new Pool(2);
        executor = new ProcessPoolExecutor(2);
        threads = new ThreadPool(2);
        pool.apply(() -> 0);   // workers up
        executor.submit(() -> 0).result();
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.terminate();
        pool.join();
        executor.shutdown(true, true);
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

    /** F3: the prime check on Pool(2).map (automatic chunksize). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Boolean> primesPool() {
        return pool.map(F3::isPrime, numbers);
    }

    /** F3: the prime check on ProcessPoolExecutor(2).map (chunksize 1, as Python's default). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Boolean> primesProcessPoolExecutor() {
        return executor.map(F3::isPrime, numbers).toList();
    }

    /** Baseline of the prime check: a sequential loop in this JVM. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Boolean> baselinePrimesSequential() {
        List<Boolean> out = new ArrayList<>(numbers.size());
        for (long n : numbers) {
            out.add(F3.isPrime(n));
        }
        return out;
    }
}
