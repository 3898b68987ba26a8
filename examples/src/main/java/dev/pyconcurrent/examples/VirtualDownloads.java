package dev.pyconcurrent.examples;

import dev.pyconcurrent.Pools;
import dev.pyconcurrent.futures.ThreadPoolExecutor;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * 10,000 simulated downloads of one second each, on virtual threads (JDK 21+). Every download
 * mostly waits, so with one thread per download they all wait at the same time and the whole batch
 * takes about one second; a pool of 1,000 platform threads needs ten rounds (about ten seconds),
 * and 10,000 platform threads would cost 10,000 operating-system threads. Virtual threads are
 * cheap enough to have one per download.
 *
 * <pre>
 * import time
 * from concurrent.futures import ThreadPoolExecutor
 *
 * def download(i):
 *     time.sleep(1)               # waiting for the network
 *     return f"file-{i}"
 *
 * start = time.perf_counter()
 * with ThreadPoolExecutor(max_workers=10_000) as ex:
 *     files = list(ex.map(download, range(10_000)))
 * print(f"{len(files)} downloads in {time.perf_counter() - start:.1f} s")
 * </pre>
 *
 * <p>On JDK 17 to 20 the example says that it needs JDK 21 and ends.
 */
public final class VirtualDownloads {
    private VirtualDownloads() {
    }

    /** One run: its time in seconds and the most downloads that were waiting at the same moment. */
    record Run(double seconds, int mostAtOnce) {
    }

    /** The three runs; {@code virtualAvailable} false on JDK 17 to 20 (nothing ran). */
    record Result(boolean virtualAvailable, Run executor, Run ioMap, Run platform) {
    }

    private static final AtomicInteger WAITING = new AtomicInteger();
    private static final AtomicInteger MOST_WAITING = new AtomicInteger();

    static String download(int i, double seconds) {
        MOST_WAITING.accumulateAndGet(WAITING.incrementAndGet(), Math::max);
        try {
            Time.sleep(seconds);   // waiting for the network
        } finally {
            WAITING.decrementAndGet();
        }
        return "file-" + i;
    }

    private static Run timed(Supplier<List<String>> batch, int downloads, String what, PrintStream out) {
        MOST_WAITING.set(0);
        double start = Time.perfCounter();
        List<String> files = batch.get();
        Run run = new Run(Time.perfCounter() - start, MOST_WAITING.get());
        out.printf("%-30s %d downloads in %.1f s, at most %d at once (%s ... %s)%n", what, files.size(),
                run.seconds(), run.mostAtOnce(), files.get(0), files.get(downloads - 1));
        return run;
    }

    /**
     * Runs {@code downloads} downloads of {@code seconds} each: on {@code ThreadPoolExecutor.virtual()},
     * with {@code Pools.ioMap}, and on {@code platformWorkers} platform threads.
     */
    static Result run(int downloads, double seconds, int platformWorkers, PrintStream out) {
        List<Integer> items = IntStream.range(0, downloads).boxed().collect(Collectors.toList());
        ThreadPoolExecutor virtual;
        try {
            virtual = ThreadPoolExecutor.virtual();
        } catch (IllegalStateException noVirtualThreads) {
            out.println("This example needs virtual threads: " + noVirtualThreads.getMessage());
            return new Result(false, null, null, null);
        }
        out.printf("%d downloads of %.1f s each%n", downloads, seconds);
        Run executor;
        try (ThreadPoolExecutor ex = virtual) {
            executor = timed(() -> ex.map((Integer i) -> download(i, seconds), items).toList(), downloads,
                    "ThreadPoolExecutor.virtual():", out);
        }
        Run ioMap = timed(() -> Pools.ioMap((Integer i) -> download(i, seconds), items), downloads,
                "Pools.ioMap:", out);
        Run platform;
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(platformWorkers)) {
            platform = timed(() -> ex.map((Integer i) -> download(i, seconds), items).toList(), downloads,
                    "ThreadPoolExecutor(" + platformWorkers + "):", out);
        }
        return new Result(true, executor, ioMap, platform);
    }

    /**
     * Runs the example at full speed; an optional argument scales the sleep of each download.
     *
     * @param args optional: a time scale for every sleep (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(10_000, 1.0 * Time.scale(args), 1_000, System.out);
    }
}
