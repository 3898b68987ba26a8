package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;

/**
 * Scenario P4: two processes play ping-pong with a counter through two cross-process
 * queues, printing each number until 50 in total. Python: {@code multiprocessing.Queue}
 * passed to {@code Process(target=..., args=(q_in, q_out))}.
 */
public final class QueuePingPong {
    private QueuePingPong() {
    }

    /** The last number printed. */
    static final int LIMIT = 50;

    public static void main(String[] args) {
        Queue<Integer> toPing = new Queue<>();
        Queue<Integer> toPong = new Queue<>();
        Process ping = new Process(() -> play("ping", toPing, toPong));
        Process pong = new Process(() -> play("pong", toPong, toPing));
        ping.start();
        pong.start();
        toPing.put(1);
        ping.join();
        pong.join();
    }

    /** Takes a number, prints it, passes the next one on; passes the end mark on and stops. */
    static void play(String name, Queue<Integer> in, Queue<Integer> out) {
        while (true) {
            int n = in.get();
            if (n > LIMIT) {
                out.put(n);
                return;
            }
            System.out.println(name + " " + n);
            out.put(n + 1);
        }
    }
}
