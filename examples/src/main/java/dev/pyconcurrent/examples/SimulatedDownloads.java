package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * T6: three simulated downloads of 3, 5 and 6 seconds. One after another they take the
 * sum (14 s); in three threads they wait at the same time, so they take about as long
 * as the longest (6 s). Waiting (on the network, on disk, on a sleep) is what threads
 * overlap best.
 *
 * <pre>
 * import threading, time
 *
 * def download(name, seconds):
 *     print(f"{name}: start")
 *     time.sleep(seconds)
 *     print(f"{name}: done after {seconds} s")
 *
 * jobs = [("file-1", 3), ("file-2", 5), ("file-3", 6)]
 *
 * start = time.perf_counter()
 * for name, seconds in jobs:
 *     download(name, seconds)
 * print(f"sequential: {time.perf_counter() - start:.1f} s")     # 14 s
 *
 * start = time.perf_counter()
 * threads = [threading.Thread(target=download, args=job) for job in jobs]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print(f"threaded: {time.perf_counter() - start:.1f} s")       # 6 s
 * </pre>
 */
public final class SimulatedDownloads {
    private SimulatedDownloads() {
    }

    /** When one download ran, in seconds since the start of its run. */
    record Span(String name, double start, double end) {
    }

    /** The two total times and, for the threaded run, when each download ran. */
    record Result(double sequentialSeconds, double threadedSeconds, List<Span> threadedSpans) {
    }

    private static final String[] NAMES = {"file-1", "file-2", "file-3"};
    private static final double[] SECONDS = {3, 5, 6};

    /** Runs both versions; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        double start = Time.perfCounter();
        for (int i = 0; i < NAMES.length; i++) {
            download(NAMES[i], SECONDS[i] * timeScale, start, out);
        }
        double sequential = Time.perfCounter() - start;
        out.printf("sequential: %.1f s%n", sequential);

        double threadedStart = Time.perfCounter();
        List<Span> spans = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            double seconds = SECONDS[i] * timeScale;
            threads.add(new Thread(() -> spans.add(download(name, seconds, threadedStart, out))));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double threaded = Time.perfCounter() - threadedStart;
        out.printf("threaded: %.1f s%n", threaded);
        return new Result(sequential, threaded, List.copyOf(spans));
    }

    private static Span download(String name, double seconds, double origin, PrintStream out) {
        double begin = Time.perfCounter() - origin;
        out.println(name + ": start");
        Time.sleep(seconds);
        out.printf("%s: done after %.1f s%n", name, seconds);
        return new Span(name, begin, Time.perfCounter() - origin);
    }

    /**
     * Runs the example at full speed; an optional argument scales every sleep.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
