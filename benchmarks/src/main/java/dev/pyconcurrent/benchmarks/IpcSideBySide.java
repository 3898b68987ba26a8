package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.multiprocessing.Connection;
import dev.pyconcurrent.multiprocessing.ConnectionPair;
import dev.pyconcurrent.multiprocessing.Manager;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;
import dev.pyconcurrent.multiprocessing.SharedBarrier;
import dev.pyconcurrent.multiprocessing.Value;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inter-process workloads of {@code benchmarks/python/ipc_side_by_side.py}, measured the same
 * way (wall clock, median of a few runs, child processes started before the clock runs) so the two
 * can be compared line by line:
 * <ul>
 *   <li>{@code queue_round_trip}: the parent puts an int into one {@link Queue}, a child gets it and
 *       puts it into another, the parent gets it back; seconds per round trip;</li>
 *   <li>{@code queue_100k_items}: a child puts 100,000 ints into a {@link Queue}, the parent gets
 *       them; seconds for all of them;</li>
 *   <li>{@code pipe_round_trip} and {@code pipe_100k_items}: the same through a duplex
 *       {@link Multiprocessing#pipe()} ({@link Connection#send} / {@link Connection#recv});</li>
 *   <li>{@code manager_dict_op}: a child sets and gets one key of a {@link Manager#dict()} (the
 *       manager in the parent; in CPython its own server process); seconds per operation;</li>
 *   <li>{@code value_add_2_processes}: two children each add 1 to one {@link Value} (atomic
 *       {@link Value#getAndAddLong}; CPython: {@code with v.get_lock(): v.value += 1}); seconds per
 *       addition of the slower child;</li>
 *   <li>{@code value_locked_add_2_processes}: the same under {@link Value#getLock()}, Python's exact
 *       idiom.</li>
 * </ul>
 * Prints one {@code name seconds} line per workload.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.IpcSideBySide [runs]},
 * or {@code benchmarks/python/compare_ipc.sh} for the side-by-side table with CPython.
 */
public final class IpcSideBySide {
    private IpcSideBySide() {
    }

    /** Items of the throughput workloads. */
    static final int ITEMS = 100_000;

    private static double median(int runs, Supplier<Double> one) {
        one.get();   // warm-up, not counted
        double[] s = new double[runs];
        for (int i = 0; i < runs; i++) {
            s[i] = one.get();
        }
        Arrays.sort(s);
        return s[runs / 2];
    }

    private static void report(String name, double seconds) {
        System.out.printf("%-32s %.9f%n", name, seconds);
    }

    private static void finish(Process... ps) {
        for (Process p : ps) {
            p.join();
            if (p.getExitcode() != 0) {
                throw new IllegalStateException(p.getName() + " exited with " + p.getExitcode());
            }
        }
    }

    /**
     * Runs every workload and prints its seconds.
     *
     * @param args optional: number of runs per workload (default 5)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int n = 2_000;
        queue(runs, n);
        pipe(runs, n);
        manager(runs, n);
        value(runs);
    }

    private static void queue(int runs, int n) {
        Queue<Integer> toChild = new Queue<>();
        Queue<Integer> toParent = new Queue<>();
        Process echo = new Process(() -> {
            for (int x = toChild.get(); x >= 0; x = toChild.get()) {
                if (x == Integer.MAX_VALUE) {   // a throughput run: send the items
                    for (int i = 0; i < ITEMS; i++) {
                        toParent.put(i);
                    }
                } else {
                    toParent.put(x);
                }
            }
        });
        echo.start();
        toChild.put(0);
        toParent.get();
        report("queue_round_trip", median(runs, () -> {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                toChild.put(i);
                toParent.get();
            }
            return (System.nanoTime() - t) / 1e9 / n;
        }));
        report("queue_100k_items", median(runs, () -> {
            long t = System.nanoTime();
            toChild.put(Integer.MAX_VALUE);
            long sum = 0;
            for (int i = 0; i < ITEMS; i++) {
                sum += toParent.get();
            }
            check(sum);
            return (System.nanoTime() - t) / 1e9;
        }));
        toChild.put(-1);
        finish(echo);
    }

    private static void pipe(int runs, int n) {
        ConnectionPair pair = Multiprocessing.pipe();
        Connection mine = pair.first();
        Process echo = new Process((Connection c) -> {
            for (int x = (Integer) c.recv(); x >= 0; x = (Integer) c.recv()) {
                if (x == Integer.MAX_VALUE) {
                    for (int i = 0; i < ITEMS; i++) {
                        c.send(i);
                    }
                } else {
                    c.send(x);
                }
            }
        }, pair.second());
        echo.start();
        mine.send(0);
        mine.recv();
        report("pipe_round_trip", median(runs, () -> {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                mine.send(i);
                mine.recv();
            }
            return (System.nanoTime() - t) / 1e9 / n;
        }));
        report("pipe_100k_items", median(runs, () -> {
            long t = System.nanoTime();
            mine.send(Integer.MAX_VALUE);
            long sum = 0;
            for (int i = 0; i < ITEMS; i++) {
                sum += (Integer) mine.recv();
            }
            check(sum);
            return (System.nanoTime() - t) / 1e9;
        }));
        mine.send(-1);
        finish(echo);
    }

    private static void manager(int runs, int n) {
        try (Manager m = Manager.start()) {
            Map<String, Integer> d = m.dict();
            Queue<Integer> commands = new Queue<>();
            Queue<Double> times = new Queue<>();
            Process worker = new Process(() -> {
                for (int count = commands.get(); count > 0; count = commands.get()) {
                    long t = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        d.put("key", i);
                        if (d.get("key") != i) {
                            throw new IllegalStateException("lost an update");
                        }
                    }
                    times.put((System.nanoTime() - t) / 1e9 / (2.0 * count));
                }
            });
            worker.start();
            report("manager_dict_op", median(runs, () -> {
                commands.put(n);
                return times.get();
            }));
            commands.put(0);
            finish(worker);
        }
    }

    private static void value(int runs) {
        Value v = Value.ofLong(0);
        Queue<Integer> commands = new Queue<>();
        Queue<Double> times = new Queue<>();
        SharedBarrier start = Multiprocessing.barrier(2);
        Process[] adders = new Process[2];
        for (int k = 0; k < 2; k++) {
            adders[k] = new Process(() -> {
                for (int count = commands.get(); count != 0; count = commands.get()) {
                    start.await();
                    long t = System.nanoTime();
                    if (count > 0) {
                        for (int i = 0; i < count; i++) {
                            v.getAndAddLong(1);
                        }
                    } else {
                        for (int i = 0; i < -count; i++) {
                            try (var h = v.getLock().hold()) {
                                v.setLong(v.getLong() + 1);
                            }
                        }
                    }
                    times.put((System.nanoTime() - t) / 1e9 / Math.abs(count));
                }
            });
            adders[k].start();
        }
        report("value_add_2_processes", median(runs, () -> contended(v, commands, times, 1_000_000)));
        report("value_locked_add_2_processes", median(runs, () -> contended(v, commands, times, -2_000)));
        commands.put(0);
        commands.put(0);
        finish(adders);
    }

    /**
     * One run of both adders.
     *
     * @param count additions per adder; negative: that many, under the value's lock
     * @return seconds per addition of the slower adder
     */
    private static double contended(Value v, Queue<Integer> commands, Queue<Double> times, int count) {
        long before = v.getLong();
        commands.put(count);
        commands.put(count);
        double slower = Math.max(times.get(), times.get());
        if (v.getLong() - before != 2L * Math.abs(count)) {
            throw new IllegalStateException("lost an addition");
        }
        return slower;
    }

    private static void check(long sum) {
        if (sum != (long) ITEMS * (ITEMS - 1) / 2) {
            throw new IllegalStateException("lost or repeated items");
        }
    }
}
