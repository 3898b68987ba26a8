package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * L1: a race on a shared counter. A hundred threads each read {@code n}, sleep, and
 * write back {@code n - 1}. Without a lock they all read 100 before any writes, and the
 * result is 99 instead of 0. With a {@code Lock} around read-sleep-write the result is
 * 0 (and the run is serial: 100 × 0.1 s).
 *
 * <pre>
 * import threading, time
 *
 * n = 100
 * lock = threading.Lock()
 *
 * def unsafe_decrement():
 *     global n
 *     temp = n
 *     time.sleep(0.1)
 *     n = temp - 1
 *
 * def safe_decrement():
 *     global n
 *     with lock:
 *         temp = n
 *         time.sleep(0.1)
 *         n = temp - 1
 *
 * for target in (unsafe_decrement, safe_decrement):
 *     n = 100
 *     threads = [threading.Thread(target=target) for _ in range(100)]
 *     for t in threads: t.start()
 *     for t in threads: t.join()
 *     print(target.__name__, "->", n)        # 99, then 0
 * </pre>
 */
public final class SharedCounterRace {
    private SharedCounterRace() {
    }

    /** The counter's final value without and with the lock. */
    record Result(int withoutLock, int withLock) {
    }

    /** The shared state: Python's global {@code n}. */
    private static final class Counter {
        int n = 100;   // without the lock: raced on purpose; with it: guarded by lock
        final Lock lock = new Lock();

        void unsafeDecrement(double sleep) {
            int temp = n;
            Time.sleep(sleep);
            n = temp - 1;
        }

        void safeDecrement(double sleep) {
            try (Held h = lock.hold()) {
                int temp = n;
                Time.sleep(sleep);
                n = temp - 1;
            }
        }
    }

    /** Runs both versions; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        double sleep = 0.1 * timeScale;

        Counter unsafe = new Counter();
        runHundred(() -> unsafe.unsafeDecrement(sleep));
        out.println("without lock: n = " + unsafe.n + "   (expected 0)");

        Counter safe = new Counter();
        runHundred(() -> safe.safeDecrement(sleep));
        out.println("with Lock:    n = " + safe.n);

        return new Result(unsafe.n, safe.n);
    }

    private static void runHundred(Runnable target) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            threads.add(new Thread(target));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();              // join() also makes each thread's writes visible here
        }
    }

    /**
     * Runs the example at full speed (the locked part takes 10 s); an optional argument scales every sleep.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
