package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildContext;

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

    // ---- cross-process synchronization: objects served by this process's broker ----

    /**
     * Python {@code multiprocessing.Lock()}: a lock usable from every process it is sent to.
     *
     * @return a new unlocked {@link SharedLock}; any thread of any process may release it
     */
    public static SharedLock lock() {
        return new SharedLock(Broker.local().create(Kind.LOCK), false);
    }

    /**
     * Python {@code multiprocessing.RLock()}.
     *
     * @return a new reentrant {@link SharedLock}
     */
    public static SharedLock rlock() {
        return new SharedLock(Broker.local().create(Kind.RLOCK), true);
    }

    /**
     * Python {@code multiprocessing.Semaphore(value)}.
     *
     * @param value initial permits
     * @return a new {@link SharedSemaphore}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static SharedSemaphore semaphore(int value) {
        return new SharedSemaphore(Broker.local().create(Kind.SEMAPHORE, value));
    }

    /**
     * Python {@code multiprocessing.BoundedSemaphore(value)}.
     *
     * @param value initial and maximum permits
     * @return a new {@link SharedSemaphore} that refuses to be released above {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static SharedSemaphore boundedSemaphore(int value) {
        return new SharedSemaphore(Broker.local().create(Kind.BOUNDED_SEMAPHORE, value));
    }

    /**
     * Python {@code multiprocessing.Event()}.
     *
     * @return a new, clear {@link SharedEvent}
     */
    public static SharedEvent event() {
        return new SharedEvent(Broker.local().create(Kind.EVENT));
    }

    /**
     * Python {@code multiprocessing.Condition()}.
     *
     * @return a new {@link SharedCondition} over a reentrant lock
     */
    public static SharedCondition condition() {
        return new SharedCondition(Broker.local().create(Kind.CONDITION));
    }

    /**
     * Python {@code multiprocessing.Barrier(parties)}.
     *
     * @param parties how many processes (or threads) must arrive
     * @return a new {@link SharedBarrier}
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public static SharedBarrier barrier(int parties) {
        return new SharedBarrier(Broker.local().create(Kind.BARRIER, parties));
    }

    /**
     * Python {@code Pipe()}: two connected, two-way {@link Connection} ends.
     *
     * @return the pair
     */
    public static ConnectionPair pipe() {
        return pipe(true);
    }

    /**
     * Python {@code Pipe(duplex)}.
     *
     * @param duplex {@code true} for two-way ends; {@code false}: {@code first} only receives,
     *               {@code second} only sends
     * @return the pair
     */
    public static ConnectionPair pipe(boolean duplex) {
        var ref = Broker.local().create(Kind.PIPE, duplex);
        return new ConnectionPair(new PipeConnection(ref, 0), new PipeConnection(ref, 1));
    }
}
