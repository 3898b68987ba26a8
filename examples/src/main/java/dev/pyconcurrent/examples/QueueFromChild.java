package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Scenario P5: a child puts {@code [42, null, "hello"]} on a cross-process queue and the
 * parent gets it. Python: {@code q.put([42, None, 'hello'])} in the child,
 * {@code print(q.get())} in the parent.
 */
public final class QueueFromChild {
    private QueueFromChild() {
    }

    public static void main(String[] args) {
        System.out.println(run());
    }

    /** @return what the parent got */
    static ArrayList<Object> run() {
        Queue<ArrayList<Object>> q = new Queue<>();
        Process p = new Process((Queue<ArrayList<Object>> out) -> out.put(new ArrayList<>(Arrays.asList(42, null, "hello"))), q);
        p.start();
        ArrayList<Object> got = q.get();
        p.join();
        return got;
    }
}
