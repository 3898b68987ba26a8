package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;

/**
 * L3: two threads each run {@code a += n; a -= n} 100,000 times on a shared {@code a}
 * that starts at 5. Each {@code +=} is a read, an add and a write; when the two threads
 * interleave between the read and the write an update is lost and {@code a} drifts
 * away from 5. With a lock around the pair it stays 5. On the JVM the two threads run
 * truly in parallel (there is no interpreter lock), so the race shows up on almost
 * every run.
 *
 * <pre>
 * import threading
 *
 * a = 5
 * lock = threading.Lock()
 *
 * def unsafe(n):
 *     global a
 *     for _ in range(100_000):
 *         a += n
 *         a -= n
 *
 * def safe(n):
 *     global a
 *     for _ in range(100_000):
 *         with lock:
 *             a += n
 *             a -= n
 *
 * for target in (unsafe, safe):
 *     a = 5
 *     threads = [threading.Thread(target=target, args=(n,)) for n in (1, 2)]
 *     for t in threads: t.start()
 *     for t in threads: t.join()
 *     print(target.__name__, "->", a)     # often not 5, then always 5
 * </pre>
 */
public final class AddSubtractRace {
    private AddSubtractRace() {
    }

    /** The final value of {@code a} without and with the lock. */
    public record Result(int withoutLock, int withLock) {
    }

    /** Python's global {@code a}. */
    private static final class Shared {
        // volatile so that each += really reads and writes memory (the JIT may otherwise
        // fold "a += n; a -= n" away); volatile does NOT make += atomic: that is the race.
        volatile int a = 5;
        final Lock lock = new Lock();

        void unsafe(int n) {
            for (int i = 0; i < 100_000; i++) {
                a += n;
                a -= n;
            }
        }

        void safe(int n) {
            for (int i = 0; i < 100_000; i++) {
                try (Held h = lock.hold()) {
                    a += n;
                    a -= n;
                }
            }
        }
    }

    /** Runs both versions once. */
    public static Result run(PrintStream out) {
        Shared unsafe = new Shared();
        inTwoThreads(unsafe::unsafe);
        out.println("without lock: a = " + unsafe.a + "   (expected 5)");

        Shared safe = new Shared();
        inTwoThreads(safe::safe);
        out.println("with Lock:    a = " + safe.a);
        return new Result(unsafe.a, safe.a);
    }

    private static void inTwoThreads(java.util.function.Consumer<Integer> target) {
        Thread one = new Thread(target, 1);
        Thread two = new Thread(target, 2);
        one.start();
        two.start();
        one.join();
        two.join();
    }

    /** Runs the example. */
    public static void main(String[] args) {
        run(System.out);
    }
}
