package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.pool.PoolEngine;

import java.io.IOException;
import java.util.List;

/**
 * Starts the child JVM of a {@code Process}: launch, {@code START} handshake, then
 * {@code RUN_PROCESS} with the serialized process object. The child runs it and exits
 * with its exit code (0, 1 for an uncaught exception, n for {@code System.exit(n)}).
 */
public final class ProcessChannel {
    private ProcessChannel() {
    }

    /**
     * Serializes {@code process} in the calling thread.
     *
     * @throws IllegalArgumentException naming the class that is not serializable
     */
    public static byte[] encode(Object process) {
        return PoolEngine.encodeArgument(JavaSerializationCodec.INSTANCE, process, "the process object");
    }

    /**
     * Launches the child and sends it the process to run.
     *
     * @param onExit run on the child's reader thread once it exited and its output was forwarded
     * @throws IOException if the JVM cannot be started
     */
    public static ChildProcess start(String name, byte[] process, boolean daemon, List<String> jvmOptions,
                                     Runnable onExit) throws IOException {
        return start(name, process, daemon, jvmOptions, null, onExit);
    }

    /**
     * {@link #start(String, byte[], boolean, List, Runnable)} with another {@code java} binary.
     *
     * @param javaExecutable the {@code java} to run; null: the one of {@link ChildProcess#executable()}
     * @throws IOException if the JVM cannot be started
     */
    public static ChildProcess start(String name, byte[] process, boolean daemon, List<String> jvmOptions,
                                     String javaExecutable, Runnable onExit) throws IOException {
        byte[] challenge = Handshake.random(Handshake.CHALLENGE_BYTES);
        ChildProcess c = ChildProcess.launch(name, jvmOptions, false, new byte[0], challenge, daemon, javaExecutable,
                new ChildProcess.Listener() {
                    @Override
                    public void onFrame(ChildProcess child, Wire.Frame frame) {
                        if (frame.type() == Wire.READY) {
                            try {
                                Handshake.verifyReady(Handshake.key(), challenge, frame.payload());
                            } catch (RuntimeException badPeer) {
                                child.kill();
                            }
                        }
                    }

                    @Override
                    public void onExit(ChildProcess child) {
                        onExit.run();
                    }
                });
        c.trySend(Wire.RUN_PROCESS, 0, process);
        return c;
    }
}
