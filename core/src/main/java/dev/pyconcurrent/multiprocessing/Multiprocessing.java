package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildContext;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.connection.Waiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The module functions of Python's {@code multiprocessing}.
 *
 * <p>Start methods: the only one is {@code "spawn"} (every child is a new JVM that runs nothing of
 * the parent's {@code main}). {@code "fork"} and {@code "forkserver"} are refused with an
 * {@link IllegalArgumentException} that says why: a JVM cannot fork. {@code fork()} copies only the
 * calling thread into the child, while the JVM depends on its other threads (garbage collector,
 * compiler, signal handling, reference handling) and on locks those threads may hold at that
 * moment, so the copy could not run Java code safely; the JDK offers no fork, only the launch of a
 * new program. The start-method state: UNSET --{@link #getStartMethod()} or
 * {@link #setStartMethod(String)}--> SET("spawn"); a second {@code setStartMethod} without
 * {@code force} is an {@link IllegalStateException}, as in Python.
 */
public final class Multiprocessing {
    private Multiprocessing() {
    }

    private static volatile Process current;
    private static volatile Process parent;
    /** Whether the start method has been fixed (Python: {@code _actual_context is not None}). */
    private static boolean startMethodSet;   // guarded by Multiprocessing.class

    /**
     * Python {@code cpu_count()}: the processors this JVM may use. {@link Runtime#availableProcessors()},
     * which honours the CPU affinity mask ({@code taskset}, {@code sched_setaffinity}) and, in a
     * container, the cgroup CPU quota and shares, so it is what Python 3.13's
     * {@code os.process_cpu_count()} is (Python's {@code cpu_count()} counts the machine's
     * processors instead); {@code -XX:ActiveProcessorCount=n} overrides it.
     *
     * @return the number of processors available to this JVM, at least 1
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Python 3.13 {@code os.process_cpu_count()}: the processors this process may use (affinity mask
     * and container limits). The same as {@link #cpuCount()}, under Python's name.
     *
     * @return the number of processors available to this JVM, at least 1
     */
    public static int processCpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    // ---- start methods and contexts ----

    /**
     * Python {@code get_context()}: the default context, {@code "spawn"}.
     *
     * @return the spawn context
     */
    public static Context getContext() {
        return Context.SPAWN;
    }

    /**
     * Python {@code get_context(method)}.
     *
     * @param method {@code "spawn"}; {@code null} is the default context
     * @return the spawn context
     * @throws IllegalArgumentException for {@code "fork"} and {@code "forkserver"} (a JVM cannot fork:
     *                                  the message says why and what to use instead) and for any other name
     */
    public static Context getContext(String method) {
        if (method == null) {
            return Context.SPAWN;
        }
        checkMethod(method);
        return Context.SPAWN;
    }

    /**
     * Python {@code get_start_method()}: fixes the start method if it was not set, and returns it.
     *
     * @return {@code "spawn"}
     */
    public static String getStartMethod() {
        return getStartMethod(false);
    }

    /**
     * Python {@code get_start_method(allow_none)}.
     *
     * @param allowNone if true and no start method was fixed yet, return {@code null} and fix nothing
     * @return {@code "spawn"}, or {@code null} (see {@code allowNone})
     */
    public static synchronized String getStartMethod(boolean allowNone) {
        if (!startMethodSet) {
            if (allowNone) {
                return null;
            }
            startMethodSet = true;
        }
        return Context.SPAWN.getStartMethod();
    }

    /**
     * Python {@code set_start_method(method)}: only once.
     *
     * @param method {@code "spawn"}
     * @throws IllegalStateException    {@code "context has already been set"} if it was set (or fixed by
     *                                  {@link #getStartMethod()}) before
     * @throws IllegalArgumentException for {@code "fork"}, {@code "forkserver"} (a JVM cannot fork) or an
     *                                  unknown name
     */
    public static void setStartMethod(String method) {
        setStartMethod(method, false);
    }

    /**
     * Python {@code set_start_method(method, force)}.
     *
     * @param method {@code "spawn"}, or {@code null} with {@code force} to unset it
     * @param force  set it even if it was set before
     * @throws IllegalStateException    {@code "context has already been set"} without {@code force}
     * @throws IllegalArgumentException for {@code "fork"}, {@code "forkserver"} (a JVM cannot fork) or an
     *                                  unknown name
     */
    public static synchronized void setStartMethod(String method, boolean force) {
        if (startMethodSet && !force) {
            throw new IllegalStateException("context has already been set");
        }
        if (method == null && force) {
            startMethodSet = false;
            return;
        }
        checkMethod(java.util.Objects.requireNonNull(method, "method"));
        startMethodSet = true;
    }

    /**
     * Python {@code get_all_start_methods()}.
     *
     * @return {@code ["spawn"]}, the only start method a JVM has
     */
    public static List<String> getAllStartMethods() {
        return List.of("spawn");
    }

    private static void checkMethod(String method) {
        switch (method) {
            case "spawn":
                return;
            case "fork":
            case "forkserver":
                throw new IllegalArgumentException("start method '" + method + "' is not available: a JVM cannot"
                        + " fork. fork() copies only the calling thread, and the JVM's own threads (garbage"
                        + " collector, compiler, signal handler) and the locks they hold would be missing in the"
                        + " copy" + (method.equals("forkserver") ? " (a fork server forks too)" : "")
                        + ". Use \"spawn\" (the default and only method: each child is a new JVM with the"
                        + " parent's class path; send it what it needs as Serializable arguments), or"
                        + " threads, which run in parallel on the JVM.");
            default:
                throw new IllegalArgumentException("cannot find context for '" + method
                        + "': the only start method is 'spawn'");
        }
    }

    // ---- the java executable of children ----

    /**
     * Python {@code set_executable(path)}: the {@code java} binary of the child processes and pool
     * workers started from now on (by default the parent's own). The children get the parent's class
     * path, so it must run this library's class files (Java 17 or newer). Children of a
     * {@link Process} with its own {@link Process#setExecutable(String)} use that one.
     *
     * @param path the binary, an executable file
     * @throws IllegalArgumentException if {@code path} is not an executable file
     * @throws NullPointerException     if {@code path} is null
     */
    public static void setExecutable(String path) {
        ChildProcess.setExecutable(checkExecutable(path));
    }

    /**
     * Python {@code multiprocessing.spawn.get_executable()}.
     *
     * @return the {@code java} binary child processes are started with
     */
    public static String getExecutable() {
        return ChildProcess.executable();
    }

    /** Goes back to the parent's own {@code java} for children (Python has no way back; tests need one). */
    static void useParentsExecutable() {
        ChildProcess.setExecutable(null);
    }

    static String checkExecutable(String path) {
        java.util.Objects.requireNonNull(path, "path");
        java.io.File f = new java.io.File(path);
        if (!f.isFile() || !f.canExecute()) {
            throw new IllegalArgumentException("not an executable file: " + path);
        }
        return path;
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
                    c = Process.facade(name, Pid.self(), true);
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
     * are still running (pool workers are not listed). As Python's call also joins the children
     * that have finished, a child leaves the list as soon as it has exited and its output was
     * forwarded; the JDK reaps every child as it exits, so none is left a zombie.
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
     * A new object on this process's broker, dropped once no handle of it can be reached and none was sent
     * to another process ({@link Broker#holdLocally}).
     */
    private static RemoteRef created(Kind kind, Object... args) {
        Broker owner = Broker.local();
        RemoteRef ref = owner.create(kind, args);
        owner.holdLocally(ref);
        return ref;
    }

    /**
     * Python {@code multiprocessing.Lock()}: a lock usable from every process it is sent to.
     *
     * @return a new unlocked {@link SharedLock}; any thread of any process may release it
     */
    public static SharedLock lock() {
        return new SharedLock(created(Kind.LOCK), false);
    }

    /**
     * Python {@code multiprocessing.RLock()}.
     *
     * @return a new reentrant {@link SharedLock}
     */
    public static SharedLock rlock() {
        return new SharedLock(created(Kind.RLOCK), true);
    }

    /**
     * Python {@code multiprocessing.Semaphore(value)}.
     *
     * @param value initial permits
     * @return a new {@link SharedSemaphore}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static SharedSemaphore semaphore(int value) {
        return new SharedSemaphore(created(Kind.SEMAPHORE, value));
    }

    /**
     * Python {@code multiprocessing.BoundedSemaphore(value)}.
     *
     * @param value initial and maximum permits
     * @return a new {@link SharedSemaphore} that refuses to be released above {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static SharedSemaphore boundedSemaphore(int value) {
        return new SharedSemaphore(created(Kind.BOUNDED_SEMAPHORE, value));
    }

    /**
     * Python {@code multiprocessing.Event()}.
     *
     * @return a new, clear {@link SharedEvent}
     */
    public static SharedEvent event() {
        return new SharedEvent(created(Kind.EVENT));
    }

    /**
     * Python {@code multiprocessing.Condition()}.
     *
     * @return a new {@link SharedCondition} over a reentrant lock
     */
    public static SharedCondition condition() {
        return new SharedCondition(created(Kind.CONDITION));
    }

    /**
     * Python {@code multiprocessing.Barrier(parties)}.
     *
     * @param parties how many processes (or threads) must arrive
     * @return a new {@link SharedBarrier}
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public static SharedBarrier barrier(int parties) {
        return new SharedBarrier(created(Kind.BARRIER, parties));
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
        var ref = created(Kind.PIPE, duplex);   // both ends hold ref: freed once neither is reachable
        return new ConnectionPair(
                new PipeConnection(ref, 0, duplex ? PipeDirection.BOTH : PipeDirection.RECEIVE_ONLY),
                new PipeConnection(ref, 1, duplex ? PipeDirection.BOTH : PipeDirection.SEND_ONLY));
    }

    /**
     * Python {@code multiprocessing.connection.wait(object_list)}: waits, without a time limit,
     * until at least one object is ready.
     *
     * @param objects {@link Connection}s (ready when a message, or end of file, can be received:
     *                {@code recv} would not block) and {@link Sentinel}s from
     *                {@link Process#getSentinel()} (ready when the process has ended). Connections
     *                of {@link dev.pyconcurrent.multiprocessing.connection.Listener} and
     *                {@link dev.pyconcurrent.multiprocessing.connection.Client} and sentinels wake
     *                the wait at once; other connections (ends of {@link #pipe()}) are polled, a few
     *                milliseconds apart
     * @param <T>     their type
     * @return the ready objects, in the order given
     * @throws IllegalArgumentException for an object of another kind
     * @throws IllegalStateException    for a connection that was closed
     * @throws dev.pyconcurrent.ThreadInterruptedException if the thread is interrupted
     */
    public static <T> List<T> wait(Collection<? extends T> objects) {
        return Waiter.wait(objects, Long.MAX_VALUE);
    }

    /**
     * Python {@code multiprocessing.connection.wait(object_list, timeout)}.
     *
     * @param objects as {@link #wait(Collection)}
     * @param timeout seconds; 0 checks without waiting
     * @param <T>     their type
     * @return the ready objects, in the order given; empty if none became ready in time
     * @throws IllegalArgumentException for an object of another kind, or a negative or NaN timeout
     * @throws IllegalStateException    for a connection that was closed
     * @throws dev.pyconcurrent.ThreadInterruptedException if the thread is interrupted
     */
    public static <T> List<T> wait(Collection<? extends T> objects, double timeout) {
        return Waiter.wait(objects, Timeouts.toNanos(timeout));
    }

    /**
     * Python {@code multiprocessing.connection.wait(object_list, timeout)}.
     *
     * @param objects as {@link #wait(Collection)}
     * @param timeout how long at most
     * @param <T>     their type
     * @return the ready objects, in the order given; empty if none became ready in time
     * @throws IllegalArgumentException for an object of another kind, or a negative timeout
     * @throws IllegalStateException    for a connection that was closed
     * @throws dev.pyconcurrent.ThreadInterruptedException if the thread is interrupted
     */
    public static <T> List<T> wait(Collection<? extends T> objects, Duration timeout) {
        return Waiter.wait(objects, Timeouts.toNanos(timeout));
    }
}
