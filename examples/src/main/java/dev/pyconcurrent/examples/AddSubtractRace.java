package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * L3: two threads each run {@code a += n; a -= n} 100,000 times on a shared {@code a}
 * that starts at 5. Each {@code +=} is a read, an add and a write; when the two threads
 * interleave between the read and the write an update is lost and {@code a} drifts
 * away from 5. With a lock around the pair it stays 5. On the JVM the two threads run
 * truly in parallel (there is no interpreter lock), so the race shows up whenever the
 * two threads get two cores at the same time (a {@code Barrier} lines them up).
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
    record Result(int withoutLock, int withLock) {
    }

    /** Python's global {@code a}. */
    private static final class Shared {
        // volatile so that each += really reads and writes memory (the JIT may otherwise
        // fold "a += n; a -= n" away); volatile does NOT make += atomic: that is the race.
        volatile int a = 5;
        final Lock lock = new Lock();
        final Barrier start = new Barrier(2);   // lines both threads up, so they really overlap

        void unsafe(int n, int times) {
            start.await();
            for (int i = 0; i < times; i++) {
                a += n;
                a -= n;
            }
        }

        void safe(int n, int times) {
            start.await();
            for (int i = 0; i < times; i++) {
                try (Held h = lock.hold()) {
                    a += n;
                    a -= n;
                }
            }
        }
    }

    /** Runs both versions once, {@code a += n; a -= n} 100,000 times per thread. */
    static Result run(PrintStream out) {
        int withoutLock = unlocked(100_000);
        out.println("without lock: a = " + withoutLock + "   (expected 5)");
        int withLock = locked(100_000);
        out.println("with Lock:    a = " + withLock);
        return new Result(withoutLock, withLock);
    }

    /** Two threads run {@code a += n; a -= n} {@code times} times with no lock; returns the final {@code a}. */
    static int unlocked(int times) {
        Shared shared = new Shared();
        inTwoThreads(n -> shared.unsafe(n, times));
        return shared.a;
    }

    /** The same with the pair under a {@code Lock}; returns the final {@code a} (always 5). */
    static int locked(int times) {
        Shared shared = new Shared();
        inTwoThreads(n -> shared.safe(n, times));
        return shared.a;
    }

    private static void inTwoThreads(Consumer<Integer> target) {
        Thread one = new Thread(target, 1);
        Thread two = new Thread(target, 2);
        one.start();
        two.start();
        one.join();
        two.join();
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }
}
