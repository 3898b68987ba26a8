package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.ChildContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The module functions of Python's {@code multiprocessing}.
 */
public final class Multiprocessing {
    private Multiprocessing() {
    }

    private static volatile Process current;
    private static volatile Process parent;

    /**
     * Python {@code cpu_count()}.
     * @return the number of processors available to this JVM
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Python {@code current_process()}.
     *
     * @return in a child started by {@link Process}, that process object; in a pool worker, a
     *         facade named after the worker; in the parent, a facade named {@code "MainProcess"}
     */
    public static Process currentProcess() {
        Object own = ChildContext.process();
        if (own instanceof Process p) {
            return p;
        }
        Process c = current;
        if (c == null) {
            synchronized (Multiprocessing.class) {
                c = current;
                if (c == null) {
                    String name = ChildContext.isChild() ? ChildContext.name() : "MainProcess";
                    c = Process.facade(name, ProcessHandle.current().pid(), true);
                    current = c;
                }
            }
        }
        return c;
    }

    /**
     * Python {@code parent_process()}.
     *
     * @return in a child, a facade of the parent (its name and pid; {@code join} waits for it to end);
     *         {@code null} in a JVM not started by this library
     */
    public static Process parentProcess() {
        if (!ChildContext.isChild()) {
            return null;
        }
        Process p = parent;
        if (p == null) {
            synchronized (Multiprocessing.class) {
                p = parent;
                if (p == null) {
                    p = Process.facade(ChildContext.parentName(), ChildContext.parentPid(), false);
                    parent = p;
                }
            }
        }
        return p;
    }

    /**
     * Python {@code active_children()}: the {@link Process} objects started by this JVM that
     * are still running (pool workers are not listed).
     *
     * @return a new list
     */
    public static List<Process> activeChildren() {
        List<Process> alive = new ArrayList<>();
        for (Process p : Process.LIVE) {
            try {
                if (p.isAlive()) {
                    alive.add(p);
                }
            } catch (IllegalStateException closed) {
                // closed meanwhile
            }
        }
        return alive;
    }
}
