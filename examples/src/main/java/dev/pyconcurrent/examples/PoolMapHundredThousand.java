package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.Pool;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * P10: {@code map} of {@code i + 1} over 100,000 items on {@code Pool(10)} and on
 * {@code ProcessPoolExecutor(20)}. Each item alone is far too small to be worth a message to
 * another process: batching is what makes it fast. {@code Pool.map} picks a chunk size by
 * itself (Python's {@code ceil(n / (4 * processes))}); {@code ProcessPoolExecutor.map} sends one
 * item per message unless given {@code chunksize}.
 *
 * <pre>
 * from multiprocessing import Pool
 * from concurrent.futures import ProcessPoolExecutor
 *
 * def inc(i):
 *     return i + 1
 *
 * if __name__ == "__main__":
 *     with Pool(10) as pool:
 *         print(sum(pool.map(inc, range(100000))))
 *     with ProcessPoolExecutor(20) as ex:
 *         print(sum(ex.map(inc, range(100000), chunksize=1000)))
 * </pre>
 */
public final class PoolMapHundredThousand {
    private PoolMapHundredThousand() {
    }

    /** The sums each pool computed and how long each map took. */
    record Outcome(long poolSum, double poolSeconds, long executorSum, double executorSeconds) {
    }

    /** Python's {@code inc}; runs in the workers. */
    static int inc(int i) {
        return i + 1;
    }

    /**
     * Maps {@code inc} over {@code 0..n-1} on both pools.
     *
     * @param n number of items
     * @param poolProcesses size of the {@code Pool}
     * @param executorWorkers size of the {@code ProcessPoolExecutor}
     * @param chunksize the executor's chunk size
     * @param out where sums and timings are printed
     * @return the sums and timings
     */
    static Outcome run(int n, int poolProcesses, int executorWorkers, int chunksize, PrintStream out) {
        List<Integer> items = IntStream.range(0, n).boxed().collect(Collectors.toList());
        long poolSum;
        double poolSeconds;
        try (Pool pool = new Pool(poolProcesses)) {
            pool.apply(() -> 0);   // workers started: time the map alone
            long start = System.nanoTime();
            poolSum = pool.map(PoolMapHundredThousand::inc, items).stream().mapToLong(Integer::longValue).sum();
            poolSeconds = (System.nanoTime() - start) / 1e9;
        }
        out.printf("Pool(%d).map: sum %d in %.3f s%n", poolProcesses, poolSum, poolSeconds);
        long executorSum;
        double executorSeconds;
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(executorWorkers)) {
            ex.submit(() -> 0).result();
            long start = System.nanoTime();
            executorSum = ex.map(PoolMapHundredThousand::inc, items, MapOptions.defaults().chunksize(chunksize))
                    .stream().mapToLong(Integer::longValue).sum();
            executorSeconds = (System.nanoTime() - start) / 1e9;
        }
        out.printf("ProcessPoolExecutor(%d).map(chunksize=%d): sum %d in %.3f s%n",
                executorWorkers, chunksize, executorSum, executorSeconds);
        return new Outcome(poolSum, poolSeconds, executorSum, executorSeconds);
    }

    /**
     * 100,000 items, {@code Pool(10)} and {@code ProcessPoolExecutor(20)} with chunks of 1000.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(100_000, 10, 20, 1000, System.out);
    }
}
