package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shared counter incremented under each kind of mutual exclusion (SCENARIOS.md L1–L3),
 * by one thread and by two threads at once: pyconcurrent's {@link Lock} and {@link RLock}
 * against the baselines {@code synchronized}, {@link ReentrantLock}, {@link AtomicLong}
 * and {@link LongAdder}. Throughput of the whole group (both threads together for the
 * {@code _2t} groups), in increments per microsecond. The goal: {@code Lock} and
 * {@code RLock} within 10% of {@code ReentrantLock}.
 *
 * <p>Each group ({@code lock_1t}, {@code lock_2t}, {@code rlock_1t}, …) has its own
 * counter and lock ({@code Scope.Group}), so only the threads of one group contend.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CounterBenchmark}
 * (quick look: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CounterBenchmark {
    private final Lock lock = new Lock();
    private final RLock rlock = new RLock();
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private final Object monitor = new Object();
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private long counter;   // guarded by whichever lock the group uses

    private long underLock() {
        lock.acquire();
        try {
            return ++counter;
        } finally {
            lock.release();
        }
    }

    private long underRLock() {
        rlock.acquire();
        try {
            return ++counter;
        } finally {
            rlock.release();
        }
    }

    private long underReentrantLock() {
        reentrantLock.lock();
        try {
            return ++counter;
        } finally {
            reentrantLock.unlock();
        }
    }

    private long underSynchronized() {
        synchronized (monitor) {
            return ++counter;
        }
    }

    // ---- one thread ----

    @Benchmark
    @Group("lock_1t")
    @GroupThreads(1)
    public long lock1() {
        return underLock();
    }

    @Benchmark
    @Group("rlock_1t")
    @GroupThreads(1)
    public long rlock1() {
        return underRLock();
    }

    @Benchmark
    @Group("baselineReentrantLock_1t")
    @GroupThreads(1)
    public long reentrantLock1() {
        return underReentrantLock();
    }

    @Benchmark
    @Group("baselineSynchronized_1t")
    @GroupThreads(1)
    public long synchronized1() {
        return underSynchronized();
    }

    @Benchmark
    @Group("baselineAtomicLong_1t")
    @GroupThreads(1)
    public long atomic1() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    @Group("baselineLongAdder_1t")
    @GroupThreads(1)
    public LongAdder adder1() {
        adder.increment();
        return adder;
    }

    // ---- two threads on the same counter ----

    @Benchmark
    @Group("lock_2t")
    @GroupThreads(2)
    public long lock2() {
        return underLock();
    }

    @Benchmark
    @Group("rlock_2t")
    @GroupThreads(2)
    public long rlock2() {
        return underRLock();
    }

    @Benchmark
    @Group("baselineReentrantLock_2t")
    @GroupThreads(2)
    public long reentrantLock2() {
        return underReentrantLock();
    }

    @Benchmark
    @Group("baselineSynchronized_2t")
    @GroupThreads(2)
    public long synchronized2() {
        return underSynchronized();
    }

    @Benchmark
    @Group("baselineAtomicLong_2t")
    @GroupThreads(2)
    public long atomic2() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    @Group("baselineLongAdder_2t")
    @GroupThreads(2)
    public LongAdder adder2() {
        adder.increment();
        return adder;
    }
}
