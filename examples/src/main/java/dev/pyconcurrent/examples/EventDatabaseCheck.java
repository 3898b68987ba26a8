package dev.pyconcurrent.examples;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * S1: an {@code Event} as a "ready" flag. One thread checks the database and sets the
 * event when it is up (after 0–3 s); two connector threads wait for it with
 * {@code await(0.5)} up to three times, then give up with a timeout error.
 *
 * <pre>
 * import threading, time, random
 *
 * def check_db(ready):
 *     time.sleep(random.uniform(0, 3))
 *     print("database is up")
 *     ready.set()
 *
 * def connect(ready):
 *     name = threading.current_thread().name
 *     for attempt in range(1, 4):
 *         if ready.wait(0.5):
 *             print(f"{name}: connected")
 *             return
 *         print(f"{name}: database not ready (attempt {attempt})")
 *     raise TimeoutError(f"{name}: gave up")
 *
 * ready = threading.Event()
 * threading.Thread(target=check_db, args=(ready,)).start()
 * for i in (1, 2):
 *     threading.Thread(target=connect, args=(ready,), name=f"connector-{i}").start()
 * </pre>
 */
public final class EventDatabaseCheck {
    private EventDatabaseCheck() {
    }

    /**
     * Runs the example with the database coming up after {@code dbDelay} seconds; every
     * sleep and timeout is multiplied by {@code timeScale}. Returns connector → "connected"
     * or the timeout message.
     */
    static Map<String, String> run(double timeScale, double dbDelay, PrintStream out) {
        Event ready = new Event();
        Map<String, String> outcome = new ConcurrentHashMap<>();

        Thread checker = new Thread(() -> {
            Time.sleep(dbDelay * timeScale);
            out.println("database is up");
            ready.set();
        });
        checker.setName("checker");

        Runnable connect = () -> {
            String name = Threading.currentThread().getName();
            try {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    if (ready.await(0.5 * timeScale)) {
                        out.println(name + ": connected");
                        outcome.put(name, "connected");
                        return;
                    }
                    out.println(name + ": database not ready (attempt " + attempt + ")");
                }
                throw new TimeoutException(name + ": gave up");
            } catch (TimeoutException e) {
                out.println(e.getMessage());       // uncaught, it would go to the thread excepthook
                outcome.put(name, e.getMessage());
            }
        };
        Thread one = new Thread(connect);
        one.setName("connector-1");
        Thread two = new Thread(connect);
        two.setName("connector-2");

        List<Thread> threads = List.of(checker, one, two);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return Map.copyOf(outcome);
    }

    /**
     * Runs the example with a random database delay of 0–3 s; an optional argument scales every sleep.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), new Random().nextDouble() * 3.0, System.out);
    }
}
