package dev.pyconcurrent.benchmarks;

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

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The fixed cost of one task: {@code submit} + {@code result()} round trip on a
 * {@link ThreadPoolExecutor}, against {@code submit} + {@code get()} on the JDK's
 * {@link java.util.concurrent.ThreadPoolExecutor} (baseline), both with {@code workers} threads.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SubmitBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubmitBenchmark {
    @Param({"1", "4"})
    public int workers;

    private ThreadPoolExecutor executor;
    private ExecutorService jdk;
    private int input;

    @Setup(Level.Trial)
    public void setUp() {
        executor = new ThreadPoolExecutor(workers);
        jdk = Executors.newFixedThreadPool(workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdown();
        jdk.shutdown();
    }

    @Benchmark
    public int baselineJdkSubmitGet() throws InterruptedException, ExecutionException {
        int x = ++input;
        return jdk.submit(() -> x + 1).get();
    }

    @Benchmark
    public int submitResult() {
        int x = ++input;
        return executor.submit(() -> x + 1).result();
    }
}
