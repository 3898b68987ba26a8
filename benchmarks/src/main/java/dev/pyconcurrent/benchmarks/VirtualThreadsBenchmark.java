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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A batch of {@code tasks} blocking tasks (each parks {@code blockMicros}, as a short network wait;
 * 0 measures the dispatch alone), mapped in order on virtual threads against platform threads:
 * <ul>
 *   <li>{@code virtualMap}: {@code ThreadPoolExecutor.virtual().map} (one executor for the trial);</li>
 *   <li>{@code ioMap}: {@code Pools.ioMap}, which makes and shuts down a virtual pool per call;</li>
 *   <li>{@code baselinePlatformMap}: {@code new ThreadPoolExecutor(tasks).map}, one platform thread per task,
 *       started once and reused;</li>
 *   <li>{@code baselineRawVirtualPerTask}: the JDK's {@code Executors.newVirtualThreadPerTaskExecutor()} with
 *       {@code invokeAll}, a new virtual thread per task: what the facade costs over raw virtual threads.</li>
 * </ul>
 *
 * <p>Needs JDK 21 or newer for the virtual variants. Run:
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/benchmarks.jar VirtualThreadsBenchmark -f 1 -wi 2 -i 3}.
 * On JDK 17 to 20 (the CI smoke run) the virtual variants do nothing and return {@code -1}: their
 * scores then mean nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VirtualThreadsBenchmark {
    @Param({"1000"})
    public int tasks;

    @Param({"0", "1000"})
    public int blockMicros;

    private List<Integer> items;
    private ThreadPoolExecutor virtual;
    private ThreadPoolExecutor platform;
    private ExecutorService rawVirtual;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        items = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            items.add(i);
        }
        platform = new ThreadPoolExecutor(tasks);
        platform.map(this::block, items).toList();   // start every worker before measuring
        if (Runtime.version().feature() >= 21) {
            virtual = ThreadPoolExecutor.virtual();
            rawVirtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } else {
            System.err.println("VirtualThreadsBenchmark: virtual threads need JDK 21; the virtual variants are skipped");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        platform.shutdown();
        if (virtual != null) {
            virtual.shutdown();
            rawVirtual.shutdown();
        }
    }

    private int block(int x) {
        if (blockMicros > 0) {
            LockSupport.parkNanos(blockMicros * 1000L);
        }
        return x + 1;
    }

    private static int sum(List<Integer> results) {
        int s = 0;
        for (int r : results) {
            s += r;
        }
        return s;
    }

    @Benchmark
    public int virtualMap() {
        if (virtual == null) {
            return -1;
        }
        return sum(virtual.map(this::block, items).toList());
    }

    @Benchmark
    public int ioMap() {
        if (virtual == null) {
            return -1;
        }
        return sum(Pools.ioMap(this::block, items));
    }

    @Benchmark
    public int baselinePlatformMap() {
        return sum(platform.map(this::block, items).toList());
    }

    @Benchmark
    public int baselineRawVirtualPerTask() throws Exception {
        if (rawVirtual == null) {
            return -1;
        }
        List<Callable<Integer>> calls = new ArrayList<>(tasks);
        for (int x : items) {
            calls.add(() -> block(x));
        }
        int s = 0;
        for (Future<Integer> f : rawVirtual.invokeAll(calls)) {
            s += f.get();
        }
        return s;
    }
}
