package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * S2: an {@code Event} as a traffic light. The light thread clears the event (red) and
 * sets it (green) on a two-second cycle; each car thread drives through when the event
 * is set and otherwise waits for it with {@code await()}.
 *
 * <pre>
 * import threading, time
 *
 * green = threading.Event()
 *
 * def light():
 *     for _ in range(2):
 *         green.clear(); print("light: RED");   time.sleep(2)
 *         print("light: GREEN"); green.set();   time.sleep(2)
 *
 * def car(name, arrives):
 *     time.sleep(arrives)
 *     if not green.is_set():
 *         print(f"{name}: waits at red")
 *         green.wait()
 *     print(f"{name}: drives through")
 *
 * threading.Thread(target=light).start()
 * for i, arrives in enumerate((0.5, 1.0, 2.5, 4.5, 6.5), 1):
 *     threading.Thread(target=car, args=(f"car-{i}", arrives)).start()
 * </pre>
 */
public final class TrafficLight {
    private TrafficLight() {
    }

    private static final double[] ARRIVALS = {0.5, 1.0, 2.5, 4.5, 6.5};

    /** Runs two light cycles and five cars; returns the event log in order. Every sleep is multiplied by {@code timeScale}. */
    static List<String> run(double timeScale, PrintStream out) {
        Event green = new Event();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> say = line -> {
            log.add(line);
            out.println(line);
        };

        Thread light = new Thread(() -> {
            for (int cycle = 0; cycle < 2; cycle++) {
                green.clear();
                say.accept("light: RED");
                Time.sleep(2.0 * timeScale);
                say.accept("light: GREEN");
                green.set();
                Time.sleep(2.0 * timeScale);
            }
        });

        List<Thread> cars = new ArrayList<>();
        for (int i = 0; i < ARRIVALS.length; i++) {
            String name = "car-" + (i + 1);
            double arrives = ARRIVALS[i] * timeScale;
            cars.add(new Thread(() -> {
                Time.sleep(arrives);
                if (!green.isSet()) {
                    say.accept(name + ": waits at red");
                    green.await();
                }
                say.accept(name + ": drives through");
            }));
        }

        light.start();
        for (Thread car : cars) {
            car.start();
        }
        light.join();
        for (Thread car : cars) {
            car.join();
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
