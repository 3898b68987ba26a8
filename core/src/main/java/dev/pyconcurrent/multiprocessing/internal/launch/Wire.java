package dev.pyconcurrent.multiprocessing.internal.launch;


import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framed binary protocol between a parent and a child JVM, over the child's
 * stdin (parent → child) and stdout (child → parent).
 *
 * <p>A frame is {@code 0x00 0xF7 type:byte id:long length:int payload[length]}. The two
 * magic bytes let the parent's reader tell frames from stray text the JVM itself may
 * write to file descriptor 1 (for instance {@code -Xlog} or {@code -XX:+PrintFlagsFinal}
 * output): anything that does not start with them is read up to the next newline and
 * forwarded as a line of output. User code in the child never writes to the channel:
 * its {@code System.out} sends whole lines as {@link #OUT} frames.
 */
public final class Wire {
    private Wire() {
    }

    public static final int MAGIC0 = 0x00;
    public static final int MAGIC1 = 0xF7;
    /** Largest payload accepted (1 GiB); larger frames are a protocol error. */
    public static final int MAX_PAYLOAD = 1 << 30;

    // parent -> child
    /** Key, challenge and worker configuration; the first frame a child reads. */
    public static final byte START = 1;
    /** A pool task: a {@link WorkerTask} payload. */
    public static final byte TASK = 2;
    /** A {@code Process} object to run, after which the child exits. */
    public static final byte RUN_PROCESS = 3;
    /** Finish and exit with status 0. */
    public static final byte SHUTDOWN = 4;

    // child -> parent
    /** Handshake answer (HMAC of the challenge, pid); the worker is usable. */
    public static final byte READY = 10;
    /** A task's result: a {@link WorkerTask} result payload. */
    public static final byte RESULT = 11;
    /** A task's failure: a serialized {@link RemoteFailure}. */
    public static final byte ERROR = 12;
    /** One line the child wrote to {@code System.out}, without its newline. */
    public static final byte OUT = 13;
    /** The initializer failed: a serialized {@link RemoteFailure}; the child then exits. */
    public static final byte INIT_FAILED = 14;

    /** One decoded frame, or a line of stray text when {@code type == OUT && id == -1}. */
    public record Frame(byte type, long id, byte[] payload) {
    }

    /** Writes one frame; callers serialize access to {@code out}. */
    static void write(OutputStream out, byte type, long id, byte[] payload) throws IOException {
        byte[] header = new byte[2 + 1 + 8 + 4];
        header[0] = (byte) MAGIC0;
        header[1] = (byte) MAGIC1;
        header[2] = type;
        for (int i = 0; i < 8; i++) {
            header[3 + i] = (byte) (id >>> (56 - 8 * i));
        }
        int len = payload.length;
        header[11] = (byte) (len >>> 24);
        header[12] = (byte) (len >>> 16);
        header[13] = (byte) (len >>> 8);
        header[14] = (byte) len;
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads the next frame, or returns {@code null} at end of stream. Bytes that do not
     * start a frame are returned as a text line ({@code OUT} frame with id -1).
     */
    static Frame read(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        if (b0 == MAGIC0) {
            int b1 = in.read();
            if (b1 == MAGIC1) {
                byte type = in.readByte();
                long id = in.readLong();
                int len = in.readInt();
                if (len < 0 || len > MAX_PAYLOAD) {
                    throw new IOException("protocol error: frame length " + len);
                }
                byte[] payload = new byte[len];
                in.readFully(payload);
                return new Frame(type, id, payload);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.write(b0);
            if (b1 < 0) {
                return new Frame(OUT, -1, line.toByteArray());
            }
            if (b1 != '\n') {
                line.write(b1);
                return new Frame(OUT, -1, readLine(in, line));
            }
            return new Frame(OUT, -1, line.toByteArray());
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        if (b0 == '\n') {
            return new Frame(OUT, -1, line.toByteArray());
        }
        line.write(b0);
        return new Frame(OUT, -1, readLine(in, line));
    }

    private static byte[] readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toByteArray();
    }

    /** Reads exactly one frame or fails with {@link EOFException}. */
    static Frame readRequired(DataInputStream in) throws IOException {
        Frame f = read(in);
        if (f == null) {
            throw new EOFException("channel closed");
        }
        return f;
    }

    /** A payload builder for the few structured frames (START, READY). */
    static final class Payload {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
