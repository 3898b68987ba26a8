package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.threading.Acquirable;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario P8: a cross-process lock keeps ten processes' printed lines from interleaving:
 * each prints a block of lines while holding it. Python:
 * {@code lock = Lock(); ... with lock: print(...)}.
 */
public final class LockedPrinting {
    private LockedPrinting() {
    }

    /** Lines each process prints in one block. */
    static final int LINES = 3;

    public static void main(String[] args) {
        Acquirable lock = Multiprocessing.lock();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            ps.add(new Process(() -> {
                try (Held h = lock.hold()) {
                    for (int k = 0; k < LINES; k++) {
                        System.out.println("process " + n + " line " + k);
                    }
                }
            }));
        }
        ps.forEach(Process::start);
        ps.forEach(Process::join);
    }
}
