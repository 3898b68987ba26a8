package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Pool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * P9: {@code Pool(5)}, ten {@code applyAsync} calls with a callback that collects each result in
 * the parent, then {@code close()} and {@code join()}: once {@code join()} returns, every callback
 * has run.
 *
 * <pre>
 * from multiprocessing import Pool
 *
 * def square(x):
 *     return x * x
 *
 * if __name__ == "__main__":
 *     results = []
 *     pool = Pool(5)
 *     for i in range(10):
 *         pool.apply_async(square, (i,), callback=results.append)
 *     pool.close()
 *     pool.join()
 *     print(sorted(results))
 * </pre>
 */
public final class PoolApplyAsyncCallbacks {
    private PoolApplyAsyncCallbacks() {
    }

    /** Python's {@code square}; runs in a worker. */
    static int square(int x) {
        return x * x;
    }

    /**
     * Submits {@code tasks} squares to a pool of {@code processes} workers.
     *
     * @param processes pool size
     * @param tasks number of {@code applyAsync} calls
     * @param out where the sorted results are printed
     * @return the results the callbacks collected, sorted
     */
    static List<Integer> run(int processes, int tasks, PrintStream out) {
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        Pool pool = new Pool(processes);
        for (int i = 0; i < tasks; i++) {
            int n = i;
            pool.applyAsync(() -> square(n), results::add);
        }
        pool.close();
        pool.join();
        List<Integer> sorted = new ArrayList<>(results);
        Collections.sort(sorted);
        out.println(sorted);
        return sorted;
    }

    /**
     * {@code Pool(5)}, ten tasks.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(5, 10, System.out);
    }
}
