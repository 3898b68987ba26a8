package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;

import java.io.PrintStream;

/**
 * T2: the six threads of {@link SixThreads}, but {@code join()} right after each
 * {@code start()}: each thread is waited for before the next one starts, so the run is
 * serial again and takes about six seconds, squares printed in order.
 *
 * <pre>
 * import threading, time
 *
 * def square(n):
 *     time.sleep(1)
 *     print(f"{threading.current_thread().name}: {n} squared is {n * n}")
 *
 * start = time.perf_counter()
 * for i in range(6):
 *     t = threading.Thread(target=square, args=(i,), name=f"Worker-{i}")
 *     t.start()
 *     t.join()                   # waits here: no two workers ever overlap
 * print(f"took {time.perf_counter() - start:.2f} s")      # ~6 s
 * </pre>
 */
public final class JoinEach {
    private JoinEach() {
    }

    /** Runs the example and returns the seconds it took; every sleep is multiplied by {@code timeScale}. */
    static double run(double timeScale, PrintStream out) {
        double start = Time.perfCounter();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread((Integer n) -> {
                Time.sleep(1.0 * timeScale);
                out.printf("%s: %d squared is %d%n", Threading.currentThread().getName(), n, n * n);
            }, i);
            t.setName("Worker-" + i);
            t.start();
            t.join();
        }
        double took = Time.perfCounter() - start;
        out.printf("took %.2f s%n", took);
        return took;
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
