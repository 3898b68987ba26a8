package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * S4: five threads wait on a {@code Condition}; the main thread lets them go {@code n}
 * at a time with {@code signal(n)} (Python's {@code notify(n)}). Each waiter waits for a
 * "ticket" with {@code waitFor(predicate)}, so a notification sent before a thread
 * started waiting is never lost, and a thread never resumes without a ticket.
 *
 * <pre>
 * import threading, time
 *
 * cv = threading.Condition()
 * tickets = 0
 *
 * def waiter():
 *     global tickets
 *     with cv:
 *         cv.wait_for(lambda: tickets > 0)
 *         tickets -= 1
 *         print(f"{threading.current_thread().name}: resumed")
 *
 * for i in range(5):
 *     threading.Thread(target=waiter, name=f"waiter-{i}").start()
 *
 * for n in (2, 3):
 *     time.sleep(1)
 *     with cv:
 *         print(f"main: notify({n})")
 *         tickets += n
 *         cv.notify(n)
 * </pre>
 */
public final class ConditionNotifyN {
    private final Condition cv = new Condition();
    private int tickets;                                   // guarded by cv
    private final List<String> log = new ArrayList<>();    // guarded by cv
    private final PrintStream out;

    private ConditionNotifyN(PrintStream out) {
        this.out = out;
    }

    private void say(String line) {   // called with cv held
        log.add(line);
        out.println(line);
    }

    private void waiter() {
        try (Held h = cv.hold()) {
            cv.waitFor(() -> tickets > 0);
            tickets--;
            say(Threading.currentThread().getName() + ": resumed");
        }
    }

    /** Runs five waiters and notifies two, then three; returns the log in order. Every sleep is multiplied by {@code timeScale}. */
    static List<String> run(double timeScale, PrintStream out) {
        ConditionNotifyN example = new ConditionNotifyN(out);
        Condition cv = example.cv;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread t = new Thread(example::waiter);
            t.setName("waiter-" + i);
            threads.add(t);
            t.start();
        }
        for (int n : new int[] {2, 3}) {
            Time.sleep(1.0 * timeScale);
            try (Held h = cv.hold()) {
                example.say("main: signal(" + n + ")");
                example.tickets += n;
                cv.signal(n);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        try (Held h = cv.hold()) {
            return List.copyOf(example.log);
        }
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
