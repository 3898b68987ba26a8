package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Put/get throughput of a bounded queue (capacity {@value #CAPACITY}) with 1 producer and
 * 1 consumer ({@code p1c1}) and with 2 and 2 ({@code p2c2}): the pyconcurrent
 * {@link Queue} against the baselines {@link ArrayBlockingQueue} and
 * {@link LinkedBlockingQueue} ({@code @Param impl}). The group score is puts + gets per
 * microsecond. The {@code single} group (one thread, a put then a get) isolates the fixed
 * cost of the calls from the scheduling noise of hand-offs.
 *
 * <p>Every call waits at most {@link #PATIENCE_MS} ms, so when an iteration ends and one
 * side of a group stops, the other side gives up instead of blocking forever (JMH sample
 * {@code JMHSample_30_Interrupts}); a give-up returns {@code false}/{@code null}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar QueueBenchmark}
 * (a real measurement: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueueBenchmark {
    static final int CAPACITY = 1024;
    static final long PATIENCE_MS = 100;
    private static final Integer ITEM = 42;

    /** Which queue: ours, or a j.u.c baseline. */
    @Param({"pyconcurrent", "ArrayBlockingQueue", "LinkedBlockingQueue"})
    public String impl;

    private Channel channel;

    /** A fresh, empty queue for every iteration, so leftovers cannot skew the next one. */
    @Setup(Level.Iteration)
    public void setUp() {
        switch (impl) {
            case "pyconcurrent":
                channel = new PyQueue(new Queue<>(CAPACITY));
                break;
            case "ArrayBlockingQueue":
                channel = new Juc(new ArrayBlockingQueue<>(CAPACITY));
                break;
            case "LinkedBlockingQueue":
                channel = new Juc(new LinkedBlockingQueue<>(CAPACITY));
                break;
            default:
                throw new IllegalArgumentException(impl);
        }
    }

    /** One producer: a put, waiting for a slot at most {@link #PATIENCE_MS}. */
    @Benchmark
    @Group("p1c1")
    @GroupThreads(1)
    public boolean put1() {
        return channel.put(ITEM);
    }

    /** One consumer: a get, waiting for an item at most {@link #PATIENCE_MS}. */
    @Benchmark
    @Group("p1c1")
    @GroupThreads(1)
    public Integer get1() {
        return channel.get();
    }

    /** Two producers. */
    @Benchmark
    @Group("p2c2")
    @GroupThreads(2)
    public boolean put2() {
        return channel.put(ITEM);
    }

    /** Two consumers. */
    @Benchmark
    @Group("p2c2")
    @GroupThreads(2)
    public Integer get2() {
        return channel.get();
    }

    /** One thread puts then gets: the fixed cost of the two calls, without any hand-off between threads. */
    @Benchmark
    @Group("single")
    @GroupThreads(1)
    public Integer putThenGet() {
        channel.put(ITEM);
        return channel.get();
    }

    /** The two operations measured, over each implementation. */
    private interface Channel {
        boolean put(Integer item);

        Integer get();
    }

    private static final class PyQueue implements Channel {
        private static final Duration PATIENCE = Duration.ofMillis(PATIENCE_MS);
        private final Queue<Integer> q;

        PyQueue(Queue<Integer> q) {
            this.q = q;
        }

        @Override
        public boolean put(Integer item) {
            try {
                q.put(item, PATIENCE);
                return true;
            } catch (FullException gaveUp) {
                return false;
            }
        }

        @Override
        public Integer get() {
            try {
                return q.get(PATIENCE);
            } catch (EmptyException gaveUp) {
                return null;
            }
        }
    }

    private static final class Juc implements Channel {
        private final BlockingQueue<Integer> q;

        Juc(BlockingQueue<Integer> q) {
            this.q = q;
        }

        @Override
        public boolean put(Integer item) {
            try {
                return q.offer(item, PATIENCE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public Integer get() {
            try {
                return q.poll(PATIENCE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
