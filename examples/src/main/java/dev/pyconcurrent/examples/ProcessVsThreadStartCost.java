package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;

/**
 * P3: starting a process costs far more than starting a thread. Both start and join
 * {@code n} workers that do nothing and report the average cost of one. A process here is a
 * whole new JVM (about a tenth of a second or more); a thread is well under a millisecond.
 *
 * <pre>
 * import time, threading, multiprocessing
 *
 * def nothing():
 *     pass
 *
 * def cost(make, n=10):
 *     start = time.perf_counter()
 *     for _ in range(n):
 *         w = make(target=nothing)
 *         w.start()
 *         w.join()
 *     return (time.perf_counter() - start) / n
 *
 * if __name__ == "__main__":
 *     print(f"thread:  {cost(threading.Thread) * 1000:.3f} ms")
 *     print(f"process: {cost(multiprocessing.Process) * 1000:.3f} ms")
 * </pre>
 */
public final class ProcessVsThreadStartCost {
    private ProcessVsThreadStartCost() {
    }

    /** The average seconds to start and join one worker of each kind. */
    record Costs(double threadSeconds, double processSeconds) {
        /** @return how many thread starts one process start costs */
        double ratio() {
            return processSeconds / threadSeconds;
        }
    }

    /**
     * Measures {@code n} thread starts and {@code n} process starts.
     *
     * @param n workers of each kind
     * @param out where the results are printed
     * @return the averages
     */
    static Costs run(int n, PrintStream out) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> { });
            t.start();
            t.join();
        }
        double thread = (System.nanoTime() - start) / 1e9 / n;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            dev.pyconcurrent.multiprocessing.Process p = new dev.pyconcurrent.multiprocessing.Process(() -> { });
            p.start();
            p.join();
        }
        double process = (System.nanoTime() - start) / 1e9 / n;
        Costs c = new Costs(thread, process);
        out.printf("thread:  %.3f ms%n", thread * 1000);
        out.printf("process: %.3f ms%n", process * 1000);
        out.printf("one process start costs as much as %.0f thread starts%n", c.ratio());
        return c;
    }

    /**
     * Ten of each.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(10, System.out);
    }
}
