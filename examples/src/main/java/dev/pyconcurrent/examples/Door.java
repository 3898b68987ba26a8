package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * S3: an {@code Event} as a door. The door thread waits for the event (a card swipe),
 * stays open three seconds, then clears it and closes. Staff threads arriving at a
 * closed door swipe (set the event); arriving at an open door they just walk through.
 * The door goes off duty after three seconds without a swipe, so the program ends.
 *
 * <pre>
 * import threading, time
 *
 * swipe = threading.Event()
 *
 * def door():
 *     while swipe.wait(timeout=3):       # off duty after 3 s without a swipe
 *         print("door: opens")
 *         time.sleep(3)
 *         swipe.clear()
 *         print("door: closes")
 *
 * def staff(name, arrives):
 *     time.sleep(arrives)
 *     if swipe.is_set():
 *         print(f"{name}: walks through the open door")
 *     else:
 *         print(f"{name}: swipes card")
 *         swipe.set()
 *
 * threading.Thread(target=door).start()
 * for i, arrives in enumerate((0, 1, 4, 4.5), 1):
 *     threading.Thread(target=staff, args=(f"staff-{i}", arrives)).start()
 * </pre>
 */
public final class Door {
    private Door() {
    }

    private static final double[] ARRIVALS = {0, 1, 4, 4.5};

    /** Runs the door and four staff; returns the event log in order. Every sleep is multiplied by {@code timeScale}. */
    static List<String> run(double timeScale, PrintStream out) {
        Event swipe = new Event();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> say = line -> {
            log.add(line);
            out.println(line);
        };

        Thread door = new Thread(() -> {
            while (swipe.await(3.0 * timeScale)) {
                say.accept("door: opens");
                Time.sleep(3.0 * timeScale);
                swipe.clear();
                say.accept("door: closes");
            }
            say.accept("door: off duty");
        });

        List<Thread> staff = new ArrayList<>();
        for (int i = 0; i < ARRIVALS.length; i++) {
            String name = "staff-" + (i + 1);
            double arrives = ARRIVALS[i] * timeScale;
            staff.add(new Thread(() -> {
                Time.sleep(arrives);
                if (swipe.isSet()) {
                    say.accept(name + ": walks through the open door");
                } else {
                    say.accept(name + ": swipes card");
                    swipe.set();
                }
            }));
        }

        door.start();
        for (Thread s : staff) {
            s.start();
        }
        for (Thread s : staff) {
            s.join();
        }
        door.join();
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
