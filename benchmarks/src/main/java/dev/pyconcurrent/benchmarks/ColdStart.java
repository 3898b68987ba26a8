package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;

/**
 * Cold starts, one per fresh JVM, for the side-by-side comparison with CPython
 * ({@code benchmarks/python/side_by_side.sh} starts it and reads its marks).
 * <ul>
 *   <li>{@code pool}: {@code new Pool(2)} to the first {@code apply} result, then, after that pool is
 *       closed ({@code try}-with-resources, as users write it), a second {@code Pool(2)} in the same JVM to
 *       its first result;</li>
 *   <li>{@code process}: one {@code Process} started to the first result it sends back through a
 *       {@code Queue}.</li>
 * </ul>
 * Prints {@code MARK <name> <System.nanoTime()>} lines; on Linux {@code System.nanoTime()} is
 * {@code CLOCK_MONOTONIC}, the clock of Python's {@code time.monotonic_ns()}, so the driver can also
 * measure from the moment it started {@code java}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.ColdStart pool|process}.
 */
public final class ColdStart {
    private ColdStart() {
    }

    static int addOne(int i) {
        return i + 1;
    }

    private static void mark(String name) {
        System.out.println("MARK " + name + " " + System.nanoTime());
    }

    /**
     * Runs one cold start.
     *
     * @param args {@code pool} or {@code process}
     */
    public static void main(String[] args) {
        mark("main");
        String mode = args.length == 1 ? args[0] : "";
        switch (mode) {
            case "pool" -> {
                int arg = 41;
                mark("pool_start");
                try (Pool pool = new Pool(2)) {
                    int r = pool.apply(() -> addOne(arg));
                    mark("pool_first");
                    check(r == 42);
                }
                mark("second_start");
                try (Pool pool = new Pool(2)) {
                    int r = pool.apply(() -> addOne(arg));
                    mark("second_first");
                    check(r == 42);
                }
            }
            case "process" -> {
                int arg = 41;
                mark("process_start");
                Queue<Integer> results = new Queue<>();
                Process p = new Process(() -> results.put(addOne(arg)));
                p.start();
                int r = results.get();
                mark("process_first");
                check(r == 42);
                p.join();
            }
            default -> {
                System.err.println("usage: ColdStart pool|process");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("wrong result");
        }
    }
}
