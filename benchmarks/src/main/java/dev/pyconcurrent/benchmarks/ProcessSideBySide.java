package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.Pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The process-pool workloads of {@code benchmarks/python/side_by_side.py}, measured the same way
 * (wall clock, median of a few runs) so the two can be compared line by line: cold start of
 * {@code Pool(2)} and {@code ProcessPoolExecutor(2)} to the first result, one trivial {@code apply}
 * round trip, {@code map(i -> i + 1)} over 100,000 items with the automatic chunk size, and the prime
 * check (the thirteen distinct numbers of F3) on {@code Pool(2)}, {@code ProcessPoolExecutor(2)} and
 * sequentially. Prints one {@code name seconds} line per workload.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.ProcessSideBySide},
 * or {@code benchmarks/python/compare.sh} for the side-by-side table with CPython.
 */
public final class ProcessSideBySide {
    private ProcessSideBySide() {
    }

    /** The thirteen distinct numbers of the F3 prime check. */
    static final List<Long> PRIMES = List.of(
            1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
            982451653L, 112272535095293L, 112582705942171L, 112272535095293L,
            115280095190773L, 115797848077099L, 1099726899285419L);

    /** Trial division by 2..floor(sqrt(n)); 1 is not prime. */
    static boolean isPrime(long n) {
        long limit = (long) Math.floor(Math.sqrt(n));
        for (long i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return n != 1;
    }

    static int inc(int i) {
        return i + 1;
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

    private static void report(String name, double seconds) {
        System.out.printf("%-32s %.4f%n", name, seconds);
    }

    /**
     * Runs every workload and prints its seconds.
     *
     * @param args optional: number of runs per workload (default 5)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Integer> items = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());

        report("cold_start_pool", median(runs, () -> seconds(() -> {
            Pool p = new Pool(2);
            p.apply(() -> 1);
            p.terminate();
            p.join();
        })));
        report("cold_start_executor", median(runs, () -> seconds(() -> {
            ProcessPoolExecutor ex = new ProcessPoolExecutor(2);
            ex.submit(() -> 1).result();
            ex.shutdown(false, true);
        })));
        ProcessHandle.current().descendants().forEach(h -> h.onExit().join());

        try (Pool pool = new Pool(2); ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            pool.apply(() -> 0);
            ex.submit(() -> 0).result();
            for (int i = 0; i < 300; i++) {   // warm both sides of the channel
                pool.apply(() -> 1);
            }
            int n = 200;
            report("apply_round_trip", median(runs, () -> seconds(() -> {
                for (int i = 0; i < n; i++) {
                    pool.apply(() -> 1);
                }
            }) / n));
            report("submit_round_trip_executor", median(runs, () -> seconds(() -> {
                for (int i = 0; i < n; i++) {
                    ex.submit(() -> 1).result();
                }
            }) / n));
            pool.map(ProcessSideBySide::inc, items);   // warm
            report("map_100k_pool", median(runs, () -> seconds(() -> check(pool.map(ProcessSideBySide::inc, items)))));
            report("primes_pool", median(runs, () -> seconds(() -> pool.map(ProcessSideBySide::isPrime, PRIMES))));
            report("primes_executor", median(runs, () -> seconds(
                    () -> ex.map(ProcessSideBySide::isPrime, PRIMES).toList())));
        }
        report("primes_sequential", median(runs, () -> seconds(() -> {
            List<Boolean> out = new ArrayList<>();
            for (long p : PRIMES) {
                out.add(isPrime(p));
            }
        })));
    }

    private static void check(List<Integer> out) {
        if (out.size() != 100_000 || out.get(99_999) != 100_000) {
            throw new IllegalStateException("wrong map result");
        }
    }
}
