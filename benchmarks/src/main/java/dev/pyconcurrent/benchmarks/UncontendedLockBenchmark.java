package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Uncontended acquire + release, one thread: the fixed cost of the {@link Lock} and
 * {@link RLock} facades over the raw {@link ReentrantLock} baseline.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar UncontendedLockBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UncontendedLockBenchmark {
    private final Lock lock = new Lock();
    private final RLock rlock = new RLock();
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private long counter;

    @Benchmark
    public long baselineReentrantLock() {
        reentrantLock.lock();
        try {
            return ++counter;
        } finally {
            reentrantLock.unlock();
        }
    }

    @Benchmark
    public long lock() {
        lock.acquire();
        try {
            return ++counter;
        } finally {
            lock.release();
        }
    }

    @Benchmark
    public long rlock() {
        rlock.acquire();
        try {
            return ++counter;
        } finally {
            rlock.release();
        }
    }
}
