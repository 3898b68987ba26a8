package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.Pools;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * SCENARIOS F3, the headline workload: is-prime by trial division over the PRIMES list, sequential
 * (baseline) vs {@code Pools.map} vs {@code ThreadPoolExecutor.map} vs a raw {@code java.util.concurrent}
 * fixed pool with {@code invokeAll} vs a parallel stream. Every pool has {@code cpuCount} threads.
 * One operation checks the whole list; {@code repeats} = 5 is the scenario's {@code PRIMES × 5},
 * 1 keeps a smoke run short.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PrimeBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PrimeBenchmark {
    /** SCENARIOS.md F3. */
    static final long[] PRIMES = {1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
        982451653L, 112272535095293L, 112582705942171L, 112272535095293L,
        115280095190773L, 115797848077099L, 1099726899285419L};

    @Param({"1", "5"})
    public int repeats;

    private List<Long> numbers;
    private ThreadPoolExecutor executor;
    private ExecutorService raw;

    @Setup(Level.Trial)
    public void setUp() {
        numbers = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (long p : PRIMES) {
                numbers.add(p);
            }
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        executor = new ThreadPoolExecutor(cpus);
        raw = Executors.newFixedThreadPool(cpus);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdown();
        raw.shutdown();
    }

    /** {@code isPrime(n)}: trial division by 2..floor(sqrt(n)), {@code n != 1}. */
    static boolean isPrime(long n) {
        if (n == 1) {
            return false;
        }
        long limit = (long) Math.floor(Math.sqrt((double) n));
        for (long d = 2; d <= limit; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @Benchmark
    public List<Boolean> baselineSequential() {
        List<Boolean> out = new ArrayList<>(numbers.size());
        for (long n : numbers) {
            out.add(isPrime(n));
        }
        return out;
    }

    @Benchmark
    public List<Boolean> poolsMap() {
        return Pools.map(PrimeBenchmark::isPrime, numbers);
    }

    @Benchmark
    public List<Boolean> threadPoolExecutorMap() {
        return executor.map(PrimeBenchmark::isPrime, numbers).toList();
    }

    @Benchmark
    public List<Boolean> rawFixedPoolInvokeAll() throws InterruptedException, ExecutionException {
        List<Callable<Boolean>> tasks = new ArrayList<>(numbers.size());
        for (long n : numbers) {
            tasks.add(() -> isPrime(n));
        }
        List<Boolean> out = new ArrayList<>(numbers.size());
        for (Future<Boolean> f : raw.invokeAll(tasks)) {
            out.add(f.get());
        }
        return Collections.unmodifiableList(out);
    }

    @Benchmark
    public List<Boolean> parallelStream() {
        return numbers.parallelStream().map(PrimeBenchmark::isPrime).collect(Collectors.toList());
    }
}
