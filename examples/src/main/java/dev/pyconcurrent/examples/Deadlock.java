package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Acquirable;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * L4: two classic deadlocks, made visible with {@code acquire(timeout)} instead of
 * hanging. (1) A {@code Lock} is not reentrant: acquiring it a second time in the same
 * thread would block forever. (2) "Noodle and fork": one diner takes the noodles then
 * the fork, the other the fork then the noodles; once each holds one, each waits for the
 * other forever. (3) One {@code RLock} used as both locks removes the deadlock: whoever
 * takes it first may take it again, the other waits its turn.
 *
 * <pre>
 * import threading
 *
 * lock = threading.Lock()
 * lock.acquire()
 * lock.acquire()               # blocks forever: Lock is not reentrant
 *
 * noodle, fork = threading.Lock(), threading.Lock()
 *
 * def diner(first, second):
 *     with first:
 *         time.sleep(0.1)      # both diners now hold one utensil...
 *         with second:         # ...and wait for the other's forever
 *             print("eating")
 *
 * threading.Thread(target=diner, args=(noodle, fork)).start()
 * threading.Thread(target=diner, args=(fork, noodle)).start()
 *
 * noodle = fork = threading.RLock()   # the fix: one reentrant lock for both
 * </pre>
 *
 * <p>Here the second acquisitions use a timeout, so the program reports each deadlock
 * and goes on; {@code acquire()} without one would never return.
 */
public final class Deadlock {
    private Deadlock() {
    }

    /** Whether the second acquire of a Lock timed out, and what each diner did with two Locks and with one RLock. */
    record Result(boolean reacquireTimedOut, Map<String, String> twoLocks, Map<String, String> oneRLock) {
    }

    /** Runs the three parts; every timeout is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        double timeout = 1.0 * timeScale;

        out.println("1. Lock acquired twice by one thread");
        Lock lock = new Lock();
        lock.acquire();
        boolean again = lock.acquire(timeout);     // Python's lock.acquire() here never returns
        out.println(again
                ? "   acquired again (unexpected)"
                : "   second acquire timed out: without a timeout it would block forever");
        if (again) {
            lock.release();
        }
        lock.release();

        out.println("2. Noodle and fork: two Locks taken in opposite orders");
        Lock noodle = new Lock();
        Lock fork = new Lock();
        Barrier bothHoldOne = new Barrier(2);      // makes sure each diner holds one utensil first
        Map<String, String> twoLocks = dinner(noodle, fork, bothHoldOne::await, timeout, out);

        out.println("3. One RLock used as both noodle and fork");
        RLock both = new RLock();
        Map<String, String> oneRLock = dinner(both, both, () -> { }, timeout, out);

        return new Result(!again, twoLocks, oneRLock);
    }

    /** Two diners take {@code a} then {@code b}, and {@code b} then {@code a}; returns diner → "ate" or "gave up". */
    private static Map<String, String> dinner(Acquirable a, Acquirable b, Runnable afterFirst,
                                              double timeout, PrintStream out) {
        Map<String, String> outcome = new ConcurrentHashMap<>();
        Thread one = new Thread(() -> outcome.put("diner-1", dine("diner-1", a, b, afterFirst, timeout, out)));
        Thread two = new Thread(() -> outcome.put("diner-2", dine("diner-2", b, a, afterFirst, timeout, out)));
        for (Thread t : List.of(one, two)) {
            t.start();
        }
        one.join();
        two.join();
        return Map.copyOf(outcome);
    }

    private static String dine(String who, Acquirable first, Acquirable second, Runnable afterFirst,
                               double timeout, PrintStream out) {
        first.acquire();
        try {
            afterFirst.run();
            if (!second.acquire(timeout)) {
                out.println("   " + who + ": still waiting for the other utensil: deadlock, gives up");
                return "gave up";
            }
            try {
                out.println("   " + who + ": eats");
                return "ate";
            } finally {
                second.release();
            }
        } finally {
            first.release();
        }
    }

    /**
     * Runs the example at full speed; an optional argument scales every timeout.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
