package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.MapResult;
import dev.pyconcurrent.futures.ThreadPoolExecutor;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * F1: {@code ThreadPoolExecutor(20).map(square, range(1000))}. The results come back in
 * input order even though item 0 is the slowest, and {@code map} is lazy: it returns an
 * iterator at once and you wait only as you read it. With {@code buffersize} (Python
 * 3.14) it also submits lazily: at most that many items ahead of the reader.
 *
 * <pre>
 * from concurrent.futures import ThreadPoolExecutor
 * import time
 *
 * def square(n):
 *     if n == 0:
 *         time.sleep(1)            # the first item finishes last
 *     return n * n
 *
 * with ThreadPoolExecutor(20) as pool:
 *     results = pool.map(square, range(1000))     # returns at once
 *     print("map returned; item 0 still running")
 *     squares = list(results)                      # in input order
 *     print(squares[:10], "...", squares[-1])
 *
 *     results = pool.map(square, range(1000), buffersize=50)
 *     next(results)                                # only ~50 items were submitted so far
 * </pre>
 */
public final class PoolMapSquares {
    private PoolMapSquares() {
    }

    /** The squares, whether item 0 was still running when map returned, and how many items had started when item 0 was read with buffersize 50. */
    record Result(List<Integer> squares, boolean mapReturnedBeforeFirstItem, int startedBeforeFirstWithBuffer) {
    }

    /** Runs the example; the sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean firstDone = new AtomicBoolean();
        Function<Integer, Integer> square = n -> {
            started.incrementAndGet();
            if (n == 0) {
                Time.sleep(1.0 * timeScale);
                firstDone.set(true);
            }
            return n * n;
        };
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();

        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(20)) {
            MapResult<Integer> results = pool.map(square, items);
            boolean returnedEarly = !firstDone.get();
            out.println("map returned; item 0 still running: " + returnedEarly);
            List<Integer> squares = results.toList();
            out.println(squares.subList(0, 10) + " ... " + squares.get(999));

            started.set(0);
            firstDone.set(false);
            int startedBeforeFirst;
            try (MapResult<Integer> buffered = pool.map(square, items, MapOptions.defaults().buffersize(50))) {
                buffered.next();
                startedBeforeFirst = started.get();
                out.println("with buffersize(50): " + startedBeforeFirst + " items had started when item 0 was read");
                int rest = buffered.stream().collect(Collectors.summingInt(i -> 1));
                out.println("read the other " + rest + " lazily");
            }
            return new Result(squares, returnedEarly, startedBeforeFirst);
        }
    }

    /**
     * Runs the example at full speed; an optional argument scales the sleep.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
