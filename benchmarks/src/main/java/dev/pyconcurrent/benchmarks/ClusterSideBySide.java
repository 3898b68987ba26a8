package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.cluster.ClusterExecutor;
import dev.pyconcurrent.cluster.LocalCluster;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.ProcessPoolExecutor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ClusterExecutor} on 1, 2 and 3 local Hazelcast members (child JVMs on 127.0.0.1, two executor
 * threads each, submitting from a lite member) next to {@code ProcessPoolExecutor(2)}, by wall clock, median
 * of a few runs: start-up to the first result, one {@code submit(...).result()} round trip, per-task cost of
 * a pipelined {@code map} of 2,000 trivial items (chunksize 1), the same with chunksize 100, and the F3 prime
 * check (the thirteen numbers five times over, chunksize 1), with the sequential loop as the baseline.
 * Prints a table. Not a JMH benchmark: a cluster takes seconds to form, too slow for the JMH smoke run.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.ClusterSideBySide [runs]}.
 */
public final class ClusterSideBySide {
    private ClusterSideBySide() {
    }

    /** F3: the thirteen numbers of {@link F3#PRIMES}, five times over. */
    static final List<Long> PRIMES = Collections.nCopies(5, F3.PRIMES).stream()
            .flatMap(List::stream).toList();

    /** Trial division: {@link F3#isPrime(long)}. */
    static boolean isPrime(long n) {
        return F3.isPrime(n);
    }

    private static final SerializableFunction<Long, Boolean> IS_PRIME = ClusterSideBySide::isPrime;
    private static final SerializableFunction<Integer, Integer> INC = i -> i + 1;
    private static final Callable<Integer> ONE = (SerializableCallable<Integer>) () -> 1;

    /** One row of the table. */
    private record Row(String name, double startSeconds, double roundTripMillis, double perTaskMillis,
                       double perItemChunkedMillis, double primesSeconds) {
    }

    private static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(int runs, Supplier<Double> one) {
        double[] s = new double[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = one.get();
        }
        Arrays.sort(s);
        return s[runs / 2];
    }

    private static Row measure(String name, double start, Executor ex, int runs, List<Boolean> expected) {
        List<Integer> items = IntStream.range(0, 2_000).boxed().collect(Collectors.toList());
        for (int i = 0; i < 200; i++) {   // warm the path
            ex.submit(ONE).result();
        }
        ex.map(INC, items).toList();
        int n = 200;
        double roundTrip = median(runs, () -> seconds(() -> {
            for (int i = 0; i < n; i++) {
                ex.submit(ONE).result();
            }
        }) / n);
        double perTask = median(runs, () -> seconds(() -> check(ex.map(INC, items).toList())) / items.size());
        double perItemChunked = median(runs, () -> seconds(() -> check(ex.map(INC, items,
                MapOptions.defaults().chunksize(100)).toList())) / items.size());
        double primes = median(runs, () -> seconds(() -> {
            if (!ex.map(IS_PRIME, PRIMES).toList().equals(expected)) {
                throw new IllegalStateException(name + ": wrong prime check");
            }
        }));
        Row row = new Row(name, start, roundTrip * 1e3, perTask * 1e3, perItemChunked * 1e3, primes);
        System.out.printf("  measured %s%n", name);
        return row;
    }

    private static void check(List<Integer> out) {
        if (out.size() != 2_000 || out.get(1_999) != 2_000) {
            throw new IllegalStateException("wrong map result");
        }
    }

    /**
     * Measures every executor and prints the table.
     *
     * @param args optional: runs per measurement (default 3)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Boolean> expected = new ArrayList<>();
        for (long p : PRIMES) {
            expected.add(isPrime(p));
        }
        double sequential = median(runs, () -> seconds(() -> {
            List<Boolean> out = new ArrayList<>();
            for (long p : PRIMES) {
                out.add(isPrime(p));
            }
            if (!out.equals(expected)) {
                throw new IllegalStateException("sequential disagrees");
            }
        }));
        List<Row> rows = new ArrayList<>();
        {
            long t = System.nanoTime();
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            pool.submit(ONE).result();
            double start = (System.nanoTime() - t) / 1e9;
            try (pool) {
                rows.add(measure("ProcessPoolExecutor(2)", start, pool, runs, expected));
            }
        }
        for (int members = 1; members <= 3; members++) {
            long t = System.nanoTime();
            LocalCluster cluster = LocalCluster.builder().members(members).memberThreads(2).start();
            try (cluster) {
                ClusterExecutor ex = cluster.executor();
                ex.submit(ONE).result();
                double start = (System.nanoTime() - t) / 1e9;
                try (ex) {
                    rows.add(measure("ClusterExecutor, " + members + " member" + (members > 1 ? "s" : ""),
                            start, ex, runs, expected));
                }
            }
        }

        int cores = Runtime.getRuntime().availableProcessors();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%n%d cores, load average %.1f at the end; median of %d runs%n", cores, load, runs);
        System.out.printf("%-26s %9s %13s %13s %15s %11s %9s%n", "executor", "start s", "round trip ms",
                "map ms/task", "map ms/item@100", "primes s", "speed-up");
        System.out.printf("%-26s %9s %13s %13s %15s %11.2f %8.2fx%n", "sequential loop", "-", "-", "-", "-",
                sequential, 1.0);
        for (Row r : rows) {
            System.out.printf("%-26s %9.2f %13.3f %13.3f %15.4f %11.2f %8.2fx%n", r.name(), r.startSeconds(),
                    r.roundTripMillis(), r.perTaskMillis(), r.perItemChunkedMillis(), r.primesSeconds(),
                    sequential / r.primesSeconds());
        }
    }
}
