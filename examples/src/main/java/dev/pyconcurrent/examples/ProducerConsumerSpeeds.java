package dev.pyconcurrent.examples;

import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.ShutDownException;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Q4: a producer and a consumer working at different, random speeds, connected by a
 * queue of at most five items. When the producer is faster the queue fills and
 * {@code put} waits; when the consumer is faster it waits in {@code get}. Either way all
 * 20 items arrive, in order. The producer ends with {@code shutdown()}: the consumer
 * takes what is left, then its {@code get()} throws {@code ShutDownException}.
 *
 * <pre>
 * import queue, threading, time, random
 *
 * q = queue.Queue(maxsize=5)
 *
 * def producer():
 *     for i in range(20):
 *         time.sleep(random.uniform(0, 0.2))
 *         q.put(i)
 *         print(f"produced {i} (queue size {q.qsize()})")
 *     q.shutdown()                 # Python 3.13: no more items
 *
 * def consumer():
 *     try:
 *         while True:
 *             item = q.get()
 *             time.sleep(random.uniform(0, 0.3))
 *             print(f"consumed {item}")
 *     except queue.ShutDown:
 *         print("consumer: done")
 *
 * threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * </pre>
 */
public final class ProducerConsumerSpeeds {
    private ProducerConsumerSpeeds() {
    }

    /** Runs the example and returns the items in the order the consumer got them. Every sleep is multiplied by {@code timeScale}. */
    static List<Integer> run(double timeScale, PrintStream out) {
        Queue<Integer> q = new Queue<>(5);
        List<Integer> consumed = new ArrayList<>();   // only the consumer writes; read after join()

        Thread producer = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                Time.sleep(ThreadLocalRandom.current().nextDouble(0, 0.2) * timeScale);
                q.put(i);
                out.println("produced " + i + " (queue size " + q.qsize() + ")");
            }
            q.shutdown();
        });
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    int item = q.get();
                    Time.sleep(ThreadLocalRandom.current().nextDouble(0, 0.3) * timeScale);
                    out.println("consumed " + item);
                    consumed.add(item);
                }
            } catch (ShutDownException e) {
                out.println("consumer: done");
            }
        });
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        return List.copyOf(consumed);
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
