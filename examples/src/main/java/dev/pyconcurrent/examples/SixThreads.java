package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * T1: six named threads each sleep one second, then print a square. They sleep at the
 * same time, so the whole run takes about one second, not six; while they run,
 * {@code activeCount()} is 7 and {@code enumerate()} lists the main thread and the six.
 *
 * <pre>
 * import threading, time
 *
 * def square(n):
 *     time.sleep(1)
 *     print(f"{threading.current_thread().name}: {n} squared is {n * n}")
 *
 * start = time.perf_counter()
 * threads = []
 * for i in range(6):
 *     t = threading.Thread(target=square, args=(i,), name=f"Worker-{i}")
 *     t.start()
 *     threads.append(t)
 * print("active threads:", threading.active_count())       # 7
 * print([t.name for t in threading.enumerate()])            # MainThread + 6 workers
 * for t in threads:
 *     t.join()
 * print(f"took {time.perf_counter() - start:.2f} s")       # ~1 s (~6 s one after another)
 * </pre>
 */
public final class SixThreads {
    private SixThreads() {
    }

    /** What the run observed: the counts and names seen while the workers ran, and the time taken. */
    record Result(int activeBefore, int activeWhileRunning, List<String> namesWhileRunning, double seconds) {
    }

    /** Runs the example; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        double start = Time.perfCounter();
        int before = Threading.activeCount();

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread((Integer n) -> {
                Time.sleep(1.0 * timeScale);
                out.printf("%s: %d squared is %d%n", Threading.currentThread().getName(), n, n * n);
            }, i);
            t.setName("Worker-" + i);
            t.start();
            threads.add(t);
        }
        int active = Threading.activeCount();
        List<String> names = Threading.enumerate().stream().map(Thread::getName).toList();
        out.println("active threads: " + active);
        out.println("enumerate(): " + names);

        for (Thread t : threads) {
            t.join();
        }
        double took = Time.perfCounter() - start;
        out.printf("took %.2f s (one after another: %.2f s)%n", took, 6.0 * timeScale);
        return new Result(before, active, names, took);
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
