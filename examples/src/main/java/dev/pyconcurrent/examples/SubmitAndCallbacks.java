package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ThreadPoolExecutor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * F2: {@code submit} returns a {@code Future} at once; {@code addDoneCallback} runs a
 * function when it finishes (in the worker thread, or at once if it already has);
 * {@code shutdown()} waits for the submitted work; {@code result()} reads each value.
 *
 * <pre>
 * from concurrent.futures import ThreadPoolExecutor
 * import time
 *
 * def square(n):
 *     time.sleep(0.5)
 *     return n * n
 *
 * pool = ThreadPoolExecutor(max_workers=3)
 * futures = [pool.submit(square, n) for n in range(5)]
 * for f in futures:
 *     f.add_done_callback(lambda f: print("callback:", f.result()))
 * pool.shutdown()                               # waits for all five
 * print([f.result() for f in futures])          # [0, 1, 4, 9, 16]
 * </pre>
 */
public final class SubmitAndCallbacks {
    private SubmitAndCallbacks() {
    }

    /** The results in submission order and the values the callbacks saw, in the order they ran. */
    record Result(List<Integer> results, List<Integer> callbackValues) {
    }

    /** Runs the example; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());

        ThreadPoolExecutor pool = new ThreadPoolExecutor(3);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            int i = n;
            futures.add(pool.submit(() -> {
                Time.sleep(0.5 * timeScale);
                return i * i;
            }));
        }
        for (Future<Integer> f : futures) {
            f.addDoneCallback(done -> {
                seen.add(done.result());
                out.println("callback: " + done.result());
            });
        }
        pool.shutdown();                       // waits for all five

        List<Integer> results = new ArrayList<>();
        for (Future<Integer> f : futures) {
            results.add(f.result());
        }
        out.println(results);
        return new Result(results, List.copyOf(seen));
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
