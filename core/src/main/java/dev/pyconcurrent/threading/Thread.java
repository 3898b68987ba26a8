package dev.pyconcurrent.threading;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.internal.Timeouts;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A thread of control. Python: {@code threading.Thread}.
 *
 * <p>A facade over a {@link java.lang.Thread} that is created by {@link #start()}. Pass a
 * target ({@code Thread(target=...)}) or subclass and override {@link #run()}.
 *
 * <pre>{@code
 * Thread t = new Thread(() -> download(url), "downloader");
 * t.start();
 * t.join();
 * }</pre>
 *
 * <p>State machine (field {@code state}):
 * <pre>
 *   INITIAL --start()--> STARTING --new thread registered--> STARTED --run() ended--> STOPPED
 * </pre>
 * {@code start()} claims INITIAL → STARTING under {@code lock} (a second {@code start()} fails),
 * creates and starts the java thread, and returns once the new thread has recorded its ids,
 * registered itself with {@link Threading#enumerate()} and moved to STARTED (as Python's
 * {@code start()} waits for {@code _started}). If the java thread cannot be started the
 * thread goes back to INITIAL. Only the thread itself moves STARTED → STOPPED, after
 * {@code run()} and the excepthook returned and it left the registry; {@link #join()}
 * waits for that. {@link #isAlive()} is true exactly in STARTED.
 *
 * <p>The main thread's facade ({@link Threading#mainThread()}) and the dummy facades of
 * threads this library did not start are <em>attached</em> facades: they are STARTED from
 * birth, their liveness is that of their java thread, and they cannot be started.
 *
 * <p>Names: without a name a thread is called {@code Thread-N}, {@code N} from one counter
 * shared by the whole JVM (Python's {@code _counter}; dummies use it too). With a target,
 * Python appends the target's {@code __name__}: {@code "Thread-N (download)"}. Here the target's
 * name is: for an object of a named class, the class's simple name ({@code "Thread-3 (Downloader)"});
 * for a {@link Serializable} lambda or method reference (for instance a
 * {@link dev.pyconcurrent.function.SerializableRunnable}), the method it calls, or
 * {@code <lambda>} for a lambda body, as in Python; for any other lambda or method reference,
 * {@code <lambda>}, because the JVM does not tell which method a plain one calls (declare the
 * target as a {@code SerializableRunnable} to get the method's name). An anonymous class has no
 * name, so its thread is {@code Thread-N}, as are subclasses and {@code null} targets. The name is
 * worked out once per target class (cached), so it costs a few nanoseconds per thread.
 *
 * <p>Virtual threads (JDK 21+): {@link #setVirtual(boolean) setVirtual(true)} before
 * {@code start()} runs the thread on a virtual thread. The JVM never waits for virtual threads
 * at exit; a non-daemon virtual {@code Thread} keeps it alive anyway (one shared platform thread
 * waits while any runs), so the daemon flag means what it means in Python. The stack size
 * ({@link Threading#stackSize(long)}) applies only to platform threads.
 *
 * <p>Identifiers: {@link #getIdent()} is the java thread id; {@link #getNativeId()} is the
 * operating system's id of the thread (Linux: the kernel tid, read by the new thread
 * before it runs its target), or the java thread id where the OS does not tell it.
 *
 * <p>An exception escaping {@code run()} is handed to {@link Threading#getExcepthook()};
 * the default prints {@code Exception in thread <name>:} and the stack trace to
 * {@code System.err}. A non-daemon thread keeps the JVM alive until it ends; a daemon
 * thread does not.
 *
 * <p>Memory effects: actions before {@code start()} happen-before the thread's
 * {@code run()}; actions of the thread happen-before a {@code join} that returns
 * normally (or {@code true}) and before {@code isAlive()} returning false.
 */
public class Thread {

    /** Which kind of facade: started by this library, or attached to the main or a foreign thread. */
    enum Kind { LIBRARY, MAIN, DUMMY }

    private static final int INITIAL = 0;
    private static final int STARTING = 1;
    private static final int STARTED = 2;
    private static final int STOPPED = 3;

    private final Object lock = new Object();
    private final Kind kind;
    /** Signalled once the new thread registered itself (STARTED). */
    private final CountDownLatch started = new CountDownLatch(1);
    /** Signalled when the thread reaches STOPPED. */
    private final CountDownLatch done = new CountDownLatch(1);

    // Written by the constructor, read and cleared by run() (Python deletes the target after run).
    private Runnable target;
    // Transitions INITIAL -> STARTING -> INITIAL guarded by lock; STARTING -> STARTED -> STOPPED by the thread itself.
    private volatile int state;
    private volatile String name;                        // writes guarded by lock
    private volatile boolean daemon;                     // writes guarded by lock, only in INITIAL
    private volatile boolean virtual;                    // writes guarded by lock, only in INITIAL
    private volatile java.lang.Thread javaThread;        // set under lock by start(), or at birth when attached
    private volatile Long ident;                         // set with javaThread
    private volatile Long nativeId;                      // set by the thread itself

    /**
     * A thread whose {@link #run()} is overridden by a subclass. Python:
     * {@code class MyThread(Thread): def run(self): ...}. Named {@code Thread-N}; daemon flag
     * inherited from the creating thread.
     */
    public Thread() {
        this(null, null, null, null);
    }

    /**
     * A subclass thread with a name. Python: {@code Thread.__init__(self, name=name)}.
     *
     * @param name the name; {@code null} or empty gives {@code Thread-N}
     */
    public Thread(String name) {
        this(null, null, name, null);
    }

    /**
     * A subclass thread with a name and daemon flag. Python:
     * {@code Thread.__init__(self, name=name, daemon=daemon)}.
     *
     * @param name   the name; {@code null} or empty gives {@code Thread-N}
     * @param daemon whether the thread is a daemon
     */
    public Thread(String name, boolean daemon) {
        this(null, null, name, daemon);
    }

    /**
     * A thread that runs {@code target}. Python: {@code Thread(target=target)}.
     *
     * @param target what {@link #run()} calls; {@code null} runs nothing
     */
    public Thread(Runnable target) {
        this(target, target, null, null);
    }

    /**
     * A named thread that runs {@code target}. Python: {@code Thread(target=target, name=name)}.
     *
     * @param target what {@link #run()} calls; {@code null} runs nothing
     * @param name   the name; {@code null} or empty gives {@code Thread-N (target)}
     */
    public Thread(Runnable target, String name) {
        this(target, target, name, null);
    }

    /**
     * A named thread with a daemon flag. Python: {@code Thread(target=target, name=name, daemon=daemon)}.
     *
     * @param target what {@link #run()} calls; {@code null} runs nothing
     * @param name   the name; {@code null} or empty gives {@code Thread-N (target)}
     * @param daemon whether the thread is a daemon
     */
    public Thread(Runnable target, String name, boolean daemon) {
        this(target, target, name, daemon);
    }

    /**
     * A thread that runs {@code target.accept(arg)}. Python: {@code Thread(target=target, args=(arg,))}.
     *
     * @param target the function
     * @param arg    its argument
     * @param <A>    the argument's type
     */
    public <A> Thread(Consumer<? super A> target, A arg) {
        this(bind(target, arg), target, null, null);
    }

    /**
     * A thread that runs {@code target.accept(a, b)}. Python: {@code Thread(target=target, args=(a, b))}.
     *
     * @param target the function
     * @param a      its first argument
     * @param b      its second argument
     * @param <A>    the first argument's type
     * @param <B>    the second argument's type
     */
    public <A, B> Thread(BiConsumer<? super A, ? super B> target, A a, B b) {
        this(bind(target, a, b), target, null, null);
    }

    private Thread(Runnable run, Object namedTarget, String name, Boolean daemon) {
        this.kind = Kind.LIBRARY;
        this.target = run;
        if (name == null || name.isEmpty()) {
            name = Threading.newName("Thread-");
            String targetName = namedTarget == null ? null : targetName(namedTarget);
            if (targetName != null) {
                name += " (" + targetName + ")";
            }
        }
        this.name = name;
        // Python: the creating thread's daemon flag, Threading.currentThread().isDaemon(), without
        // creating a dummy. Facades report their java thread's flag, except a non-daemon virtual one.
        Thread creator = Threading.currentIfKnown();
        this.daemon = daemon != null ? daemon
                : creator != null ? creator.isDaemon() : java.lang.Thread.currentThread().isDaemon();
        this.state = INITIAL;
    }

    /** An attached facade (main thread or dummy) over an existing java thread, or a finished main thread. */
    Thread(Kind kind, String name, java.lang.Thread attached) {
        this.kind = kind;
        this.name = name;
        this.javaThread = attached;
        this.daemon = attached != null && attached.isDaemon();
        this.ident = attached == null ? null : attached.getId();
        if (attached != null && attached == java.lang.Thread.currentThread()) {
            this.nativeId = NativeThreadIds.current(attached.getId());
        }
        this.state = attached == null ? STOPPED : STARTED;
        started.countDown();
        if (attached == null) {
            done.countDown();
        }
    }

    private static <A> Runnable bind(Consumer<? super A> target, A arg) {
        Objects.requireNonNull(target, "target");
        return () -> target.accept(arg);
    }

    private static <A, B> Runnable bind(BiConsumer<? super A, ? super B> target, A a, B b) {
        Objects.requireNonNull(target, "target");
        return () -> target.accept(a, b);
    }

    /** Per target class: its name for {@code Thread-N (name)}, "" for none; filled on first use. */
    private static final ClassValue<String[]> TARGET_NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[1];
        }
    };

    /**
     * Python's {@code target.__name__}: a named class's simple name; a lambda's or method
     * reference's implementation method when it is serializable, else {@code <lambda>}; none
     * for an anonymous class. Cached per class (a lambda class always calls the same method).
     */
    static String targetName(Object target) {
        String[] slot = TARGET_NAMES.get(target.getClass());
        String n = slot[0];
        if (n == null) {
            n = computeTargetName(target);
            slot[0] = n;   // a benign race: every thread computes the same string
        }
        return n.isEmpty() ? null : n;
    }

    private static String computeTargetName(Object target) {
        Class<?> c = target.getClass();
        if (!c.isHidden() && !c.isSynthetic()) {
            return c.isAnonymousClass() ? "" : c.getSimpleName();
        }
        if (target instanceof Serializable) {
            try {
                Method writeReplace = c.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                Object replaced = writeReplace.invoke(target);
                if (replaced instanceof SerializedLambda) {
                    String method = ((SerializedLambda) replaced).getImplMethodName();
                    return method.startsWith("lambda$") ? "<lambda>" : method;
                }
            } catch (ReflectiveOperationException | RuntimeException notReadable) {
                // a module that does not open its package to us: fall back to <lambda>
            }
        }
        return "<lambda>";
    }

    /**
     * Starts the thread: {@link #run()} runs in a new java thread. Returns once the new thread
     * is alive and registered. Python: {@code start()}.
     *
     * @throws IllegalStateException {@code "threads can only be started once"}
     */
    public void start() {
        synchronized (lock) {
            if (state != INITIAL) {
                throw new IllegalStateException("threads can only be started once");
            }
            java.lang.Thread jt;
            if (virtual) {
                jt = ThreadFactories.virtual(this::bootstrap, name);
            } else {
                jt = ThreadFactories.platform(this::bootstrap, name);
                jt.setDaemon(daemon);
            }
            javaThread = jt;
            ident = jt.getId();
            state = STARTING;
            boolean keepsJvmAlive = virtual && !daemon;
            if (keepsJvmAlive) {
                VirtualKeepAlive.enter();
            }
            try {
                jt.start();
            } catch (RuntimeException | Error e) {
                if (keepsJvmAlive) {
                    VirtualKeepAlive.exit();
                }
                javaThread = null;
                ident = null;
                state = INITIAL;
                throw e;
            }
        }
        // The new thread only records its ids and registers: a short wait that is not
        // interruptible (start() is not a blocking call in Python either); the flag is kept.
        Interrupts.awaitUninterruptibly(started);
    }

    private void bootstrap() {
        // a virtual thread has no OS thread of its own (its carrier changes): its id is the java one
        nativeId = virtual ? ident : NativeThreadIds.current(ident);
        Threading.register(this);
        state = STARTED;
        started.countDown();
        try {
            run();
        } catch (Throwable t) {
            Threading.invokeExcepthook(t, this);
        } finally {
            Threading.unregister(this);
            state = STOPPED;
            done.countDown();
            if (virtual && !daemon) {
                VirtualKeepAlive.exit();
            }
        }
    }

    /**
     * The thread's activity: calls the target given to the constructor, once (the target is
     * dropped afterwards). Subclasses override it. Python: {@code run()}.
     */
    public void run() {
        Runnable r = target;
        try {
            if (r != null) {
                r.run();
            }
        } finally {
            target = null;
        }
    }

    /**
     * Waits until the thread ends. Python: {@code join()}.
     *
     * @throws IllegalStateException {@code "cannot join thread before it is started"},
     *         {@code "cannot join current thread"}, or {@code "cannot join a dummy thread"}
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted while waiting
     */
    public void join() {
        joinNanos(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeout} seconds for the thread to end. Python: {@code join(timeout)},
     * which returns nothing; here the result says whether the thread ended.
     *
     * @param timeout seconds, not negative or NaN
     * @return true if the thread has ended, false if the timeout elapsed first
     * @throws IllegalArgumentException for a negative or NaN timeout
     * @throws IllegalStateException as {@link #join()}
     */
    public boolean join(double timeout) {
        return joinNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Waits at most {@code timeout} for the thread to end. Python: {@code join(timeout)}.
     *
     * @param timeout how long, not negative
     * @return true if the thread has ended, false if the timeout elapsed first
     * @throws IllegalArgumentException for a negative timeout
     * @throws IllegalStateException as {@link #join()}
     */
    public boolean join(Duration timeout) {
        return joinNanos(Timeouts.toNanos(timeout));
    }

    private boolean joinNanos(long nanos) {
        if (kind == Kind.DUMMY) {
            throw new IllegalStateException("cannot join a dummy thread");
        }
        if (state == INITIAL) {
            throw new IllegalStateException("cannot join thread before it is started");
        }
        java.lang.Thread jt = javaThread;
        if (jt != null && jt == java.lang.Thread.currentThread()) {
            throw new IllegalStateException("cannot join current thread");
        }
        try {
            if (kind == Kind.LIBRARY || jt == null) {
                if (nanos == Long.MAX_VALUE) {
                    done.await();
                    return true;
                }
                return done.await(nanos, TimeUnit.NANOSECONDS);
            }
            return joinJavaThread(jt, nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /** Joins an attached (main) java thread; {@code Long.MAX_VALUE} nanos is forever. */
    private static boolean joinJavaThread(java.lang.Thread jt, long nanos) throws InterruptedException {
        if (java.lang.Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos == Long.MAX_VALUE) {
            jt.join();
            return true;
        }
        long deadline = Timeouts.deadline(nanos);
        while (jt.isAlive()) {
            long remaining = Timeouts.remaining(deadline);
            if (remaining <= 0) {
                return false;
            }
            // never join(0, 0), which means forever
            jt.join(remaining / 1_000_000L, (int) (remaining % 1_000_000L));
        }
        return true;
    }

    /**
     * Whether the thread has started and not yet ended. Python: {@code is_alive()}.
     *
     * @return true between the end of {@link #start()} and the end of {@link #run()}
     */
    public boolean isAlive() {
        if (kind == Kind.LIBRARY) {
            return state == STARTED;
        }
        java.lang.Thread jt = javaThread;
        return jt != null && jt.isAlive();
    }

    /**
     * The thread's name, used for identification only. Python: {@code name}.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Renames the thread; a started thread of this library also renames its java thread.
     * Python: {@code name = ...}.
     *
     * @param name the new name, not null
     */
    public void setName(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (lock) {
            this.name = name;
            java.lang.Thread jt = javaThread;
            if (kind == Kind.LIBRARY && jt != null) {
                jt.setName(name);
            }
        }
    }

    /**
     * Whether this is a daemon thread, which does not keep the JVM alive. Python: {@code daemon}.
     *
     * @return the daemon flag
     */
    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Sets the daemon flag; only before {@link #start()}. Python: {@code daemon = ...}.
     *
     * @param daemon the flag
     * @throws IllegalStateException {@code "cannot set daemon status of active thread"} once started
     */
    public void setDaemon(boolean daemon) {
        synchronized (lock) {
            if (state != INITIAL) {
                throw new IllegalStateException("cannot set daemon status of active thread");
            }
            this.daemon = daemon;
        }
    }

    /**
     * Whether {@link #start()} runs this thread on a virtual thread (JDK 21+). Python has none:
     * its threads are all OS threads.
     *
     * @return the flag; false by default
     */
    public boolean isVirtual() {
        return virtual;
    }

    /**
     * Runs this thread on a virtual thread (JDK 21+), for code that mostly waits (sockets, sleeps,
     * queues): thousands of them cost little memory. Only before {@link #start()}. Everything else
     * is unchanged: the daemon flag (a non-daemon virtual thread keeps the JVM alive),
     * {@code join}, the excepthook, {@link Threading#enumerate()}. {@link #getNativeId()} is the
     * java thread id (a virtual thread has no OS thread of its own), and the stack size does not
     * apply. See the README for pinning: on JDK 21 to 23 a virtual thread that blocks inside a
     * {@code synchronized} block holds its carrier thread.
     *
     * @param virtual the flag
     * @throws IllegalStateException {@code "cannot set virtual status of active thread"} once started,
     *         or for {@code true} on a JDK older than 21 (the message names the JDK needed)
     */
    public void setVirtual(boolean virtual) {
        if (virtual) {
            ThreadFactories.requireVirtual();
        }
        synchronized (lock) {
            if (state != INITIAL) {
                throw new IllegalStateException("cannot set virtual status of active thread");
            }
            this.virtual = virtual;
        }
    }

    /**
     * The thread identifier (the java thread id), or null before start. Python: {@code ident}.
     *
     * @return the id, or null if not started
     */
    public Long getIdent() {
        return ident;
    }

    /**
     * The operating system's id of the thread (Linux: the kernel tid), or null before start.
     * Where the OS id cannot be learnt it is the java thread id. Python: {@code native_id}.
     *
     * @return the id, or null if not started
     */
    public Long getNativeId() {
        Long id = nativeId;
        if (id != null) {
            return id;
        }
        java.lang.Thread jt = javaThread;
        if (jt == null || state != STARTED && state != STOPPED) {
            return null;
        }
        if (jt == java.lang.Thread.currentThread()) {
            id = NativeThreadIds.current(jt.getId());
            nativeId = id;
            return id;
        }
        // an attached facade made on another thread: the OS id is only readable from the thread itself
        return ident;
    }

    /**
     * Interrupts the thread: a blocking call of this library in it throws
     * {@link dev.pyconcurrent.ThreadInterruptedException}. No effect before {@link #start()}
     * or after the thread ended. Python has no equivalent; this is
     * {@link java.lang.Thread#interrupt()} of the underlying thread.
     */
    public void interrupt() {
        java.lang.Thread jt;
        synchronized (lock) {   // after start() has started the java thread
            jt = javaThread;
        }
        if (jt != null) {
            jt.interrupt();
        }
    }

    /**
     * Whether the thread's interrupt flag is set (false before start). See {@link #interrupt()}.
     *
     * @return the underlying thread's interrupt flag
     */
    public boolean isInterrupted() {
        java.lang.Thread jt = javaThread;
        return jt != null && jt.isInterrupted();
    }

    /**
     * The calling thread's facade, as {@link Threading#currentThread()}. Python:
     * {@code threading.currentThread()}. It also keeps code written against
     * {@link java.lang.Thread} compiling when this class is imported.
     *
     * @return the calling thread's facade
     */
    public static Thread currentThread() {
        return Threading.currentThread();
    }

    /**
     * Tests and clears the calling thread's interrupt flag, as {@link java.lang.Thread#interrupted()}.
     *
     * @return whether the flag was set
     */
    public static boolean interrupted() {
        return java.lang.Thread.interrupted();
    }

    /**
     * Sleeps {@code millis} milliseconds, as {@link java.lang.Thread#sleep(long)} (milliseconds,
     * not Python's seconds) but unchecked. Python: {@code time.sleep(millis / 1000)}.
     *
     * @param millis milliseconds, not negative
     * @throws IllegalArgumentException if negative
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted, flag set again
     */
    public static void sleep(long millis) {
        try {
            java.lang.Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Sleeps for {@code duration}. Python: {@code time.sleep(seconds)}.
     *
     * @param duration how long, not negative
     * @throws IllegalArgumentException if negative
     * @throws dev.pyconcurrent.ThreadInterruptedException if interrupted, flag set again
     */
    public static void sleep(Duration duration) {
        long nanos = Timeouts.toNanos(duration);
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    Kind kind() {
        return kind;
    }

    /** Python's repr: {@code <Thread(name, initial)>}, {@code <Thread(name, started daemon 1234)>}, ... */
    @Override
    public String toString() {
        int s = state;
        String status;
        if (s == INITIAL || s == STARTING) {
            status = "initial";
        } else {
            status = isAlive() ? "started" : "stopped";
        }
        if (daemon) {
            status += " daemon";
        }
        Long id = ident;
        if (id != null) {
            status += " " + id;
        }
        return "<" + reprClassName() + "(" + name + ", " + status + ")>";
    }

    private String reprClassName() {
        if (kind == Kind.MAIN) {
            return "_MainThread";
        }
        if (kind == Kind.DUMMY) {
            return "_DummyThread";
        }
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) {   // anonymous subclass: its named superclass
            c = c.getSuperclass();
        }
        return c.getSimpleName();
    }
}
