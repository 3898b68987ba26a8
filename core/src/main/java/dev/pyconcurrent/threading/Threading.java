package dev.pyconcurrent.threading;

import dev.pyconcurrent.internal.ThreadFactories;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The functions of Python's {@code threading} module: {@code current_thread()},
 * {@code main_thread()}, {@code enumerate()}, {@code active_count()}, {@code get_ident()},
 * {@code get_native_id()} and {@code excepthook}.
 *
 * <p>Registry: the library knows the main thread, every {@link Thread} it started that has
 * not finished, and one <em>dummy</em> facade per foreign java thread that asked for
 * {@link #currentThread()} (Python's {@code _DummyThread}, named {@code Dummy-N}). A started
 * thread registers itself before {@code start()} returns and leaves the registry before it
 * is seen as finished. Dummies of java threads that died are dropped when the registry is
 * listed and, in bulk, when many dummies were made; nothing is kept for finished threads.
 *
 * <p>The main thread is the JVM's {@code main} thread: the java thread named {@code "main"}
 * in the thread group {@code "main"}, looked up once when this class is initialised (the
 * calling thread if it is that one, else among all live threads). Under Maven Surefire and
 * JUnit the tests run on it. If it has already ended (or was renamed) by then, the
 * {@code MainThread} facade is a finished thread without an ident.
 *
 * <p>Differences from Python, on purpose: a dummy's {@link Thread#isDaemon()} is its java
 * thread's daemon flag (in Python dummies are always daemon, because the interpreter cannot
 * join them at exit; on the JVM the flag is real and decides whether the JVM waits), and
 * {@link Thread#setName} on a dummy or the main facade does not rename the java thread.
 */
public final class Threading {

    /**
     * The longest timeout, in seconds, a blocking call of this library can tell apart from
     * "forever": {@code Long.MAX_VALUE} nanoseconds, about 292 years (the same value as CPython's on
     * 64-bit Linux, {@code 9223372036.854776}). Python: {@code threading.TIMEOUT_MAX}. Python raises
     * {@code OverflowError} above it; here a larger timeout (infinity included) waits forever.
     */
    public static final double TIMEOUT_MAX = Long.MAX_VALUE / 1e9;

    /** Python's {@code _counter}: numbers {@code Thread-N} and {@code Dummy-N}. */
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Started library threads (until they end) and dummies (until found dead), by ident. */
    private static final ConcurrentHashMap<Long, Thread> ACTIVE = new ConcurrentHashMap<>();
    /** The facade of the calling thread, for library threads and dummies. */
    private static final ThreadLocal<Thread> CURRENT = new ThreadLocal<>();
    /** Registry size at which dummies of dead threads are swept on the next dummy creation. */
    private static volatile int sweepAt = 64;

    private static final java.lang.Thread MAIN_JAVA = findMainJavaThread();
    private static final Thread MAIN = new Thread(Thread.Kind.MAIN, "MainThread", MAIN_JAVA);

    private static final Consumer<ExceptHookArgs> DEFAULT_EXCEPTHOOK = Threading::printException;
    private static volatile Consumer<ExceptHookArgs> excepthook = DEFAULT_EXCEPTHOOK;

    private Threading() {
    }

    /**
     * The facade of the calling thread: the {@link Thread} itself inside a library thread,
     * {@link #mainThread()} on the main thread, otherwise a dummy facade made on first use and
     * kept for the java thread's life (named {@code Dummy-N}, alive, not joinable).
     * Python: {@code threading.current_thread()}.
     *
     * @return the calling thread's facade
     */
    public static Thread currentThread() {
        Thread t = CURRENT.get();
        if (t != null) {
            return t;
        }
        java.lang.Thread jt = java.lang.Thread.currentThread();
        if (jt == MAIN_JAVA) {
            return MAIN;
        }
        Thread dummy = new Thread(Thread.Kind.DUMMY, newName("Dummy-"), jt);
        CURRENT.set(dummy);
        ACTIVE.put(dummy.getIdent(), dummy);
        if (ACTIVE.size() >= sweepAt) {
            sweepDeadDummies();
            sweepAt = Math.max(64, 2 * ACTIVE.size());
        }
        return dummy;
    }

    /**
     * The main thread's facade, named {@code "MainThread"}. Python: {@code threading.main_thread()}.
     *
     * @return the main thread
     */
    public static Thread mainThread() {
        return MAIN;
    }

    /**
     * The alive threads the library knows: the main thread (while it runs), started
     * {@link Thread}s that have not ended, and dummies whose java thread is alive; main first,
     * then by ident. Python: {@code threading.enumerate()}.
     *
     * @return a new list
     */
    public static List<Thread> enumerate() {
        sweepDeadDummies();
        List<Thread> others = new ArrayList<>(ACTIVE.values());
        others.sort(Comparator.comparing(Thread::getIdent));
        List<Thread> all = new ArrayList<>(others.size() + 1);
        if (MAIN.isAlive()) {
            all.add(MAIN);
        }
        all.addAll(others);
        return all;
    }

    /**
     * The number of alive threads the library knows, {@code enumerate().size()}.
     * Python: {@code threading.active_count()}.
     *
     * @return the count
     */
    public static int activeCount() {
        return enumerate().size();
    }

    /**
     * The calling thread's identifier (its java thread id). Python: {@code threading.get_ident()}.
     *
     * @return the id
     */
    public static long getIdent() {
        return java.lang.Thread.currentThread().getId();
    }

    /**
     * The calling thread's operating-system id (Linux: kernel tid; elsewhere the java id).
     * Python: {@code threading.get_native_id()}.
     *
     * @return the id
     */
    public static long getNativeId() {
        Thread t = CURRENT.get();
        java.lang.Thread jt = java.lang.Thread.currentThread();
        if (t == null && jt == MAIN_JAVA) {
            t = MAIN;
        }
        // unlike currentThread(), no dummy is made for a foreign thread (as in Python)
        return t != null ? t.getNativeId() : NativeThreadIds.current(jt.getId());
    }

    /**
     * Sets the hook called with an exception that escaped a {@link Thread}'s {@code run()}.
     * It runs in that thread; if it throws, that is printed to {@code System.err}.
     * Python: {@code threading.excepthook = hook}.
     *
     * @param hook the hook; {@code null} is rejected, restore {@link #defaultExcepthook()} instead
     */
    public static void setExcepthook(Consumer<ExceptHookArgs> hook) {
        excepthook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * The current thread excepthook. Python: {@code threading.excepthook}.
     *
     * @return the hook
     */
    public static Consumer<ExceptHookArgs> getExcepthook() {
        return excepthook;
    }

    /**
     * The original excepthook, which prints {@code Exception in thread <name>:} and the stack
     * trace to {@code System.err}. Python: {@code threading.__excepthook__}.
     *
     * @return the default hook
     */
    public static Consumer<ExceptHookArgs> defaultExcepthook() {
        return DEFAULT_EXCEPTHOOK;
    }

    /**
     * The stack size of the threads the library starts from now on: {@link Thread}s and
     * {@link Timer}s, and the workers of {@link dev.pyconcurrent.futures.ThreadPoolExecutor},
     * {@link dev.pyconcurrent.multiprocessing.ThreadPool} and {@code Pools.map} pools created
     * afterwards. Python: {@code threading.stack_size()}.
     *
     * @return the size in bytes; 0 means the JVM's default ({@code -Xss})
     */
    public static long stackSize() {
        return ThreadFactories.stackSize();
    }

    /**
     * Sets the stack size of the platform threads the library starts from now on (threads already
     * running keep theirs; virtual threads grow their stacks as needed and ignore it). Python:
     * {@code threading.stack_size(size)}. The JVM treats the size as a hint, as
     * {@link java.lang.Thread#Thread(ThreadGroup, Runnable, String, long)} says; HotSpot on Linux
     * honours it.
     *
     * @param size 0 for the JVM's default, or at least 32 KiB (32768 bytes)
     * @return the previous size
     * @throws IllegalArgumentException if {@code size} is negative ({@code "size must be 0 or a positive value"})
     *         or between 1 and 32767 ({@code "size not valid: N bytes"}), as Python's {@code ValueError}
     */
    public static long stackSize(long size) {
        return ThreadFactories.stackSize(size);
    }

    // ---- package-private machinery used by Thread ----

    /** The calling thread's facade if it is a library thread (or a dummy already made); no dummy is created. */
    static Thread currentIfKnown() {
        return CURRENT.get();
    }

    static String newName(String prefix) {
        return prefix + COUNTER.incrementAndGet();
    }

    static void register(Thread t) {
        ACTIVE.put(t.getIdent(), t);
        CURRENT.set(t);
    }

    static void unregister(Thread t) {
        ACTIVE.remove(t.getIdent(), t);
        CURRENT.remove();
    }

    static void invokeExcepthook(Throwable exception, Thread thread) {
        try {
            excepthook.accept(new ExceptHookArgs(exception, thread));
        } catch (Throwable hookFailure) {
            print("Exception in threading.excepthook:", hookFailure);
        }
    }

    private static void printException(ExceptHookArgs args) {
        Thread t = args.thread();
        String who = t != null ? t.getName() : String.valueOf(getIdent());
        print("Exception in thread " + who + ":", args.exception());
    }

    /** Prints a header line and a stack trace to the current {@code System.err} in one write. */
    private static void print(String header, Throwable exception) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            out.println(header);
            if (exception != null) {
                exception.printStackTrace(out);
            }
        }
        PrintStream err = System.err;
        err.print(text);
        err.flush();
    }

    /** How many facades the registry holds (main excluded), dead dummies not yet swept included. */
    static int registrySize() {
        return ACTIVE.size();
    }

    private static void sweepDeadDummies() {
        ACTIVE.values().removeIf(t -> t.kind() == Thread.Kind.DUMMY && !t.isAlive());
    }

    private static java.lang.Thread findMainJavaThread() {
        java.lang.Thread current = java.lang.Thread.currentThread();
        if (isMainJavaThread(current)) {
            return current;
        }
        ThreadGroup root = current.getThreadGroup();
        while (root != null && root.getParent() != null) {
            root = root.getParent();
        }
        if (root == null) {
            return null;
        }
        java.lang.Thread[] threads = new java.lang.Thread[root.activeCount() + 32];
        int n = root.enumerate(threads, true);
        java.lang.Thread found = null;
        for (int i = 0; i < n; i++) {
            java.lang.Thread t = threads[i];
            if (isMainJavaThread(t) && (found == null || t.getId() < found.getId())) {
                found = t;
            }
        }
        return found;
    }

    private static boolean isMainJavaThread(java.lang.Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return "main".equals(t.getName()) && g != null && "main".equals(g.getName());
    }
}
