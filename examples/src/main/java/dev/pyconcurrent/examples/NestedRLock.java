package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * L5: a reentrant lock taken again by the thread that holds it. {@code run3} holds the
 * lock and calls {@code run1} and {@code run2}, which take the same lock again; with an
 * {@code RLock} that just counts one level deeper (with a {@code Lock} it would deadlock,
 * see {@link Deadlock}). Other threads wait until the outermost {@code with} ends, so
 * each thread's two updates happen together.
 *
 * <pre>
 * import threading
 *
 * lock = threading.RLock()
 * num1 = num2 = 0
 *
 * def run1():
 *     global num1
 *     with lock:
 *         num1 += 1
 *
 * def run2():
 *     global num2
 *     with lock:
 *         num2 += 1
 *
 * def run3():
 *     with lock:               # held here...
 *         run1()               # ...and taken again inside
 *         run2()
 *         print(threading.current_thread().name, num1, num2)
 *
 * threads = [threading.Thread(target=run3) for _ in range(5)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print("num1 =", num1, "num2 =", num2)        # 5 5
 * </pre>
 */
public final class NestedRLock {
    private final RLock lock = new RLock();
    private int num1;   // guarded by lock
    private int num2;   // guarded by lock
    private final List<String> pairs = new ArrayList<>();   // guarded by lock
    private final PrintStream out;

    private NestedRLock(PrintStream out) {
        this.out = out;
    }

    private void run1() {
        try (Held h = lock.hold()) {
            num1++;
        }
    }

    private void run2() {
        try (Held h = lock.hold()) {
            num2++;
        }
    }

    private void run3() {
        try (Held h = lock.hold()) {
            run1();
            run2();
            out.println(Threading.currentThread().getName() + ": num1 = " + num1 + ", num2 = " + num2
                    + ", still holding the lock: " + lock.isOwnedByCurrentThread());
            pairs.add(num1 + "," + num2);
        }
    }

    /** What run3 saw in each thread ("num1,num2", always equal), and the final counts. */
    record Result(List<String> seenInRun3, int num1, int num2) {
    }

    /** Runs run3 in five threads. */
    static Result run(PrintStream out) {
        NestedRLock example = new NestedRLock(out);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(new Thread(example::run3));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        try (Held h = example.lock.hold()) {
            out.println("num1 = " + example.num1 + ", num2 = " + example.num2);
            return new Result(List.copyOf(example.pairs), example.num1, example.num2);
        }
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
