package dev.pyconcurrent.examples;

import dev.pyconcurrent.queue.LifoQueue;
import dev.pyconcurrent.queue.PriorityQueue;
import dev.pyconcurrent.queue.Queue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Q1: the same five puts come out of a {@code Queue} first-in first-out, of a
 * {@code LifoQueue} last-in first-out, and of a {@code PriorityQueue} lowest first.
 * Python puts {@code (priority, data)} tuples in a priority queue; tuples compare
 * element by element, which a record with a {@code Comparable} order does here.
 *
 * <pre>
 * import queue
 *
 * jobs = [(2, "write code"), (1, "drink coffee"), (3, "go home"), (1, "read mail"), (2, "review")]
 *
 * for q in (queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()):
 *     for job in jobs:
 *         q.put(job)
 *     print(type(q).__name__, [q.get() for _ in range(q.qsize())])
 * </pre>
 */
public final class QueueOrders {
    private QueueOrders() {
    }

    /** Python's {@code (priority, data)} tuple: ordered by priority, then data. */
    record Job(int priority, String data) implements Comparable<Job> {
        private static final Comparator<Job> ORDER =
                Comparator.comparingInt(Job::priority).thenComparing(Job::data);

        @Override
        public int compareTo(Job other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return "(" + priority + ", " + data + ")";
        }
    }

    /** The puts, in order. */
    static final List<Job> JOBS = List.of(
            new Job(2, "write code"), new Job(1, "drink coffee"), new Job(3, "go home"),
            new Job(1, "read mail"), new Job(2, "review"));

    /** Puts {@link #JOBS} into each kind of queue and returns queue kind → the order of the gets. */
    static Map<String, List<Job>> run(PrintStream out) {
        Map<String, List<Job>> orders = new LinkedHashMap<>();
        List<Queue<Job>> queues = List.of(new Queue<>(), new LifoQueue<>(), new PriorityQueue<>());
        for (Queue<Job> q : queues) {
            for (Job job : JOBS) {
                q.put(job);
            }
            List<Job> got = new ArrayList<>();
            while (!q.empty()) {
                got.add(q.get());
            }
            String kind = q.getClass().getSimpleName();
            out.println(kind + " " + got);
            orders.put(kind, got);
        }
        return orders;
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
