package dev.pyconcurrent.examples;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Q2: a queue with {@code maxsize}. When it is full, {@code put} blocks until a
 * {@code get} makes room and {@code putNowait} throws {@code FullException}; when it is
 * empty, {@code getNowait} throws {@code EmptyException} and {@code get(timeout)} throws
 * it once the timeout is up (Python: {@code queue.Full}, {@code queue.Empty}).
 *
 * <pre>
 * import queue, threading, time
 *
 * q = queue.Queue(maxsize=2)
 * q.put("a"); q.put("b")
 * print("full:", q.full())                            # True
 * try:
 *     q.put_nowait("c")
 * except queue.Full:
 *     print("put_nowait: Full")
 *
 * t = threading.Thread(target=q.put, args=("c",))    # blocks: no room
 * t.start()
 * time.sleep(0.5)
 * print("producer still blocked:", t.is_alive())     # True
 * print("got", q.get())                              # makes room, the put returns
 * t.join()
 * print("got", q.get(), q.get())                     # b c
 *
 * try:
 *     q.get_nowait()
 * except queue.Empty:
 *     print("get_nowait: Empty")
 * try:
 *     q.get(timeout=0.5)
 * except queue.Empty:
 *     print("get(timeout=0.5): Empty")
 * </pre>
 */
public final class BoundedQueue {
    private BoundedQueue() {
    }

    /** What the example observed, step by step. */
    record Result(boolean fullAfterTwoPuts, boolean putNowaitFull, boolean producerBlocked,
                         List<String> gets, boolean getNowaitEmpty, boolean getTimeoutEmpty, double getTimeoutWaited) {
    }

    /** Runs the example; every sleep and timeout is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        Queue<String> q = new Queue<>(2);
        q.put("a");
        q.put("b");
        boolean full = q.full();
        out.println("full: " + full);

        boolean putNowaitFull = false;
        try {
            q.putNowait("c");
        } catch (FullException e) {
            putNowaitFull = true;
            out.println("putNowait: FullException");
        }

        Thread producer = new Thread(() -> q.put("c"));   // blocks: no room
        producer.start();
        Time.sleep(0.5 * timeScale);
        boolean blocked = producer.isAlive();
        out.println("producer still blocked: " + blocked);

        List<String> gets = new ArrayList<>();
        gets.add(q.get());                                   // makes room: the producer's put returns
        producer.join();
        gets.add(q.get());
        gets.add(q.get());
        out.println("got " + gets);

        boolean getNowaitEmpty = false;
        try {
            q.getNowait();
        } catch (EmptyException e) {
            getNowaitEmpty = true;
            out.println("getNowait: EmptyException");
        }

        boolean getTimeoutEmpty = false;
        double start = Time.perfCounter();
        try {
            q.get(0.5 * timeScale);
        } catch (EmptyException e) {
            getTimeoutEmpty = true;
        }
        double waited = Time.perfCounter() - start;
        out.printf("get(0.5): EmptyException after %.2f s%n", waited);
        return new Result(full, putNowaitFull, blocked, gets, getNowaitEmpty, getTimeoutEmpty, waited);
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
