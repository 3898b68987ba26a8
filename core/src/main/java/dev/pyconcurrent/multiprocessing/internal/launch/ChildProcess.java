package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.multiprocessing.internal.codec.DescriptorTable;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parent's handle on one child JVM: launches it, owns its channel, forwards its output,
 * notices its end.
 *
 * <p>Launch: the parent's own {@code java} with {@code -cp} = the parent's {@code java.class.path}
 * (a directory list, a Surefire manifest-only jar or the jar of {@code java -jar} all work as a class
 * path), the parent's module path when it has one, a few start-up flags, the user's JVM options, then
 * {@link WorkerMain}. The process is started first ({@link #spawn}, which a pool does on a thread of
 * its own before it sets up the rest); the key, challenge and token are then written to its stdin as
 * {@code START} (so the parent's own work overlaps the child JVM's start) and stdin is closed. The child
 * opens the two named pipes {@code START} names ({@link FifoPair}), or, where they cannot be made, connects
 * back to the {@link ChildServer}; from then on frames travel there ({@link FrameChannel}).
 *
 * <p>Threads: the channel reader decodes frames, prints {@code OUT} lines on the parent's
 * {@code System.out} and hands every other frame to the {@link Listener}. Two pumps copy the child's
 * file descriptors 1 and 2, line by line, to the parent's {@code System.out} and {@code System.err}
 * (anything a task writes there, a subprocess it starts or native code, stays output), keeping the
 * last lines for error messages. The channel reader is a non-daemon thread when the child must keep
 * the parent JVM alive (a non-daemon {@code Process}), and so is its stdout pump, which runs from the
 * launch on.
 *
 * <p>States: LAUNCHED --child authenticated--> CONNECTED --channel closed and process exited-->
 * EXITED ({@link #awaitExit} returns true, {@link Listener#onExit} called once); LAUNCHED --process
 * exited before connecting--> EXITED. A child that announces {@code EXITING} (its JVM runs its shutdown
 * hooks: a task called {@code System.exit}) but is still alive {@link #EXIT_GRACE_MILLIS} later is
 * killed, so a hanging shutdown hook cannot leave a worker that neither serves nor dies. Daemon
 * children still running at JVM shutdown get SIGTERM from a shutdown hook; every child also halts
 * itself when its channel reaches end of stream, so none outlives the parent.
 */
public final class ChildProcess {
    private static final dev.pyconcurrent.internal.LazyLogger LOG =
            new dev.pyconcurrent.internal.LazyLogger(ChildProcess.class);

    /** Receives a child's frames and its end. */
    public interface Listener {
        /** A frame other than an output line, on the channel reader thread. */
        void onFrame(ChildProcess child, Wire.Frame frame);

        /** The child exited; {@link #exitValue()} is known and its output was forwarded. */
        void onExit(ChildProcess child);
    }

    /**
     * What to launch.
     *
     * @param name        the child's process name
     * @param jvmOptions  user JVM options, placed after the engine's defaults
     * @param poolWorker  whether it is a pool worker (exits on {@code OutOfMemoryError})
     * @param initializer serialized initializer, or an empty array
     * @param daemon      false: the parent JVM waits for this child at exit
     * @param extraOptions engine options placed before the user's (class data sharing), or empty
     * @param executable  the {@code java} to run, or null for {@link #executable()}
     */
    public record Spec(String name, List<String> jvmOptions, boolean poolWorker, byte[] initializer, boolean daemon,
                       List<String> extraOptions, String executable) {
        /** Copies the lists. */
        public Spec {
            Objects.requireNonNull(name, "name");
            jvmOptions = List.copyOf(jvmOptions);
            extraOptions = List.copyOf(extraOptions);
        }
    }

    /** How long a child that announced its exit may take to die before it is killed. */
    static final long EXIT_GRACE_MILLIS = 3_000;
    private static final int TAIL_LINES = 30;
    private static final Set<ChildProcess> DAEMONS = ConcurrentHashMap.newKeySet();
    /** Connected children by pid, for {@link #awaitPrinted}. */
    private static final Map<Long, ChildProcess> BY_PID = new ConcurrentHashMap<>();
    /** The longest a call from a child waits for the lines it printed before it (a blocked {@code System.out}). */
    static final long PRINTED_WAIT_MILLIS = 5_000;
    /** The {@code java} children run ({@code Multiprocessing.setExecutable}); null: the parent's own. */
    private static volatile String executable;
    private static volatile boolean jvmExiting;

    /**
     * The timer thread, created on first use: a young JVM spawns its first children ({@link #spawn})
     * before it sets up anything else, and this class's start-up stays out of their way.
     */
    private static final class Timers {
        static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
                ThreadFactories.daemon("pyconcurrent-child-timers"));
    }

    /** Kills a child still alive when its grace period is over; a class, not a lambda: see {@link #pump}. */
    private static final class KillIfAlive implements Runnable {
        private final java.lang.Process process;

        KillIfAlive(java.lang.Process process) {
            this.process = process;
        }

        @Override
        public void run() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The shutdown hook that ends daemon children, registered by the first {@link #launch}. */
    private static final class ExitHook {
        static {
            try {
                Runtime.getRuntime().addShutdownHook(new java.lang.Thread(new Runnable() {   // a class: see pump
                    @Override
                    public void run() {
                        jvmExiting = true;
                        for (ChildProcess c : DAEMONS) {
                            c.process.destroy();
                        }
                    }
                }, "pyconcurrent-terminate-daemon-children"));
            } catch (IllegalStateException shuttingDown) {
                jvmExiting = true;   // a child launched by a shutdown hook: nothing ends it later but its channel
            }
        }

        static void install() {
            // the class initializer did it
        }
    }

    private final java.lang.Process process;
    private final String name;
    private volatile Listener listener;        // written under listenerLock: changes when a spare moves to another pool
    private final Object listenerLock = new Object();
    private boolean exitReported;               // guarded by listenerLock: the end went to the listener of then
    private final DescriptorTable descriptors = new DescriptorTable();   // the child's; the channel reader's only
    private final ValueReader reader = new ValueReader(descriptors);
    private final boolean daemon;
    private final byte[] token;
    /** The child's named pipes, or null: it connects to the {@link ChildServer}. */
    private final FifoPair fifos;
    /**
     * Over named pipes, set by whichever comes first: the child authenticated ({@link PipeHandshake}), or it
     * exited before that ({@link #processExited}). The {@link ChildServer}'s map of expected children does
     * this for a child connecting over TCP.
     */
    private final AtomicBoolean connectSettled = new AtomicBoolean();
    private final ArrayDeque<String> outputTail = new ArrayDeque<>();   // guarded by itself
    private final CountDownLatch exited = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final java.lang.Thread stdoutPump;
    private final java.lang.Thread stderrPump;
    private volatile FrameChannel channel;      // null until the child connected
    /** Whether this JVM sent SIGTERM before the child connected ({@link #noteTerminated}). */
    private volatile boolean terminatedUnconnected;
    /** The latch of the {@link Spawned} this child came from, counted down when it connects or exits. */
    private final CountDownLatch booted;
    private volatile boolean exiting;
    /** Completed right after {@link #exited} counts down. */
    private final java.util.concurrent.CompletableFuture<Void> exitedFuture = new java.util.concurrent.CompletableFuture<>();
    private volatile int exitValue;
    private long linesPrinted;                  // guarded by printedLock: OUT lines printed so far
    private boolean channelEnded;               // guarded by printedLock
    private final Object printedLock = new Object();

    private ChildProcess(java.lang.Process process, String name, Listener listener, boolean daemon, byte[] token,
                         CountDownLatch booted, FifoPair fifos) {
        this.process = process;
        this.fifos = fifos;
        this.booted = booted;
        this.name = name;
        this.listener = listener;
        this.daemon = daemon;
        this.token = token;
        // a non-daemon child keeps the parent JVM alive through its stdout pump, from its launch on
        this.stdoutPump = pump(process.getInputStream(), System.out, "stdout", daemon);
        this.stderrPump = pump(process.getErrorStream(), System.err, "stderr", true);
    }

    /**
     * @return whether this JVM is exiting, so children ending now were ended on purpose
     */
    public static boolean jvmExiting() {
        return jvmExiting;
    }

    /**
     * Starts a child JVM and hands it its {@code START}.
     *
     * @param spec     what to launch
     * @param listener receives its frames and its end
     * @return the child, starting
     * @throws IOException if the process cannot be started
     */
    public static ChildProcess launch(Spec spec, Listener listener) throws IOException {
        return launch(spawn(spec), spec, listener);
    }

    /**
     * A child JVM started and not told yet who it is: it boots and then waits for {@code START} on its
     * stdin. Starting it before the rest of a pool is set up lets its boot overlap that work.
     */
    public static final class Spawned {
        private final java.lang.Process process;
        /** What it was started for; its name and initializer do not shape the command line. */
        private final Spec spec;
        /** The {@code java} it runs. */
        private final String java;
        /** Counted down when the child has booted: it connected, or it exited, or it was discarded. */
        private final CountDownLatch booted = new CountDownLatch(1);

        private Spawned(java.lang.Process process, Spec spec, String java) {
            this.process = process;
            this.spec = spec;
            this.java = java;
        }

        /**
         * Waits until this child has booted (connected back, exited or been discarded), or {@code millis}.
         *
         * @return whether it has
         */
        boolean awaitBooted(long millis) throws InterruptedException {
            return booted.await(millis, TimeUnit.MILLISECONDS);
        }

        /**
         * @return whether a child of {@code other} would have been started with the same command line (the
         *         options and the {@code java}, which {@code setExecutable} may have changed since)
         */
        boolean startedLike(Spec other) {
            return spec.jvmOptions().equals(other.jvmOptions()) && spec.poolWorker() == other.poolWorker()
                    && spec.extraOptions().equals(other.extraOptions())
                    && java.equals(other.executable() != null ? other.executable() : executable());
        }

        /** Ends a spawned JVM nobody will use: without {@code START} it exits at once when its stdin closes. */
        public void discard() {
            booted.countDown();
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // it is being destroyed anyway
            }
            process.destroyForcibly();
        }
    }

    /**
     * Starts {@code n} JVMs of {@code spec} one after the other on a thread of its own, so that they boot
     * while the caller sets up the rest. The thread runs a plain class, not a lambda: the first lambda of
     * a young JVM costs it some milliseconds of bootstrap that the children need not wait for.
     *
     * <p>No more of them boot at once than the machine has cores besides the parent's
     * ({@link #bootingAtOnce}): a JVM's boot is work for a core, and booting more JVMs than there are
     * cores only slows each of them, the first worker too. The next one is started when an earlier one
     * has booted (connected back to this JVM, exited, or was discarded), or {@link #BOOT_WAIT_MILLIS}
     * after it was started, whichever comes first. On two cores a cold {@code Pool(2)} had its first
     * result in 180 ms with both children booting side by side and in 148 ms with one after the other,
     * while a {@code map} started at once finished as soon (medians of 10 alternating runs).
     *
     * @param threadName names the thread
     * @return one future per JVM, in order; a failed one holds why it could not be started
     */
    public static List<java.util.concurrent.CompletableFuture<Spawned>> spawnAhead(Spec spec, int n, String threadName) {
        return spawnAhead(spec, n, threadName, bootingAtOnce(), BOOT_WAIT_MILLIS);
    }

    /**
     * {@link #spawnAhead(Spec, int, String)} with {@code atOnce} JVMs booting at once, each waited for
     * at most {@code bootWaitMillis}.
     */
    static List<java.util.concurrent.CompletableFuture<Spawned>> spawnAhead(Spec spec, int n, String threadName,
                                                                           int atOnce, long bootWaitMillis) {
        List<java.util.concurrent.CompletableFuture<Spawned>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(new java.util.concurrent.CompletableFuture<>());
        }
        java.lang.Thread t = new java.lang.Thread(new SpawnAhead(spec, fs, atOnce, bootWaitMillis), threadName);
        t.setDaemon(true);
        t.start();
        return fs;
    }

    /**
     * {@link #spawnAhead}'s work on the calling thread: starts the JVMs of {@code futures} one after the
     * other, as many booting at once as {@link #bootingAtOnce}, completing each future with its JVM (or
     * with why it could not be started).
     *
     * @param spec    what to start; only its options matter
     * @param futures one per JVM, in order
     */
    public static void spawnInOrder(Spec spec, List<java.util.concurrent.CompletableFuture<Spawned>> futures) {
        new SpawnAhead(spec, futures, bootingAtOnce(), BOOT_WAIT_MILLIS).run();
    }

    /** The body of {@link #spawnAhead}'s thread. */
    private static final class SpawnAhead implements Runnable {
        private final Spec spec;
        private final List<java.util.concurrent.CompletableFuture<Spawned>> futures;
        private final int atOnce;
        private final long bootWaitMillis;

        SpawnAhead(Spec spec, List<java.util.concurrent.CompletableFuture<Spawned>> futures, int atOnce,
                   long bootWaitMillis) {
            this.spec = spec;
            this.futures = futures;
            this.atOnce = atOnce;
            this.bootWaitMillis = bootWaitMillis;
        }

        @Override
        public void run() {
            List<Spawned> started = new ArrayList<>(futures.size());   // null where a spawn failed
            for (java.util.concurrent.CompletableFuture<Spawned> f : futures) {
                if (started.size() >= atOnce) {
                    awaitBooted(started.get(started.size() - atOnce), bootWaitMillis);
                }
                if (f.isDone()) {
                    started.add(null);   // cancelled: nobody will take this one
                    continue;
                }
                try {
                    Spawned s = spawn(spec);
                    started.add(s);
                    if (!f.complete(s)) {
                        s.discard();   // cancelled meanwhile
                    }
                } catch (IOException | RuntimeException e) {
                    started.add(null);
                    f.completeExceptionally(e);
                }
            }
        }

        private static void awaitBooted(Spawned earlier, long millis) {
            if (earlier == null) {
                return;
            }
            try {
                earlier.awaitBooted(millis);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();   // not expected: nobody interrupts this thread
            }
        }
    }

    /** The longest {@link #spawnAhead} waits for a child to boot before it starts the next one anyway. */
    static final long BOOT_WAIT_MILLIS = 1_000;

    /**
     * @return how many children {@link #spawnAhead} lets boot at once: the cores this JVM may use, less
     *         one for itself, at least one
     */
    static int bootingAtOnce() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Starts the JVM of {@code spec} (its command line depends on the options, not on the name or the
     * initializer); {@link #launch(Spawned, Spec, Listener)} then makes it a child.
     *
     * @throws IOException if the JVM cannot be started
     */
    public static Spawned spawn(Spec spec) throws IOException {
        List<String> cmd = command(spec);
        Spawned s = new Spawned(new ProcessBuilder(cmd).start(), spec, cmd.get(0));
        SPAWNED.incrementAndGet();
        return s;
    }

    /** JVMs {@link #spawn} has started in this JVM. */
    private static final java.util.concurrent.atomic.AtomicLong SPAWNED = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @return how many child JVMs this JVM has started so far (tests count them)
     */
    public static long spawnedCount() {
        return SPAWNED.get();
    }

    /**
     * Makes a spawned JVM the child {@code spec} describes: sends it {@code START} and accepts its connection.
     *
     * @param spawned a JVM from {@link #spawn} of a spec with the same options, used once
     * @throws IllegalArgumentException if {@code spawned} was started with other options
     */
    public static ChildProcess launch(Spawned spawned, Spec spec, Listener listener) {
        return launch(spawned, spec, listener,
                spec.initializer().length > 0 ? Handshake.Start.WARM_SERIALIZATION : 0);
    }

    /**
     * {@link #launch(Spawned, Spec, Listener)} of a child that should start {@code warmUp} (the flags of
     * {@link Handshake.Start}) on a thread of its own while it connects.
     */
    static ChildProcess launch(Spawned spawned, Spec spec, Listener listener, int warmUp) {
        if (!spawned.startedLike(spec)) {   // compared, not recomputed: a command line costs file checks (WorkerArchive)
            throw new IllegalArgumentException("the spawned JVM was started with other options");
        }
        ExitHook.install();
        java.lang.Process p = spawned.process;   // started first: the child JVM boots while this one gets ready for it
        FifoPair fifos = FifoPair.make();         // null: the child connects to the ChildServer
        StreamChannel pipes = null;
        if (fifos != null) {
            try {
                pipes = fifos.openParent();
            } catch (IOException e) {
                fifos = null;   // this child connects over TCP
            }
        }
        ChildServer server = fifos == null ? ChildServer.get() : null;
        byte[] token = Handshake.random(ChildServer.TOKEN_BYTES);
        byte[] challenge = Handshake.random(Handshake.CHALLENGE_BYTES);
        ChildProcess c = new ChildProcess(p, spec.name(), listener, spec.daemon(), token, spawned.booted, fifos);
        if (spec.daemon()) {
            DAEMONS.add(c);
        }
        if (fifos != null) {
            java.lang.Thread t = new java.lang.Thread(new PipeHandshake(c, pipes, challenge),
                    "pyconcurrent-" + spec.name() + "-handshake");
            t.setDaemon(true);
            t.start();
        } else {
            server.expect(token, challenge, new Connected(c));
        }
        c.stdoutPump.start();
        c.stderrPump.start();
        String parentName = ChildContext.isChild() ? ChildContext.name() : "MainProcess";
        Handshake.Start start = new Handshake.Start(Handshake.key(), challenge, token,
                fifos != null ? fifos.address() : server.socketPath(), spec.name(),
                p.pid(), Pid.self(), parentName, spec.initializer(), warmUp);
        try (OutputStream stdin = p.getOutputStream()) {
            Wire.writeStart(stdin, start.write());
        } catch (IOException diedAtOnce) {
            // the child is gone already; its exit is reported below
        }
        p.onExit().thenRun(new Runnable() {   // a class: see pump
            @Override
            public void run() {
                c.processExited();
            }
        });
        return c;
    }

    /**
     * Sets the {@code java} binary of the children started from now on. Python:
     * {@code multiprocessing.set_executable}.
     *
     * @param path the binary, checked by the caller; null: the parent's own
     */
    public static void setExecutable(String path) {
        executable = path;
    }

    /**
     * @return the {@code java} binary children are started with
     */
    public static String executable() {
        String e = executable;
        return e != null ? e : javaBinary();
    }

    /**
     * @return whether children run the parent's own {@code java} (so an archive made by it fits them)
     */
    public static boolean ownExecutable() {
        return executable == null;
    }

    /**
     * The children's main class, {@link WorkerMain}, by name: its class literal would make a young parent
     * load the child's code (11 KB) before it can start the child. {@code ChildOptionsTest} keeps
     * the two the same.
     */
    static final String WORKER_MAIN = "dev.pyconcurrent.multiprocessing.internal.launch.WorkerMain";

    /** The command line of {@code spec}'s child: its {@code java}, or the one all children run. */
    static List<String> command(Spec spec) {
        if (spec.executable() == null) {
            return command(spec.jvmOptions(), spec.poolWorker(), spec.extraOptions());
        }
        List<String> cmd = command(spec.jvmOptions(), spec.poolWorker(), spec.extraOptions(), false);
        cmd.set(0, spec.executable());
        return cmd;
    }

    /** The command line that starts a child: java, class path, defaults, extra and user options, main class. */
    static List<String> command(List<String> jvmOptions, boolean poolWorker, List<String> extraOptions) {
        return command(jvmOptions, poolWorker, extraOptions, ownExecutable());
    }

    /**
     * @param sharing whether the child may map a class-data-sharing archive ({@link WorkerArchive}): only
     *                when it runs this JVM's own {@code java}
     */
    private static List<String> command(List<String> jvmOptions, boolean poolWorker, List<String> extraOptions,
                                        boolean sharing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isEmpty()) {
            cmd.add("-cp");
            cmd.add(cp);
        }
        String mp = System.getProperty("jdk.module.path", "");
        boolean modular = ChildProcess.class.getModule().isNamed();   // WorkerMain's module: this one
        if (!mp.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(mp);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
        }
        cmd.addAll(defaultOptions(jvmOptions, poolWorker));
        if (sharing && mp.isEmpty() && !modular) {
            cmd.addAll(WorkerArchive.options(cp, jvmOptions));
        }
        cmd.addAll(extraOptions);
        cmd.addAll(jvmOptions);
        if (modular) {
            cmd.add("-m");
            cmd.add(ChildProcess.class.getModule().getName() + "/" + WORKER_MAIN);
        } else {
            cmd.add(WORKER_MAIN);
        }
        return cmd;
    }

    /** The engine's start-up flags of a child, before the user's options (which may override them). */
    static List<String> defaultOptions(List<String> jvmOptions, boolean poolWorker) {
        List<String> opts = new ArrayList<>();
        opts.add("-XX:-UsePerfData");
        if (!WorkerArchive.choosesOwnSharing(jvmOptions)) {
            opts.add("-Xshare:auto");
        }
        boolean userGc = false;   // a loop, not a stream: this runs before the JVM's first lambda (spawnAhead)
        boolean userPages = false;
        for (String o : jvmOptions) {
            userGc |= o.startsWith("-XX:+Use") && o.endsWith("GC");
            userPages |= o.contains("LargePage") || o.contains("TransparentHugePages");
        }
        if (!userGc) {
            opts.add("-XX:+UseSerialGC");
        }
        if (!userPages && hugePagesOnRequest()) {
            opts.add("-XX:+UseTransparentHugePages");
        }
        if (poolWorker) {
            opts.add("-XX:+ExitOnOutOfMemoryError");
        }
        return opts;
    }

    private static volatile Boolean hugePages;   // the answer of hugePagesOnRequest, found once

    /**
     * Whether Linux gives transparent huge pages to memory that asks for them ({@code madvise} mode): then a
     * child's heap is backed by 2 MB pages ({@code -XX:+UseTransparentHugePages}). A young JVM first touches
     * every page of its young generation; with 4 KB pages that is a page fault per 4 KB, and a fresh child
     * streaming 20,000 1 KB items spent ~40% of its time in them (1,080 ms against 690 ms with huge pages).
     * In {@code always} mode the heap has them already; in {@code never} mode the flag would print a warning.
     */
    static boolean hugePagesOnRequest() {
        Boolean h = hugePages;
        if (h == null) {
            h = Boolean.FALSE;
            try (InputStream in = new java.io.FileInputStream("/sys/kernel/mm/transparent_hugepage/enabled")) {
                h = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.US_ASCII).contains("[madvise]");
            } catch (IOException | SecurityException notLinux) {
                // no such file: no transparent huge pages to ask for
            }
            hugePages = h;
        }
        return h;
    }

    private static volatile String ownJava;   // this JVM's java binary, found once

    /**
     * This JVM's own {@code java}: the running binary ({@code ProcessHandle.current().info().command()}), else
     * {@code java.home/bin/java}. On Linux the binary is read from {@code /proc/self/exe}, which is what
     * {@code ProcessHandle} reads there, without starting {@code ProcessHandle}'s machinery (its lambdas and
     * reaper pool, ~15 ms of a young JVM) before a pool's first child is forked.
     */
    static String javaBinary() {
        String j = ownJava;
        if (j == null) {
            String home = System.getProperty("java.home");
            String fromHome = home + File.separator + "bin" + File.separator + "java";
            String running = runningBinary();
            j = running != null && new File(running).getName().startsWith("java") ? running : fromHome;
            ownJava = j;
        }
        return j;
    }

    private static String runningBinary() {
        File self = new File("/proc/self/exe");
        if (self.exists()) {
            try {
                return self.getCanonicalPath();
            } catch (IOException e) {
                return null;
            }
        }
        return ProcessHandle.current().info().command().orElse(null);
    }

    /** The child authenticated: its channel reader starts. */
    private void connected(FrameChannel ch) {
        channel = ch;
        BY_PID.put(process.pid(), this);
        java.lang.Thread reader = new java.lang.Thread(new Runnable() {   // a class, not a lambda: see ChildServer
            @Override
            public void run() {
                readChannel();
            }
        }, "pyconcurrent-" + name + "-channel");
        reader.setDaemon(daemon);
        reader.start();
        booted.countDown();
    }

    /** The process exited; if it never connected, nobody else will report its end. */
    private void processExited() {
        booted.countDown();
        boolean neverConnected;
        if (fifos != null) {
            neverConnected = connectSettled.compareAndSet(false, true);
            if (neverConnected) {
                fifos.release();   // the handshake thread then reads the end of the stream
            }
        } else {
            neverConnected = ChildServer.get().forget(token);
        }
        if (neverConnected) {
            java.lang.Thread t = new java.lang.Thread(this::finish, "pyconcurrent-" + name + "-exit");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The parent's side of the handshake over a child's named pipes, on a thread of its own: checks the
     * child's {@code HELLO} as the {@link ChildServer} does; the pipes' holds go once it came. A class, not
     * a lambda: see {@link ChildServer}.
     */
    private static final class PipeHandshake implements Runnable {
        private final ChildProcess child;
        private final StreamChannel pipes;
        private final byte[] challenge;

        PipeHandshake(ChildProcess child, StreamChannel pipes, byte[] challenge) {
            this.child = child;
            this.pipes = pipes;
            this.challenge = challenge;
        }

        @Override
        public void run() {
            FrameChannel fc = new FrameChannel(pipes, ChildServer.MAX_HANDSHAKE_FRAME);
            try {
                ChildServer.Hello hello = ChildServer.Hello.read(fc);   // the end of the stream once released
                child.fifos.release();   // the child's ends are open (or it is gone): each side's end now ends its pipe
                if (hello != null && HmacSha256.equal(hello.token(), child.token) && hello.proves(challenge)
                        && child.connectSettled.compareAndSet(false, true)) {
                    ChildServer.admit(fc, hello, new Connected(child));
                    return;
                }
            } catch (IOException | RuntimeException broken) {
                // closed below; the child's exit is reported by processExited
            }
            child.fifos.release();
            fc.close();
        }
    }

    /** {@link #connected}, as a class (over pipes and over TCP): see {@link PipeHandshake}. */
    private static final class Connected implements java.util.function.Consumer<FrameChannel> {
        private final ChildProcess child;

        Connected(ChildProcess child) {
            this.child = child;
        }

        @Override
        public void accept(FrameChannel fc) {
            child.connected(fc);
        }
    }

    /** @return the child's named pipes, or null if it connects over TCP (tests) */
    FifoPair namedPipes() {
        return fifos;
    }

    /**
     * @return the child's pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * @return the child's process name
     */
    public String name() {
        return name;
    }

    /**
     * Sends a frame.
     *
     * @return false if the channel is not there or broken (the child is dying; {@link Listener#onExit} follows)
     */
    public boolean trySend(byte type, long id, byte[] payload) {
        FrameChannel ch = channel;
        if (ch == null) {
            return false;
        }
        try {
            ch.send(type, id, payload);
            return true;
        } catch (IOException broken) {
            return false;
        }
    }

    /**
     * Sends a message of the channel's {@code ValueWriter}, with the descriptors it needs.
     *
     * @return false if the channel is not there or broken (the child is dying; {@link Listener#onExit} follows)
     */
    public boolean trySend(byte type, long id, Encoded message) {
        FrameChannel ch = channel;
        if (ch == null) {
            return false;
        }
        try {
            ch.send(type, id, message);
            return true;
        } catch (IOException broken) {
            return false;
        }
    }

    /**
     * @return the reader of the values this child sends, for the channel reader thread (its listener)
     */
    public ValueReader reader() {
        return reader;
    }

    /**
     * Hands this child's frames and end to another listener: a spare worker taken by a new pool. A child
     * that has ended already reports its end to {@code l} too, on this thread, so a spare that dies while
     * it moves is never lost; call it holding no lock.
     *
     * @param l the new listener
     */
    public void rebind(Listener l) {
        boolean ended;
        synchronized (listenerLock) {
            listener = l;
            ended = exitReported;
        }
        if (ended) {
            l.onExit(this);   // it ended while it moved: the new listener hears of it too
        }
    }

    /** SIGTERM. */
    public void terminate() {
        noteTerminated();
        process.destroy();
    }

    /**
     * Remembers a SIGTERM sent before the child connected. A JVM that gets it while it is still starting may
     * exit with 1 ("terminated during initialization") instead of dying of the signal; such a child ran
     * nothing of its own, so its exit is reported as the signal's ({@link #adjusted}), as Python reports
     * {@code -15} for a child terminated as it starts.
     */
    private void noteTerminated() {
        if (channel == null) {
            terminatedUnconnected = true;
        }
    }

    /** The exit value to report for {@code raw}: see {@link #noteTerminated}. */
    private int adjusted(int raw) {
        return raw == 1 && terminatedUnconnected ? 128 + 15 : raw;
    }

    /**
     * SIGTERM, then SIGKILL if the child is still alive {@link #EXIT_GRACE_MILLIS} later (a shutdown
     * hook that hangs, a JVM started with {@code -Xrs}).
     */
    public void terminateThenKill() {
        noteTerminated();
        process.destroy();
        Timers.TIMERS.schedule(new KillIfAlive(process), EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a raw exit value says that a signal from outside ended the process: SIGKILL, SIGTERM,
     * SIGINT or SIGHUP ({@code kill}, the OOM killer, a stopped container), as opposed to an exit of
     * its own or a crash (SIGSEGV, SIGABRT).
     *
     * @param raw the raw exit value
     * @return whether it was ended from outside
     */
    public static boolean endedBySignalFromOutside(int raw) {
        int code = pythonExitcode(raw);
        return code == -9 || code == -15 || code == -2 || code == -1;
    }

    /** SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * @return whether the OS process is still running
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * @return whether the child announced that its JVM is exiting
     */
    public boolean isExiting() {
        return exiting;
    }

    /**
     * @return the raw exit value, or {@code null} while running
     */
    public Integer rawExitValue() {
        if (process.isAlive()) {
            return null;
        }
        return adjusted(process.exitValue());
    }

    /**
     * @return the exit value once {@link #awaitExit} returned true
     */
    public int exitValue() {
        return exitValue;
    }

    /**
     * Waits until the child exited and its output was forwarded.
     *
     * @return true if it did within the time
     */
    public boolean awaitExit(long nanos) throws InterruptedException {
        return exited.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * @return a stage completed once the child exited and its output was forwarded
     */
    public java.util.concurrent.CompletionStage<Void> whenExited() {
        return exitedFuture.minimalCompletionStage();
    }

    /**
     * @return whether the child exited and its output was forwarded
     */
    public boolean hasExited() {
        return exited.getCount() == 0;
    }

    /**
     * @return the last lines the child wrote to its stdout and stderr
     */
    public String stderrTail() {
        synchronized (outputTail) {
            return String.join("\n", outputTail);
        }
    }

    /**
     * Python's exit code for a raw JVM exit value: a JVM killed by signal N reports
     * {@code 128 + N}; Python reports {@code -N}.
     */
    public static int pythonExitcode(int raw) {
        return raw > 128 && raw <= 128 + 64 ? -(raw - 128) : raw;
    }

    /** "exit code 3" or "signal 9 (exit code -9)" for messages. */
    public static String describeExit(int raw) {
        int code = pythonExitcode(raw);
        return code < 0 ? "signal " + (-code) + " (exitcode " + code + ")" : "exit code " + code;
    }

    private void readChannel() {
        FrameChannel ch = channel;
        try {
            for (Wire.Frame f = ch.read(); f != null; f = ch.read()) {
                if (f.type() == Wire.OUT) {
                    printLine(System.out, f.payload(), f.payload().length);
                    synchronized (printedLock) {
                        linesPrinted++;
                        printedLock.notifyAll();
                    }
                } else if (f.type() == Wire.DEFINE) {
                    descriptors.define((int) f.id(), f.payload());
                } else if (f.type() == Wire.EXITING) {
                    exiting = true;
                    Timers.TIMERS.schedule(new KillIfAlive(process), EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                    deliver(f);
                } else {
                    deliver(f);
                }
            }
        } catch (IOException | RuntimeException broken) {
            // a broken channel ends like a closed one; the child is then ended below
        }
        ch.close();
        BY_PID.remove(process.pid(), this);
        synchronized (printedLock) {
            channelEnded = true;
            printedLock.notifyAll();
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            java.lang.Thread.currentThread().interrupt();
        }
        finish();
    }

    /**
     * Waits until the child {@code pid} of this JVM has had {@code lines} of its {@code System.out}
     * printed here (its channel ended, or {@link #PRINTED_WAIT_MILLIS} passed). The broker calls it
     * before it runs a call from a child: a child that prints and then releases a lock or puts to a
     * queue has its lines printed before another process can take the lock or get the item, as
     * when all processes write to one terminal. Returns at once for a pid that is not a child here.
     *
     * @param pid   the calling process
     * @param lines the lines it had sent when it made the call
     */
    public static void awaitPrinted(long pid, long lines) {
        ChildProcess c = BY_PID.get(pid);
        if (c == null || lines <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PRINTED_WAIT_MILLIS);
        boolean interrupted = false;
        synchronized (c.printedLock) {
            while (c.linesPrinted < lines && !c.channelEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(c.printedLock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    /** Hands a frame to the listener; a failure there is logged and never ends the channel. */
    private void deliver(Wire.Frame f) {
        try {
            listener.onFrame(this, f);
        } catch (RuntimeException | Error e) {
            LOG.get().error("{}: handling a frame of type {} failed", name,
                    f.type(), e);
        }
    }

    /** Reports the end once: output forwarded (bounded: a grandchild may hold the pipes), then the listener. */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stdoutPump.join(TimeUnit.SECONDS.toMillis(2));
            stderrPump.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        exitValue = process.isAlive() ? 128 + 9 : adjusted(process.exitValue());
        DAEMONS.remove(this);
        exited.countDown();
        exitedFuture.complete(null);
        Listener l;
        synchronized (listenerLock) {
            exitReported = true;
            l = listener;
        }
        l.onExit(this);
    }

    /**
     * A thread copying one of the child's output streams to ours, whole lines at a time. Its body is a class,
     * not a lambda, as are the launch path's other threads: a young JVM links each lambda's call site at its
     * first use (2–4 ms), on the way to a pool's first result.
     */
    private java.lang.Thread pump(InputStream from, PrintStream to, String which, boolean daemonThread) {
        java.lang.Thread t = new java.lang.Thread(new Runnable() {
            @Override
            public void run() {
                InputStream in = new BufferedInputStream(from, 1 << 14);
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try {
                    for (int b = in.read(); b >= 0; b = in.read()) {
                        if (b == '\n') {
                            endLine(line, to);
                        } else {
                            line.write(b);
                        }
                    }
                } catch (IOException closed) {
                    // end of the child's stream
                }
                if (line.size() > 0) {
                    endLine(line, to);
                }
            }
        }, "pyconcurrent-" + name + "-" + which);
        t.setDaemon(daemonThread);
        return t;
    }

    private void endLine(ByteArrayOutputStream line, PrintStream to) {
        byte[] bytes = line.toByteArray();
        line.reset();
        printLine(to, bytes, bytes.length);
        synchronized (outputTail) {
            outputTail.addLast(new String(bytes, Charset.defaultCharset()));
            if (outputTail.size() > TAIL_LINES) {
                outputTail.removeFirst();
            }
        }
    }

    /** One whole line, in one write, so lines from several children never mix. */
    private static void printLine(PrintStream out, byte[] line, int length) {
        byte[] withNewline = java.util.Arrays.copyOf(line, length + 1);
        withNewline[length] = '\n';
        out.write(withNewline, 0, withNewline.length);
        out.flush();
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + (daemon ? ", daemon" : "") + "]";
    }
}
