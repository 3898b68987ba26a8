package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;

/**
 * T4: {@code join(timeout)} on a thread that runs longer returns when the timeout is
 * up; the thread is still alive afterwards. {@code join} returns whether the thread
 * finished (Python returns {@code None} and you ask {@code is_alive()}).
 *
 * <pre>
 * import threading, time
 *
 * t = threading.Thread(target=time.sleep, args=(5,), name="Sleeper")
 * t.start()
 * t.join(timeout=1)
 * print("after join(1): alive =", t.is_alive())     # True
 * t.join()
 * print("after join():  alive =", t.is_alive())     # False
 * </pre>
 */
public final class JoinTimeout {
    private JoinTimeout() {
    }

    /** What the example saw: the result of join(1) and isAlive() after it, and isAlive() after join(). */
    record Result(boolean finishedWithinTimeout, boolean aliveAfterTimeout, boolean aliveAfterJoin) {
    }

    /** Runs the example; every sleep and timeout is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        Thread t = new Thread(() -> Time.sleep(5.0 * timeScale));
        t.setName("Sleeper");
        t.start();

        boolean finished = t.join(1.0 * timeScale);
        boolean aliveAfterTimeout = t.isAlive();
        out.println("after join(1): finished = " + finished + ", alive = " + aliveAfterTimeout);

        t.join();
        boolean aliveAfterJoin = t.isAlive();
        out.println("after join():  alive = " + aliveAfterJoin);
        return new Result(finished, aliveAfterTimeout, aliveAfterJoin);
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
