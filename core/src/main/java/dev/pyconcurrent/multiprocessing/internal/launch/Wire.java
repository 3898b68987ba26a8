package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The frame types between a parent and its child JVM, and the one frame that does not travel on
 * the channel: {@code START}, written to the child's stdin, which the parent then closes.
 *
 * <p>Life of the channel: the parent writes {@code START} (key, challenge, token, the channel's address,
 * name, initializer) to the child's stdin and closes it, so user code in the child finds stdin
 * empty, as CPython gives children {@code os.devnull}. The child opens its named pipes
 * ({@link FifoPair}) or connects to the parent's {@link ChildServer} socket, and both authenticate
 * ({@code HELLO} / {@code WELCOME}); then the child answers {@code READY} (or {@code INIT_FAILED})
 * and frames flow on the channel through a
 * {@link FrameChannel}. The child's file descriptors 1 and 2 stay plain output, forwarded by the
 * parent line by line; its {@code System.out} sends whole lines as {@code OUT} frames, so they stay
 * in order with the results of the tasks that printed them.
 */
public final class Wire {
    private Wire() {
    }

    /** Largest payload of one frame (1 GiB, the codec's message limit); larger frames are a protocol error. */
    public static final int MAX_PAYLOAD = Codec.MAX_MESSAGE_BYTES;
    /** Largest {@code START} frame. */
    static final int MAX_START = 64 << 20;

    // parent -> child
    /** Key, challenge, token, socket and worker configuration; on stdin. */
    public static final byte START = 1;
    /** A pool task: a {@link WorkerTask} payload. */
    public static final byte TASK = 2;
    /** A {@code Process} object to run, after which the child exits. */
    public static final byte RUN_PROCESS = 3;
    /** Finish and exit with status 0. */
    public static final byte SHUTDOWN = 4;
    /** The parent's proof of the key, answering {@code HELLO}. */
    public static final byte WELCOME = 5;

    // both ways
    /**
     * A descriptor the sender's messages will name by number (id = the number; payload = its
     * definition): sent once per channel, before the first message that uses it.
     */
    public static final byte DEFINE = 20;

    // child -> parent
    /** Initializer done; the worker is usable. Payload: the child's pid. */
    public static final byte READY = 10;
    /** A task's result: a {@link WorkerTask} result payload. */
    public static final byte RESULT = 11;
    /** A task's failure: a serialized {@code RemoteFailure}. */
    public static final byte ERROR = 12;
    /** One line the child wrote to {@code System.out}, without its newline. */
    public static final byte OUT = 13;
    /** The initializer failed: a serialized {@code RemoteFailure}; the child then exits. */
    public static final byte INIT_FAILED = 14;
    /** The child's token and proof of the key, the first frame on the channel. */
    public static final byte HELLO = 15;
    /** The child's JVM is exiting (its shutdown hooks run): it serves no more tasks. */
    public static final byte EXITING = 16;

    /**
     * One decoded frame.
     *
     * @param type    the frame type
     * @param id      the task id, or 0
     * @param payload the payload
     */
    public record Frame(byte type, long id, byte[] payload) {
    }

    /** Writes the {@code START} frame to the child's stdin: {@code length:int payload}. */
    static void writeStart(OutputStream out, byte[] payload) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(payload.length);
        d.write(payload);
        d.flush();
    }

    /** Reads the {@code START} frame from stdin. */
    static byte[] readStart(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int n = d.readInt();
        if (n < 0 || n > MAX_START) {
            throw new IOException("protocol error: START of " + n + " bytes");
        }
        byte[] payload = new byte[n];
        d.readFully(payload);
        return payload;
    }

    /** A payload builder for the few structured frames. */
    static final class Payload {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Fails with {@link EOFException}: the frame stream ended where a frame was required. */
    static Frame required(Frame f) throws EOFException {
        if (f == null) {
            throw new EOFException("channel closed");
        }
        return f;
    }
}
