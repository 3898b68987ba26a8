package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableBiConsumer;
import dev.pyconcurrent.function.SerializableConsumer;
import dev.pyconcurrent.function.SerializableConsumer3;
import dev.pyconcurrent.function.SerializableConsumer4;
import dev.pyconcurrent.function.SerializableConsumer5;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.function.internal.Spread;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildContext;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.multiprocessing.internal.launch.ProcessLauncher;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A child JVM running {@link #run()}. Python: {@code multiprocessing.Process}.
 *
 * <p>Model: INITIAL --start()--> STARTED --child exits--> STOPPED --close()--> CLOSED.
 * {@code start()} serializes this object (a subclass with its fields, or the target and
 * its argument) in the calling thread, launches a JVM from the parent's own {@code java}
 * and class path, and the child runs {@code run()} on its copy. The exit code is 0 when
 * {@code run()} returns, 1 when it throws (the trace is printed on the child's stderr,
 * as Python does), {@code n} for {@code System.exit(n)}, {@code -N} when killed by
 * signal N ({@code -15} after {@link #terminate()}, {@code -9} after {@link #kill()}).
 * The child's {@code System.out}/{@code System.err} lines appear on the parent's.
 *
 * <p>The parent JVM waits for a non-daemon process before it exits normally (as Python
 * does; {@code System.exit} in the parent does not wait); a daemon process is terminated
 * when the parent JVM exits. A child never outlives its parent: when the parent dies,
 * even by {@code kill -9}, the child's channel closes and it halts at once. A signal
 * exit is recognised from the JVM's {@code 128 + N} exit value, so a child calling
 * {@code System.exit(137)} also reports {@code -9}.
 *
 * <pre>{@code
 * Process p = new Process((String who) -> System.out.println("hello " + who), "bob");
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>Memory is not shared: the child works on a copy; changes it makes are not seen
 * by the parent.
 */
public class Process implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Started processes of this JVM whose child has not yet exited. */
    static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private enum Kind { CHILD, CURRENT, PARENT }

    /** The no-argument target run in the child, or {@code null}. */
    private final SerializableRunnable target;
    /** The target of one to five arguments, applied to {@link #args} in the child, or {@code null}. */
    private final Function<Object[], ?> call;
    /** The arguments of {@link #call} (Python's {@code args}), or {@code null}. */
    private final Object[] args;
    /** The process name (Python {@code name}). */
    private String name;                          // guarded by this
    /** Whether the process is a daemon (Python {@code daemon}). */
    private boolean daemon;                       // guarded by this
    private transient Kind kind = Kind.CHILD;
    private transient long facadePid;
    private transient ChildProcess child;         // guarded by this; set by start()
    private transient boolean closed;             // guarded by this
    /** What {@link #getSentinel()} returns, made on first use. */
    private transient Sentinel sentinel;          // guarded by this
    /** Extra options of the child's {@code java} command; null in the child itself. */
    private transient List<String> jvmOptions = List.of();   // guarded by this
    /** The {@code java} binary of the child; null: {@link Multiprocessing#getExecutable()} at start. */
    private transient String executable;                      // guarded by this

    /** For subclasses that override {@link #run()}. Python: subclassing {@code Process}. */
    public Process() {
        this((SerializableRunnable) null, null, null);
    }

    /**
     * Python: {@code Process(target=fn)}.
     *
     * @param target run in the child
     */
    public Process(SerializableRunnable target) {
        this(Objects.requireNonNull(target, "target"), null, null);
    }

    /**
     * Python: {@code Process(target=fn, args=(arg,))}.
     *
     * @param target run in the child with {@code arg}
     * @param arg    sent to the child (serialized)
     * @param <A>    the argument type
     */
    public <A extends Serializable> Process(SerializableConsumer<A> target, A arg) {
        this(null, Spread.ofAction(Objects.requireNonNull(target, "target")), new Object[] {arg});
    }

    /**
     * Python: {@code Process(target=fn, args=(a, b))}.
     *
     * @param target run in the child with {@code a}, {@code b}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     */
    public <A extends Serializable, B extends Serializable> Process(SerializableBiConsumer<A, B> target, A a, B b) {
        this(null, Spread.ofAction(Objects.requireNonNull(target, "target")), new Object[] {a, b});
    }

    /**
     * Python: {@code Process(target=fn, args=(a, b, c))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable> Process(
            SerializableConsumer3<A, B, C> target, A a, B b, C c) {
        this(null, Spread.ofAction(Objects.requireNonNull(target, "target")), new Object[] {a, b, c});
    }

    /**
     * Python: {@code Process(target=fn, args=(a, b, c, d))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}, {@code d}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param d the fourth argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable, D extends Serializable> Process(
            SerializableConsumer4<A, B, C, D> target, A a, B b, C c, D d) {
        this(null, Spread.ofAction(Objects.requireNonNull(target, "target")), new Object[] {a, b, c, d});
    }

    /**
     * Python: {@code Process(target=fn, args=(a, b, c, d, e))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}, {@code d}, {@code e}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param d the fourth argument, sent to the child (serialized)
     * @param e the fifth argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable, D extends Serializable,
            E extends Serializable> Process(SerializableConsumer5<A, B, C, D, E> target, A a, B b, C c, D d, E e) {
        this(null, Spread.ofAction(Objects.requireNonNull(target, "target")), new Object[] {a, b, c, d, e});
    }

    private Process(SerializableRunnable target, Function<Object[], ?> call, Object[] args) {
        this(target, call, args, "Process-" + COUNTER.incrementAndGet());
    }

    private Process(SerializableRunnable target, Function<Object[], ?> call, Object[] args, String name) {
        this.target = target;
        this.call = call;
        this.args = args;
        this.name = name;
    }

    /**
     * The codec's form of this process object (the child's copy is built from it): what Java
     * serialization would write, without a young child JVM setting up {@code ObjectInputStream}. A subclass
     * travels by Java serialization, which keeps its fields.
     */
    private synchronized Object[] writeParts() {
        return new Object[] {target, call, args, name, daemon};
    }

    @SuppressWarnings("unchecked")
    private static Object readParts(Object[] parts) {
        if (parts.length != 5) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        Process p = new Process((SerializableRunnable) parts[0], (Function<Object[], ?>) parts[1], (Object[]) parts[2],
                (String) Objects.requireNonNull(parts[3]));
        p.daemon = (Boolean) parts[4];
        return p;
    }

    /** A facade for this JVM ({@code currentProcess}) or its parent ({@code parentProcess}). */
    static Process facade(String name, long pid, boolean current) {
        Process p = new Process((SerializableRunnable) null, null, null);
        COUNTER.decrementAndGet();
        p.name = name;
        p.kind = current ? Kind.CURRENT : Kind.PARENT;
        p.facadePid = pid;
        return p;
    }

    /**
     * A deserialized process is a handle on a child process again ({@code kind} is transient).
     *
     * @return this process
     */
    private Object readResolve() {
        kind = Kind.CHILD;
        return this;
    }

    private boolean isSelf() {
        return kind == Kind.CURRENT || ChildContext.process() == this;
    }

    /**
     * Python {@code start()}: launches the child JVM.
     *
     * @throws IllegalStateException    if already started, or closed
     * @throws IllegalArgumentException if this object (its target, argument or fields) is not serializable;
     *                                  the message names the class
     */
    public void start() {
        byte[] bytes;
        String n;
        boolean d;
        synchronized (this) {
            checkNotClosed();
            if (child != null || kind != Kind.CHILD || isSelf()) {
                throw new IllegalStateException("cannot start a process twice");
            }
            // the child JVM boots while this one serializes the process object
            java.util.concurrent.CompletableFuture<ChildProcess.Spawned> ahead =
                    ProcessLauncher.spawnAhead(jvmOptions, executable);
            try {
                bytes = ProcessLauncher.encode(this);
            } catch (RuntimeException cannotSend) {
                ahead.thenAccept(ChildProcess.Spawned::discard);
                throw cannotSend;
            }
            n = name;
            d = daemon;
            try {
                Process self = this;
                child = ProcessLauncher.start(ahead, n, bytes, RemoteRef.namedIn(bytes), d, jvmOptions, executable,
                        new Runnable() {   // a class, not a lambda: a young JVM links a lambda's call site (2-4 ms)
                            @Override
                            public void run() {
                                LIVE.remove(self);
                            }
                        });
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a child JVM: " + e, e);
            }
            if (!child.hasExited()) {
                LIVE.add(this);
            }
        }
    }

    /** The work of the child; calls the target. Override it in a subclass. Python: {@code run()}. */
    public void run() {
        if (target != null) {
            target.run();
        } else if (call != null) {
            call.apply(args);
        }
    }

    /**
     * Python {@code join()}: waits until the child exited (and its output was forwarded).
     *
     * @throws IllegalStateException if not started, or called on the current process
     */
    public void join() {
        joinNanos(Long.MAX_VALUE);
    }

    /**
     * Python {@code join(timeout)}.
     * @param timeout seconds
     * @return true if the child exited
     */
    public boolean join(double timeout) {
        return joinNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python {@code join(timeout)}.
     * @param timeout the wait
     * @return true if the child exited
     */
    public boolean join(Duration timeout) {
        return joinNanos(Timeouts.toNanos(timeout));
    }

    private boolean joinNanos(long nanos) {
        ChildProcess c;
        synchronized (this) {
            checkNotClosed();
            if (isSelf()) {
                throw new IllegalStateException("can only join a child process");
            }
            if (kind == Kind.PARENT) {
                return joinParent(nanos);
            }
            if (child == null) {
                throw new IllegalStateException("can only join a started process");
            }
            c = child;
        }
        Interrupts.checkNotInterrupted();
        try {
            if (nanos == Long.MAX_VALUE) {
                while (!c.awaitExit(TimeUnit.DAYS.toNanos(1))) {
                    // keep waiting
                }
                return true;
            }
            return c.awaitExit(nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    private boolean joinParent(long nanos) {
        var handle = ProcessHandle.of(facadePid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            if (nanos == Long.MAX_VALUE) {
                handle.get().onExit().get();
            } else {
                handle.get().onExit().get(nanos, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /**
     * Python {@code is_alive()}.
     * @return whether the child is running
     */
    public synchronized boolean isAlive() {
        checkNotClosed();
        if (isSelf()) {
            return true;
        }
        if (kind == Kind.PARENT) {
            return ProcessHandle.of(facadePid).map(ProcessHandle::isAlive).orElse(false);
        }
        return child != null && child.isAlive();
    }

    /**
     * Python {@code exitcode}.
     *
     * @return {@code null} while running or before start; 0 ok; 1 uncaught exception;
     *         n for {@code System.exit(n)}; -N if killed by signal N
     */
    public synchronized Integer getExitcode() {
        checkNotClosed();
        if (child == null) {
            return null;
        }
        Integer raw = child.rawExitValue();
        return raw == null ? null : ChildProcess.pythonExitcode(raw);
    }

    /**
     * Python {@code pid}.
     * @return the process id, {@code null} before start
     */
    public synchronized Long getPid() {
        checkNotClosed();
        if (isSelf()) {
            return Pid.self();
        }
        if (kind == Kind.PARENT) {
            return facadePid;
        }
        return child == null ? null : child.pid();
    }

    /**
     * Python {@code ident}, which is the pid for a process.
     *
     * @return the process id, {@code null} before start
     */
    public Long getIdent() {
        return getPid();
    }

    /**
     * Python 3.14 {@code interrupt()}: sends SIGINT to the child. Does nothing once the child exited.
     *
     * <p>What the child sees differs from Python: there, SIGINT raises {@code KeyboardInterrupt} in the
     * child's main thread, which {@code run()} may catch (uncaught, the exit code is 1). A JVM has no such
     * exception: on SIGINT it runs its shutdown hooks ({@link Runtime#addShutdownHook} — the place for
     * clean-up code in the child) and exits without waiting for {@code run()} or other threads, so
     * {@link #getExitcode()} becomes -2 (signal 2). A child whose SIGINT was ignored when it started (a
     * parent started with {@code nohup}, for instance) or that runs with {@code -Xrs} does not react, as a
     * Python child whose SIGINT is ignored does not.
     *
     * @throws IllegalStateException if not started, or if the signal cannot be sent (it is sent with the
     *                               system's {@code kill} command)
     */
    public void interrupt() {
        dev.pyconcurrent.multiprocessing.internal.launch.Signals.interrupt(started());
    }

    /**
     * Python {@code sentinel}: a handle that becomes ready when the process ends, for
     * {@link Multiprocessing#wait(java.util.Collection, double)} (Python:
     * {@code multiprocessing.connection.wait([p.sentinel, conn, ...])}). The same object on every call.
     *
     * @return the sentinel of this started child, or of the parent ({@link Multiprocessing#parentProcess()})
     * @throws IllegalStateException before {@link #start()} ({@code "process not started"}), after
     *                               {@link #close()}, or on {@link Multiprocessing#currentProcess()}
     */
    public synchronized Sentinel getSentinel() {
        checkNotClosed();
        if (sentinel == null) {
            if (kind == Kind.PARENT) {
                sentinel = new Sentinel(name, ProcessHandle.of(facadePid)
                        .<java.util.concurrent.CompletionStage<?>>map(ProcessHandle::onExit)
                        .orElse(java.util.concurrent.CompletableFuture.completedFuture(null)));
            } else if (isSelf()) {
                throw new IllegalStateException("a process has no sentinel for itself: use that of a started child or of the parent");
            } else if (child == null) {
                throw new IllegalStateException("process not started");
            } else {
                sentinel = new Sentinel(name, child.whenExited());
            }
        }
        return sentinel;
    }

    /**
     * Python {@code terminate()}: SIGTERM (the exit code becomes -15). Does nothing once the child exited.
     *
     * @throws IllegalStateException if not started
     */
    public void terminate() {
        started().terminate();
    }

    /**
     * Python {@code kill()}: SIGKILL (the exit code becomes -9). Does nothing once the child exited.
     *
     * @throws IllegalStateException if not started
     */
    public void kill() {
        started().kill();
    }

    private synchronized ChildProcess started() {
        checkNotClosed();
        if (child == null) {
            throw new IllegalStateException("process not started");
        }
        return child;
    }

    /**
     * Python {@code close()}: releases the resources; most methods then throw.
     *
     * @throws IllegalStateException if the child is still running
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (child != null && !child.hasExited()) {
            throw new IllegalStateException(
                    "Cannot close a process while it is still running. You should first call join() or terminate().");
        }
        closed = true;
        LIVE.remove(this);
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("process object is closed");
        }
    }

    /**
     * Python {@code name}.
     * @return the name, {@code "Process-N"} by default
     */
    public synchronized String getName() {
        return name;
    }

    /**
     * Python {@code name = n}.
     * @param n the new name
     */
    public synchronized void setName(String n) {
        this.name = Objects.requireNonNull(n, "name");
    }

    /**
     * Python {@code daemon}.
     * @return whether the process is a daemon
     */
    public synchronized boolean isDaemon() {
        return daemon;
    }

    /**
     * Python {@code daemon = d}: a daemon process is terminated when the parent JVM exits;
     * the parent JVM waits for a non-daemon one.
     *
     * @param d the flag
     * @throws IllegalStateException after start
     */
    public synchronized void setDaemon(boolean d) {
        checkNotClosed();
        if (child != null || kind != Kind.CHILD) {
            throw new IllegalStateException("process has already started");
        }
        this.daemon = d;
    }

    /**
     * Python has none (its children share the interpreter's options): extra options of the child
     * JVM's {@code java} command, such as {@code -Xmx256m}, {@code -Dkey=value} or
     * {@code --add-opens ...}. With an option the JVM refuses, the child ends at once with exit
     * code 1 and the launcher's message on {@code System.err}; its target never runs.
     *
     * @param options the options, in order
     * @throws IllegalStateException after start
     * @throws NullPointerException  if the list or an option is null
     */
    public synchronized void setJvmOptions(List<String> options) {
        List<String> copy = List.copyOf(options);
        checkNotClosed();
        if (child != null || kind != Kind.CHILD) {
            throw new IllegalStateException("process has already started");
        }
        this.jvmOptions = copy;
    }

    /**
     * The {@code java} binary that starts this child, before {@link #start()}: another installation
     * (a newer JDK, one with other modules) than the parent's. Python has this only module-wide,
     * {@code multiprocessing.set_executable}; here {@link Multiprocessing#setExecutable(String)} sets the
     * default and this overrides it for one process. The child gets the parent's class path, so the
     * other {@code java} must run this library's class files (Java 17 or newer).
     *
     * @param path the binary, an executable file
     * @throws IllegalArgumentException if {@code path} is not an executable file
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalStateException    after start
     */
    public synchronized void setExecutable(String path) {
        String checked = Multiprocessing.checkExecutable(path);
        checkNotClosed();
        if (child != null || kind != Kind.CHILD) {
            throw new IllegalStateException("process has already started");
        }
        this.executable = checked;
    }

    /**
     * The {@code java} binary that starts (or started) this child: the one set with
     * {@link #setExecutable(String)}, else {@link Multiprocessing#getExecutable()}.
     *
     * @return the path of the binary
     */
    public synchronized String getExecutable() {
        return executable != null ? executable : Multiprocessing.getExecutable();
    }

    /**
     * The extra options of the child JVM set with {@link #setJvmOptions(List)}.
     *
     * @return the options, empty by default (and in the child itself)
     */
    public synchronized List<String> getJvmOptions() {
        return jvmOptions == null ? List.of() : jvmOptions;
    }

    /** Python's repr: {@code <Process name='Process-1' pid=1234 parent=1233 started daemon>}. */
    @Override
    public synchronized String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName().isEmpty() ? "Process"
                : getClass().getSimpleName()).append(" name='").append(name).append('\'');
        if (closed) {
            return s.append(" closed>").toString();
        }
        if (kind != Kind.CHILD || isSelf()) {
            return s.append(" pid=").append(getPid()).append(" started>").toString();
        }
        if (child == null) {
            s.append(" parent=").append(Pid.self()).append(" initial");
        } else {
            s.append(" pid=").append(child.pid()).append(" parent=").append(Pid.self());
            Integer raw = child.rawExitValue();
            s.append(raw == null ? " started" : " stopped exitcode=" + ChildProcess.pythonExitcode(raw));
        }
        if (daemon) {
            s.append(" daemon");
        }
        return s.append('>').toString();
    }
}
