package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * S6: a {@code Barrier} makes three runners wait for each other at the end of every
 * round; the barrier's action runs once per round, when the last runner arrives and
 * before anyone goes on.
 *
 * <pre>
 * import threading, time, random
 *
 * barrier = threading.Barrier(3, action=lambda: print("--- everyone arrived ---"))
 *
 * def runner(name):
 *     for rnd in range(3):
 *         time.sleep(random.random())
 *         print(f"{name}: finished round {rnd}")
 *         barrier.wait()
 *
 * for i in range(3):
 *     threading.Thread(target=runner, args=(f"runner-{i}",)).start()
 * </pre>
 */
public final class BarrierRounds {
    private BarrierRounds() {
    }

    /** The action's line, as it appears in the log. */
    static final String ACTION = "--- everyone arrived ---";

    /** Runs three runners for three rounds; returns the log in order. Every sleep is multiplied by {@code timeScale}. */
    static List<String> run(double timeScale, PrintStream out) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> say = line -> {
            log.add(line);
            out.println(line);
        };
        Barrier barrier = new Barrier(3, () -> say.accept(ACTION));

        List<Thread> runners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runners.add(new Thread((String name) -> {
                for (int round = 0; round < 3; round++) {
                    Time.sleep(ThreadLocalRandom.current().nextDouble() * timeScale);
                    say.accept(name + ": finished round " + round);
                    barrier.await();
                }
            }, "runner-" + i));
        }
        for (Thread t : runners) {
            t.start();
        }
        for (Thread t : runners) {
            t.join();
        }
        return List.copyOf(log);
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
