package dev.pyconcurrent.multiprocessing.internal.launch;


import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The key of a process tree and the launch handshake. The parent's {@code START} frame, written to
 * the child's stdin, hands the child the per-parent secret key (never on a command line, in the
 * environment or in a file) with a fresh random challenge and a token; the child proves the key when
 * it connects back to the parent's {@link ChildServer}, and the parent proves it in return.
 */
public final class Handshake {
    private Handshake() {
    }

    public static final int KEY_BYTES = 32;
    public static final int CHALLENGE_BYTES = 16;

    /** Created on first use: a worker that starts no children of its own never pays for seeding it. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
    private static volatile byte[] parentKey;

    /** The key this JVM hands to its children: inherited from its own parent, else random. */
    public static byte[] key() {
        byte[] k = parentKey;
        if (k == null) {
            synchronized (Handshake.class) {
                k = parentKey;
                if (k == null) {
                    k = ChildContext.isChild() ? ChildContext.authKey() : random(KEY_BYTES);
                    parentKey = k;
                }
            }
        }
        return k;
    }

    /**
     * Random bytes for keys, challenges and tokens: the kernel's {@code /dev/urandom} where there is
     * one (no {@code SecureRandom} to set up while a child JVM starts), else {@link SecureRandom}.
     *
     * @param n how many
     * @return the bytes
     */
    public static byte[] random(int n) {
        byte[] b = new byte[n];
        try (java.io.FileInputStream urandom = new java.io.FileInputStream("/dev/urandom")) {
            if (urandom.readNBytes(b, 0, n) == n) {
                return b;
            }
        } catch (java.io.IOException | SecurityException noDevice) {
            // fall back below
        }
        Random.INSTANCE.nextBytes(b);
        return b;
    }

    /**
     * The START frame's content.
     *
     * @param key         the key of this process tree
     * @param challenge   what the child proves it can sign with the key
     * @param token       names the child when it connects back
     * @param socket      the channel: the named pipes ({@link FifoPair#address}) or the {@link ChildServer} socket
     * @param name        the child's process name
     * @param pid         the child's own pid, as the parent started it (so a young child needs no
     *                    {@code ProcessHandle}, whose start costs it milliseconds)
     * @param parentPid   the parent's pid
     * @param parentName  the parent's process name
     * @param initializer the serialized initializer, or empty
     * @param warmUp      what the child will need first that a young JVM is slow to start
     *                    ({@link #WARM_SERIALIZATION}, {@link #WARM_UNIX_SOCKETS}), for it to start them on a thread
     *                    of its own while it connects
     */
    record Start(byte[] key, byte[] challenge, byte[] token, String socket, String name, long pid, long parentPid,
                 String parentName, byte[] initializer, int warmUp) {
        /** The child decodes Java serialization first (a {@code Process} object, an initializer). */
        static final int WARM_SERIALIZATION = 1;
        /** The child will use a Unix-domain socket (a queue, pipe or lock of its parent's). */
        static final int WARM_UNIX_SOCKETS = 2;

        byte[] write() {
            Wire.Payload p = new Wire.Payload();
            try {
                p.out.write(key);
                p.out.write(challenge);
                p.out.write(token);
                p.out.writeUTF(socket);
                p.out.writeUTF(name);
                p.out.writeLong(pid);
                p.out.writeLong(parentPid);
                p.out.writeUTF(parentName);
                p.out.writeInt(initializer.length);
                p.out.write(initializer);
                p.out.writeByte(warmUp);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            return p.toByteArray();
        }

        static Start read(byte[] payload) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            byte[] key = in.readNBytes(KEY_BYTES);
            byte[] challenge = in.readNBytes(CHALLENGE_BYTES);
            byte[] token = in.readNBytes(ChildServer.TOKEN_BYTES);
            String socket = in.readUTF();
            String name = in.readUTF();
            long pid = in.readLong();
            long parentPid = in.readLong();
            String parentName = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > payload.length) {
                throw new IOException("protocol error: initializer of " + n + " bytes");
            }
            byte[] init = in.readNBytes(n);
            int warmUp = in.readUnsignedByte();
            return new Start(key, challenge, token, socket, name, pid, parentPid, parentName, init, warmUp);
        }
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        return HmacSha256.mac(key, message);
    }
}
