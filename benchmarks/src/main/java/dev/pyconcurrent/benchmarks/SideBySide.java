package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.AsyncResult;
import dev.pyconcurrent.multiprocessing.Connection;
import dev.pyconcurrent.multiprocessing.ConnectionPair;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The JVM half of the side-by-side comparison with CPython ({@code benchmarks/python/side_by_side.sh}
 * runs it next to {@code benchmarks/python/side_by_side.py}, one round of each in turn). The workloads
 * are those of users' code: tasks that capture an argument, {@code map} over numbers and strings,
 * results of 1 KB and 1 MB, {@code Queue} and {@code pipe()} as streams and as round trips. The cold
 * starts (a fresh JVM) are in {@link ColdStart}.
 *
 * <p>Protocol: started with {@code serve}, it creates its pools and its echo processes, prints
 * {@code READY}, then for every line {@code round <k>} on stdin runs every workload once and prints one
 * line {@code RESULT <row> <seconds> <operations>} per workload, then {@code END}; {@code quit} ends it.
 * Everything on stdout that does not start with {@code RESULT}, {@code READY} or {@code END} is ignored
 * by the driver. Sizes are constants shared with the Python file (keep them equal).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.SideBySide serve},
 * normally through {@code benchmarks/python/side_by_side.sh}.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** Sequential round trips of the {@code apply} rows and of the queue and pipe round trips. */
    static final int ROUND_TRIPS = 2_000;
    /** {@code apply} calls whose result is 1 KB. */
    static final int RESULTS_1K = 1_000;
    /** {@code apply} calls whose result is 1 MB. */
    static final int RESULTS_1M = 50;
    /** {@code applyAsync} and {@code submit} tasks in flight at once. */
    static final int ASYNC_TASKS = 10_000;
    /** Items of {@code map} and {@code imap}. */
    static final int MAP_ITEMS = 100_000;
    /** Chunk size of {@code imap}. */
    static final int IMAP_CHUNKSIZE = 1_000;
    /** Ints a child streams through a {@code Queue} or a pipe. */
    static final int STREAM_INTS = 100_000;
    /** 1 KB items a child streams through a {@code Queue} or a pipe. */
    static final int STREAM_1K = 20_000;

    /** Queue and pipe commands to an echo child (non-negative values are echoed). */
    static final int QUIT = -1;
    static final int SEND_INTS = -2;
    static final int SEND_1K = -3;

    /** The task of every row that needs a function: {@code x + 1}. */
    static int addOne(int i) {
        return i + 1;
    }

    /** The function of the {@code map} over strings. */
    static String exclaim(String s) {
        return s + "!";
    }

    /** A {@code size}-byte result. */
    static byte[] payload(int k, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) k);
        return b;
    }

    /** The small record a task captures (Python: a dataclass of the same fields). */
    record Point(int x, int y, String label) implements Serializable {
    }

    /** One 1 KB item of the queue and pipe streams. */
    static final byte[] ITEM_1K = new byte[1024];

    /** The inputs of {@code map}, built once in the parent (a holder, so that workers never build them). */
    private static final class Inputs {
        static final List<Integer> INTS = new ArrayList<>(MAP_ITEMS);
        static final List<String> STRINGS = new ArrayList<>(MAP_ITEMS);

        static {
            for (int i = 0; i < MAP_ITEMS; i++) {
                INTS.add(i);
                STRINGS.add("item-" + i);
            }
        }
    }

    private static void result(String row, long startNanos, int ops) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.9f %d", row, seconds, ops));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }

    /**
     * Serves rounds until {@code quit}.
     *
     * @param args {@code serve}
     * @throws Exception if a workload fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].equals("serve")) {
            System.err.println("usage: SideBySide serve   (normally run by benchmarks/python/side_by_side.sh)");
            System.exit(2);
        }
        Pool pool = new Pool(2);
        ProcessPoolExecutor executor = new ProcessPoolExecutor(2);
        Queue<Integer> toQueueChild = new Queue<>();
        Queue<Serializable> fromQueueChild = new Queue<>();
        Process queueChild = new Process(() -> queueEcho(toQueueChild, fromQueueChild));
        queueChild.start();
        ConnectionPair pair = Multiprocessing.pipe();
        Connection pipe = pair.first();
        Process pipeChild = new Process(SideBySide::pipeEcho, pair.second());
        pipeChild.start();
        // every worker and child up before the first round
        check(pool.apply(() -> addOne(0)) == 1, "apply");
        check(executor.submit(() -> addOne(0)).result() == 1, "submit");
        toQueueChild.put(0);
        check(fromQueueChild.get().equals(0), "queue");
        pipe.send(0);
        check(pipe.recv().equals(0), "pipe");
        List<Integer> warmInputs = Inputs.INTS;   // built before the first round
        check(warmInputs.size() == MAP_ITEMS, "inputs");
        System.out.println("READY");

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.startsWith("round")) {
                poolRows(pool);
                submitRows(executor);
                queueRows(toQueueChild, fromQueueChild);
                pipeRows(pipe);
                System.out.println("END");
            }
        }
        toQueueChild.put(QUIT);
        pipe.send(QUIT);
        queueChild.join();
        pipeChild.join();
        executor.shutdown();
        pool.close();
        pool.join();
        System.exit(0);
    }

    private static void poolRows(Pool pool) {
        long t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            int k = i;
            check(pool.apply(() -> addOne(k)) == k + 1, "apply_int");
        }
        result("apply_int", t, ROUND_TRIPS);

        t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            check(pool.apply(() -> 1) == 1, "apply_const");
        }
        result("apply_const", t, ROUND_TRIPS);

        String s = "x".repeat(1024);
        t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            check(pool.apply(() -> s.length()) == 1024, "apply_str1k");
        }
        result("apply_str1k", t, ROUND_TRIPS);

        t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            Point p = new Point(i, i + 1, "p");
            check(pool.apply(() -> p.x() + p.y()) == 2 * i + 1, "apply_record");
        }
        result("apply_record", t, ROUND_TRIPS);

        t = System.nanoTime();
        for (int i = 0; i < RESULTS_1K; i++) {
            int k = i;
            check(pool.apply(() -> payload(k, 1024)).length == 1024, "result_1k");
        }
        result("result_1k", t, RESULTS_1K);

        t = System.nanoTime();
        for (int i = 0; i < RESULTS_1M; i++) {
            int k = i;
            check(pool.apply(() -> payload(k, 1 << 20)).length == 1 << 20, "result_1m");
        }
        result("result_1m", t, RESULTS_1M);

        t = System.nanoTime();
        List<AsyncResult<Integer>> pending = new ArrayList<>(ASYNC_TASKS);
        for (int i = 0; i < ASYNC_TASKS; i++) {
            int k = i;
            pending.add(pool.applyAsync(() -> addOne(k)));
        }
        long sum = 0;
        for (AsyncResult<Integer> r : pending) {
            sum += r.get();
        }
        check(sum == (long) ASYNC_TASKS * (ASYNC_TASKS + 1) / 2, "apply_async");
        result("apply_async_10k", t, ASYNC_TASKS);

        t = System.nanoTime();
        List<Integer> mapped = pool.map(SideBySide::addOne, Inputs.INTS);
        check(mapped.size() == MAP_ITEMS && mapped.get(MAP_ITEMS - 1) == MAP_ITEMS, "map_int");
        result("map_int_100k", t, MAP_ITEMS);

        t = System.nanoTime();
        List<String> exclaimed = pool.map(SideBySide::exclaim, Inputs.STRINGS);
        check(exclaimed.size() == MAP_ITEMS && exclaimed.get(7).equals("item-7!"), "map_str");
        result("map_str_100k", t, MAP_ITEMS);

        t = System.nanoTime();
        long total = 0;
        for (Iterator<Integer> it = pool.imap(SideBySide::addOne, Inputs.INTS, IMAP_CHUNKSIZE); it.hasNext(); ) {
            total += it.next();
        }
        check(total == (long) MAP_ITEMS * (MAP_ITEMS + 1) / 2, "imap");
        result("imap_int_100k", t, MAP_ITEMS);
    }

    private static void submitRows(ProcessPoolExecutor executor) {
        long t = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>(ASYNC_TASKS);
        for (int i = 0; i < ASYNC_TASKS; i++) {
            int k = i;
            futures.add(executor.submit(() -> addOne(k)));
        }
        long sum = 0;
        for (Future<Integer> f : futures) {
            sum += f.result();
        }
        check(sum == (long) ASYNC_TASKS * (ASYNC_TASKS + 1) / 2, "submit");
        result("submit_10k", t, ASYNC_TASKS);
    }

    /** The queue echo child: echoes non-negative ints, streams on {@link #SEND_INTS} / {@link #SEND_1K}. */
    private static void queueEcho(Queue<Integer> in, Queue<Serializable> out) {
        for (int x = in.get(); x != QUIT; x = in.get()) {
            if (x == SEND_INTS) {
                for (int i = 0; i < STREAM_INTS; i++) {
                    out.put(i);
                }
            } else if (x == SEND_1K) {
                for (int i = 0; i < STREAM_1K; i++) {
                    out.put(ITEM_1K);
                }
            } else {
                out.put(x);
            }
        }
    }

    private static void queueRows(Queue<Integer> toChild, Queue<Serializable> fromChild) {
        long t = System.nanoTime();
        toChild.put(SEND_INTS);
        long sum = 0;
        for (int i = 0; i < STREAM_INTS; i++) {
            sum += (Integer) fromChild.get();
        }
        check(sum == (long) STREAM_INTS * (STREAM_INTS - 1) / 2, "queue_stream_int");
        result("queue_stream_int", t, STREAM_INTS);

        t = System.nanoTime();
        toChild.put(SEND_1K);
        long bytes = 0;
        for (int i = 0; i < STREAM_1K; i++) {
            bytes += ((byte[]) fromChild.get()).length;
        }
        check(bytes == 1024L * STREAM_1K, "queue_stream_1k");
        result("queue_stream_1k", t, STREAM_1K);

        t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            toChild.put(i);
            check(fromChild.get().equals(i), "queue_rt");
        }
        result("queue_rt", t, ROUND_TRIPS);
    }

    /** The pipe echo child: as {@link #queueEcho}, over one end of a duplex pipe. */
    private static void pipeEcho(Connection c) {
        for (int x = (Integer) c.recv(); x != QUIT; x = (Integer) c.recv()) {
            if (x == SEND_INTS) {
                for (int i = 0; i < STREAM_INTS; i++) {
                    c.send(i);
                }
            } else if (x == SEND_1K) {
                for (int i = 0; i < STREAM_1K; i++) {
                    c.send(ITEM_1K);
                }
            } else {
                c.send(x);
            }
        }
    }

    private static void pipeRows(Connection pipe) {
        long t = System.nanoTime();
        pipe.send(SEND_INTS);
        long sum = 0;
        for (int i = 0; i < STREAM_INTS; i++) {
            sum += (Integer) pipe.recv();
        }
        check(sum == (long) STREAM_INTS * (STREAM_INTS - 1) / 2, "pipe_stream_int");
        result("pipe_stream_int", t, STREAM_INTS);

        t = System.nanoTime();
        pipe.send(SEND_1K);
        long bytes = 0;
        for (int i = 0; i < STREAM_1K; i++) {
            bytes += ((byte[]) pipe.recv()).length;
        }
        check(bytes == 1024L * STREAM_1K, "pipe_stream_1k");
        result("pipe_stream_1k", t, STREAM_1K);

        t = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            pipe.send(i);
            check(pipe.recv().equals(i), "pipe_rt");
        }
        result("pipe_rt", t, ROUND_TRIPS);
    }
}
