package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.internal.Bytes;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;

import java.io.IOException;
import java.util.List;

/**
 * Starts the child JVM of a {@code Process}: launch, then, once the child is connected and
 * {@code READY}, {@code RUN_PROCESS} with the serialized process object. The child runs it and exits
 * with its exit code (0, 1 for an uncaught exception, n for {@code System.exit(n)}).
 */
public final class ProcessLauncher {
    private ProcessLauncher() {
    }

    /**
     * Encodes {@code process} in the calling thread, with the codec of tasks: a {@code Process} object, its
     * lambda and the queue and pipe handles in it are written as their parts; what else it holds (a
     * subclass of {@code Process}, a user's object among the arguments) by Java serialization.
     *
     * @throws IllegalArgumentException naming the class that is not serializable
     */
    public static byte[] encode(Object process) {
        try {
            return ValueWriter.get().encode(process, true).bytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the process object cannot be sent to a worker process: "
                    + e.getMessage(), e);
        }
    }

    private static ChildProcess.Spec spec(String name, boolean daemon, List<String> jvmOptions, String javaExecutable) {
        return new ChildProcess.Spec(name, jvmOptions, false, new byte[0], daemon, List.of(), javaExecutable);
    }

    /**
     * Starts the JVM of a process on a thread of its own, so that it boots while the caller serializes
     * the process object; {@link #start} then makes it the child (or it is discarded).
     *
     * @param javaExecutable the {@code java} to run, or null for the one all children run
     * @return the JVM, when started; failed if it cannot be started
     */
    public static java.util.concurrent.CompletableFuture<ChildProcess.Spawned> spawnAhead(List<String> jvmOptions,
                                                                                        String javaExecutable) {
        return ChildProcess.spawnAhead(spec("Process", false, jvmOptions, javaExecutable), 1, "pyconcurrent-spawn").get(0);
    }

    /**
     * Launches the child in the JVM {@link #spawnAhead} started and, once it is ready, sends it the process to run.
     *
     * @param ahead          the JVM from {@link #spawnAhead} with the same options
     * @param javaExecutable the {@code java} to run, or null for the one all children run
     * @param holdsHandles   whether {@code process} holds a handle on another process's object (a queue, pipe or
     *                       lock), which the child will reach through a Unix-domain socket
     * @param onExit run once it exited and its output was forwarded
     * @throws IOException if the JVM could not be started
     */
    public static ChildProcess start(java.util.concurrent.CompletableFuture<ChildProcess.Spawned> ahead, String name,
                                     byte[] process, boolean holdsHandles, boolean daemon, List<String> jvmOptions,
                                     String javaExecutable, Runnable onExit) throws IOException {
        ChildProcess.Spawned spawned;
        try {
            spawned = ahead.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        return ChildProcess.launch(spawned, spec(name, daemon, jvmOptions, javaExecutable), listener(process, onExit),
                warmUp(process, holdsHandles));
    }

    /**
     * What the child of a process object starts while it connects: Java deserialization
     * ({@code ObjectInputStream}'s filter configuration, ~20 ms of a young JVM) when the encoded object holds
     * a Java-serialized part, and, when it holds a handle on a queue, pipe or lock, the JDK's Unix-domain
     * sockets (their {@code SecureRandom}, ~20 ms) it will reach that object through.
     *
     * @param process      the encoded process object
     * @param holdsHandles whether it holds a handle on another process's object
     */
    static int warmUp(byte[] process, boolean holdsHandles) {
        int flags = holdsJavaSerialization(process) ? Handshake.Start.WARM_SERIALIZATION : 0;
        return holdsHandles ? flags | Handshake.Start.WARM_UNIX_SOCKETS : flags;
    }

    /** Java serialization's stream header: magic {@code 0xACED}, version 5. */
    private static final byte[] STREAM_HEADER = {(byte) 0xAC, (byte) 0xED, 0, 5};

    /** @return whether {@code bytes} hold a Java serialization stream (or, rarely, bytes that look like its header) */
    static boolean holdsJavaSerialization(byte[] bytes) {
        return Bytes.contains(bytes, STREAM_HEADER);
    }

    private static ChildProcess.Listener listener(byte[] process, Runnable onExit) {
        return new ChildProcess.Listener() {
            @Override
            public void onFrame(ChildProcess child, Wire.Frame frame) {
                if (frame.type() == Wire.READY) {
                    child.trySend(Wire.RUN_PROCESS, 0, process);
                }
            }

            @Override
            public void onExit(ChildProcess child) {
                onExit.run();
            }
        };
    }
}
