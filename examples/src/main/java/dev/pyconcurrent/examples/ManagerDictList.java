package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Manager;
import dev.pyconcurrent.multiprocessing.Process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scenario P7: with a {@link Manager}, ten processes each write {@code d[i] = i * i} into a
 * shared {@code dict()} and append {@code i} to a shared {@code list()}. Python:
 * {@code with Manager() as m: d = m.dict(); l = m.list(); ...}.
 */
public final class ManagerDictList {
    private ManagerDictList() {
    }

    /** What the parent sees at the end. @param dict the map, sorted @param list the list */
    record Result(Map<Integer, Integer> dict, List<Integer> list) {
    }

    public static void main(String[] args) {
        Result r = run();
        System.out.println(r.dict());
        System.out.println(r.list());
    }

    static Result run() {
        try (Manager m = Manager.start()) {
            Map<Integer, Integer> d = m.dict();
            List<Integer> l = m.list();
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                ps.add(new Process(() -> {
                    d.put(n, n * n);
                    l.add(n);
                }));
            }
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            return new Result(new TreeMap<>(d), new ArrayList<>(l));
        }
    }
}
