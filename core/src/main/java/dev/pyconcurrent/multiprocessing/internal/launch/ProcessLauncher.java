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

    /**
     * Launches the child and, once it is ready, sends it the process to run.
     *
     * @param javaExecutable the {@code java} to run, or null for the one all children run
     * @param onExit run once it exited and its output was forwarded
     * @throws IOException if the JVM cannot be started
     */
    public static ChildProcess start(String name, byte[] process, boolean daemon, List<String> jvmOptions,
                                     String javaExecutable, Runnable onExit) throws IOException {
        return ChildProcess.launch(new ChildProcess.Spec(name, jvmOptions, false, new byte[0], daemon, List.of(),
                        javaExecutable),
                new ChildProcess.Listener() {
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
                });
    }
}
