package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scenario P11: worker processes put their results into one cross-process queue and the
 * parent collects them. Python: {@code q.put(f(x))} in each worker, {@code q.get()} n
 * times in the parent.
 */
public final class ResultsThroughQueue {
    private ResultsThroughQueue() {
    }

    public static void main(String[] args) {
        System.out.println(run(4));
    }

    /** @param workers how many processes @return the results, sorted */
    static List<Integer> run(int workers) {
        Queue<Integer> results = new Queue<>();
        List<Process> ps = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            int x = i;
            ps.add(new Process(() -> results.put(x * x)));
        }
        ps.forEach(Process::start);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            got.add(results.get());
        }
        ps.forEach(Process::join);
        Collections.sort(got);
        return got;
    }
}
