package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T7: two ways to get results back from threads. A thread's target returns nothing, so
 * workers can append to a shared list (in Java it must be a thread-safe list: CPython's
 * {@code list.append} is atomic, {@code ArrayList.add} is not). Or submit the function
 * to a pool and read each {@code Future}, in the order they finish, with
 * {@code Futures.asCompleted}.
 *
 * <pre>
 * import threading, time
 * from concurrent.futures import ThreadPoolExecutor, as_completed
 *
 * def square(n):
 *     time.sleep(0.1 * (5 - n))        # the later ones finish first
 *     return n * n
 *
 * results = []
 * def worker(n):
 *     results.append(square(n))
 * threads = [threading.Thread(target=worker, args=(n,)) for n in range(5)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print("shared list:", results)
 *
 * with ThreadPoolExecutor() as pool:
 *     futures = {pool.submit(square, n): n for n in range(5)}
 *     for f in as_completed(futures):
 *         print(f"square({futures[f]}) = {f.result()}")
 * </pre>
 */
public final class ReturnValues {
    private ReturnValues() {
    }

    /** The shared list as the threads filled it, and the results in the order {@code asCompleted} gave them. */
    record Result(List<Integer> sharedList, List<Integer> asCompletedOrder) {
    }

    static int square(int n, double timeScale) {
        Time.sleep(0.1 * (5 - n) * timeScale);
        return n * n;
    }

    /** Runs both ways; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        // 1. Through a shared, thread-safe list.
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            threads.add(new Thread((Integer i) -> results.add(square(i, timeScale)), n));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println("shared list: " + results);

        // 2. Through futures, read as they complete.
        List<Integer> completed = new ArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor()) {
            Map<Future<Integer>, Integer> futures = new LinkedHashMap<>();
            for (int n = 0; n < 5; n++) {
                int i = n;
                futures.put(pool.submit(() -> square(i, timeScale)), i);
            }
            for (Future<Integer> f : Futures.asCompleted(futures.keySet())) {
                out.printf("square(%d) = %d%n", futures.get(f), f.result());
                completed.add(f.result());
            }
        }
        return new Result(List.copyOf(results), completed);
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
