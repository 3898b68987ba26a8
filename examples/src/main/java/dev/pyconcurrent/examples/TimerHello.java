package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Timer;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S5: a {@code Timer} runs a function once after a delay, in its own thread. Cancelling
 * it before the delay is up means the function never runs.
 *
 * <pre>
 * import threading
 *
 * def hello():
 *     print("hello, world")
 *
 * t = threading.Timer(2.0, hello)
 * t.start()                    # "hello, world" after 2 seconds
 *
 * never = threading.Timer(2.0, lambda: print("this never prints"))
 * never.start()
 * never.cancel()               # before it fires: the function never runs
 * </pre>
 */
public final class TimerHello {
    private TimerHello() {
    }

    /** How many times each function ran, and the seconds until "hello, world" appeared. */
    record Result(int helloRuns, int cancelledRuns, double helloAfterSeconds) {
    }

    /** Runs the example; the delay is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        double start = Time.perfCounter();
        double[] firedAt = new double[1];
        AtomicInteger hellos = new AtomicInteger();
        AtomicInteger nevers = new AtomicInteger();

        Timer t = new Timer(2.0 * timeScale, () -> {
            firedAt[0] = Time.perfCounter() - start;
            hellos.incrementAndGet();
            out.println("hello, world");
        });
        t.start();

        Timer never = new Timer(2.0 * timeScale, () -> {
            nevers.incrementAndGet();
            out.println("this never prints");
        });
        never.start();
        never.cancel();
        out.println("cancelled the second timer");

        t.join();                    // join() makes firedAt[0], written by the timer thread, visible
        never.join();
        out.printf("hello came after %.2f s%n", firedAt[0]);
        return new Result(hellos.get(), nevers.get(), firedAt[0]);
    }

    /**
     * Runs the example at full speed; an optional argument scales the delay.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
