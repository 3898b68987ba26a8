package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * L6: a {@code BoundedSemaphore(5)} lets 20 threads through five at a time: at most five
 * are ever inside together. A bounded semaphore also catches a bug a plain one hides:
 * releasing it more often than it was acquired is an error.
 *
 * <pre>
 * import threading, time
 *
 * gate = threading.BoundedSemaphore(5)
 *
 * def visitor(n):
 *     with gate:
 *         print(f"visitor {n} is inside")
 *         time.sleep(1)
 *
 * threads = [threading.Thread(target=visitor, args=(n,)) for n in range(20)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 *
 * try:
 *     gate.release()           # one more release than acquires
 * except ValueError as e:
 *     print("error:", e)       # Semaphore released too many times
 * </pre>
 *
 * <p>Python raises {@code ValueError}; this library throws {@code IllegalStateException}.
 */
public final class BoundedSemaphoreGate {
    private BoundedSemaphoreGate() {
    }

    /** The most visitors ever inside at once, how many got in, and the over-release error message (or null). */
    record Result(int maxInside, int visitors, String overReleaseError) {
    }

    /** Runs the example; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        BoundedSemaphore gate = new BoundedSemaphore(5);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger visited = new AtomicInteger();

        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            threads.add(new Thread((Integer v) -> {
                try (Held h = gate.hold()) {
                    int now = inside.incrementAndGet();
                    maxInside.accumulateAndGet(now, Math::max);
                    visited.incrementAndGet();
                    out.printf("visitor %d is inside (%d inside)%n", v, now);
                    Time.sleep(1.0 * timeScale);
                    inside.decrementAndGet();
                }
            }, n));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        out.println("at most " + maxInside.get() + " visitors were inside at once");

        String error = null;
        try {
            gate.release();
            out.println("released once too often, and nobody noticed");
        } catch (IllegalStateException e) {
            error = e.getMessage();
            out.println("error: " + error);
        }
        return new Result(maxInside.get(), visited.get(), error);
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
