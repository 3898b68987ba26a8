package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;

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
     * Serializes {@code process} in the calling thread.
     *
     * @throws IllegalArgumentException naming the class that is not serializable
     */
    public static byte[] encode(Object process) {
        try {
            return JavaSerializationCodec.INSTANCE.encode(process);
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
                warmUp(holdsHandles));
    }

    /**
     * What the child of a process object starts while it connects: its Java deserialization
     * ({@code ObjectInputStream}'s filter configuration, ~20 ms of a young JVM), and, when the object holds a
     * handle on a queue, pipe or lock, the JDK's Unix-domain sockets (their {@code SecureRandom}, ~20 ms) it
     * will reach that object through.
     *
     * @param holdsHandles whether the serialized object holds a handle on another process's object
     */
    static int warmUp(boolean holdsHandles) {
        int flags = Handshake.Start.WARM_SERIALIZATION;
        return holdsHandles ? flags | Handshake.Start.WARM_UNIX_SOCKETS : flags;
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
