package dev.pyconcurrent.multiprocessing.internal.launch;


import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one child JVM: launches it, owns its channel, forwards its
 * output, notices its end.
 *
 * <p>Launch: the parent's own {@code java} with {@code -cp} = the parent's
 * {@code java.class.path} (a directory list, a Surefire manifest-only jar or the jar of
 * {@code java -jar} all work as a class path), the parent's module path when it has one,
 * a few start-up flags, the class data sharing archive of {@link WorkerArchive} when there is one, the
 * user's JVM options, then {@link WorkerMain}. The first frame
 * on stdin is {@code START} with the secret key.
 *
 * <p>Threads: the stdout reader decodes frames, prints {@code OUT} lines on the
 * parent's {@code System.out} and hands every other frame to the {@link Listener}; at
 * end of stream it waits for the process to exit (forcibly ending it if it closed its
 * stdout but lingers), then calls {@link Listener#onExit}. The stderr reader copies the
 * child's stderr line by line to the parent's {@code System.err} and keeps its tail for
 * error messages. The stdout reader is a non-daemon thread when the child must keep the
 * parent JVM alive (a non-daemon {@code Process}), so the JVM waits for it at exit.
 *
 * <p>States: RUNNING → EXITED (exit value known, {@link #awaitExit} returns true). Daemon
 * children still running at JVM shutdown get SIGTERM from a shutdown hook; every child
 * also halts itself when its stdin reaches end of file, so none outlives the parent.
 */
public final class ChildProcess {
    /** Receives a child's frames and its end, on the child's reader thread. */
    public interface Listener {
        /** A frame other than an output line. */
        void onFrame(ChildProcess child, Wire.Frame frame);

        /** The child exited; {@link #exitValue()} is known and all output was forwarded. */
        void onExit(ChildProcess child);
    }

    private static final int TAIL_LINES = 30;
    /** The {@code java} children run ({@code Multiprocessing.setExecutable}); null: the parent's own. */
    private static volatile String executable;
    private static final Set<ChildProcess> DAEMONS = ConcurrentHashMap.newKeySet();
    private static volatile boolean jvmExiting;

    static {
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> {
            jvmExiting = true;
            for (ChildProcess c : DAEMONS) {
                c.process.destroy();
            }
        }, "pyconcurrent-terminate-daemon-children"));
    }

    private final java.lang.Process process;
    private final String name;
    private final OutputStream toChild;            // guarded by itself
    private final Listener listener;
    private final boolean daemon;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();   // guarded by itself
    private final CountDownLatch exited = new CountDownLatch(1);
    /** Completed right after {@link #exited} counts down. */
    private final java.util.concurrent.CompletableFuture<Void> exitedFuture = new java.util.concurrent.CompletableFuture<>();
    private final java.lang.Thread stderrReader;
    private volatile int exitValue;

    private ChildProcess(java.lang.Process process, String name, Listener listener, boolean daemon) {
        this.process = process;
        this.name = name;
        this.listener = listener;
        this.daemon = daemon;
        this.toChild = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.stderrReader = new java.lang.Thread(this::pumpStderr, "pyconcurrent-" + name + "-stderr");
        this.stderrReader.setDaemon(true);
    }

    /**
     * @return whether this JVM is exiting, so children ending now were ended on purpose
     */
    public static boolean jvmExiting() {
        return jvmExiting;
    }

    /**
     * Starts a child JVM and sends it {@code START}.
     *
     * @param name        the child's process name
     * @param jvmOptions  user JVM options, placed after the engine's defaults
     * @param poolWorker  whether it is a pool worker (exits on {@code OutOfMemoryError})
     * @param initializer serialized initializer, or an empty array
     * @param challenge   the handshake challenge
     * @param daemon      false: the parent JVM waits for this child at exit
     * @throws IOException if the process cannot be started
     */
    public static ChildProcess launch(String name, List<String> jvmOptions, boolean poolWorker, byte[] initializer,
                                      byte[] challenge, boolean daemon, Listener listener) throws IOException {
        return launch(name, jvmOptions, poolWorker, initializer, challenge, daemon, null, listener);
    }

    /**
     * {@link #launch(String, List, boolean, byte[], byte[], boolean, Listener)} with another {@code java}.
     *
     * @param javaExecutable the {@code java} binary to run; null: {@link #executable()}
     * @throws IOException if the process cannot be started
     */
    public static ChildProcess launch(String name, List<String> jvmOptions, boolean poolWorker, byte[] initializer,
                                      byte[] challenge, boolean daemon, String javaExecutable, Listener listener)
            throws IOException {
        List<String> cmd;
        if (javaExecutable == null) {
            cmd = command(jvmOptions, poolWorker);
        } else {   // a class data sharing archive is made by one JVM for that JVM only
            cmd = command(jvmOptions, poolWorker, List.of());
            cmd.set(0, javaExecutable);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        java.lang.Process p = pb.start();
        ChildProcess c = new ChildProcess(p, name, listener, daemon);
        if (daemon) {
            DAEMONS.add(c);
        }
        java.lang.Thread out = new java.lang.Thread(c::pumpStdout, "pyconcurrent-" + name + "-stdout");
        out.setDaemon(daemon);
        c.stderrReader.start();
        out.start();
        String parentName = ChildContext.isChild() ? ChildContext.name() : "MainProcess";
        Handshake.Start start = new Handshake.Start(Handshake.key(), challenge, name,
                ProcessHandle.current().pid(), parentName, initializer);
        c.trySend(Wire.START, 0, start.write());
        return c;
    }

    /** The command line that starts a child: java, class path, defaults, user options, main class. */
    static List<String> command(List<String> jvmOptions, boolean poolWorker) {
        return command(jvmOptions, poolWorker,
                executable == null ? WorkerArchive.options(jvmOptions) : List.of());
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

    /** {@link #command(List, boolean)} with {@code sharing} (class data sharing options) before the user's options. */
    static List<String> command(List<String> jvmOptions, boolean poolWorker, List<String> sharing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isEmpty()) {
            cmd.add("-cp");
            cmd.add(cp);
        }
        String mp = System.getProperty("jdk.module.path", "");
        boolean modular = WorkerMain.class.getModule().isNamed();
        if (!mp.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(mp);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
        }
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:+DisplayVMOutputToStderr");   // the JVM's own messages stay off the frame channel
        cmd.add("-Xshare:auto");
        boolean userGc = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        if (!userGc) {
            cmd.add("-XX:+UseSerialGC");
        }
        if (poolWorker) {
            cmd.add("-XX:+ExitOnOutOfMemoryError");
        }
        cmd.addAll(sharing);
        cmd.addAll(jvmOptions);
        if (modular) {
            cmd.add("-m");
            cmd.add(WorkerMain.class.getModule().getName() + "/" + WorkerMain.class.getName());
        } else {
            cmd.add(WorkerMain.class.getName());
        }
        return cmd;
    }

    static String javaBinary() {
        String home = System.getProperty("java.home");
        String fromHome = home + File.separator + "bin" + File.separator + "java";
        return ProcessHandle.current().info().command()
                .filter(c -> new File(c).getName().startsWith("java"))
                .orElse(fromHome);
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
     * @return false if the channel is broken (the child is dying; {@link Listener#onExit} follows)
     */
    public boolean trySend(byte type, long id, byte[] payload) {
        synchronized (toChild) {
            try {
                Wire.write(toChild, type, id, payload);
                return true;
            } catch (IOException broken) {
                return false;
            }
        }
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
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
     * @return the raw exit value, or {@code null} while running
     */
    public Integer rawExitValue() {
        if (process.isAlive()) {
            return null;
        }
        return process.exitValue();
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
     * @return the last lines the child wrote to stderr
     */
    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
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

    private void pumpStdout() {
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            for (Wire.Frame f = Wire.read(in); f != null; f = Wire.read(in)) {
                if (f.type() == Wire.OUT && f.id() == -1) {
                    // text the JVM itself wrote to fd 1: forward it, and keep it for error messages
                    printLine(System.out, f.payload());
                    remember(f.payload());
                } else if (f.type() == Wire.OUT) {
                    printLine(System.out, f.payload());
                } else {
                    listener.onFrame(this, f);
                }
            }
        } catch (IOException | RuntimeException broken) {
            // a broken channel ends like a closed one; the child is then ended below
        }
        try {
            stderrReader.join(TimeUnit.SECONDS.toMillis(2));
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            java.lang.Thread.currentThread().interrupt();
        }
        exitValue = process.isAlive() ? 128 + 9 : process.exitValue();
        DAEMONS.remove(this);
        closeQuietly(process.getOutputStream());
        exited.countDown();
        exitedFuture.complete(null);
        listener.onExit(this);
    }

    private void pumpStderr() {
        InputStream in = new BufferedInputStream(process.getErrorStream());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    endErrLine(line);
                } else {
                    line.write(b);
                }
            }
        } catch (IOException closed) {
            // end of the child's stderr
        }
        if (line.size() > 0) {
            endErrLine(line);
        }
    }

    private void endErrLine(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        line.reset();
        printLine(System.err, bytes);
        remember(bytes);
    }

    private void remember(byte[] bytes) {
        synchronized (stderrTail) {
            stderrTail.addLast(new String(bytes, Charset.defaultCharset()));
            if (stderrTail.size() > TAIL_LINES) {
                stderrTail.removeFirst();
            }
        }
    }

    /** One whole line, in one write, so lines from several children never mix. */
    private static void printLine(PrintStream out, byte[] line) {
        byte[] withNewline = java.util.Arrays.copyOf(line, line.length + 1);
        withNewline[line.length] = '\n';
        out.write(withNewline, 0, withNewline.length);
        out.flush();
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + (daemon ? ", daemon" : "") + "]";
    }
}
