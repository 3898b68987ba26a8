package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.launch.HmacSha256;

import dev.pyconcurrent.multiprocessing.AuthenticationException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The launch handshake. The parent's first frame ({@code START}) hands the child the
 * per-parent secret key (never on a command line or in the environment) and a fresh
 * random challenge; the child answers {@code READY} with {@code HMAC-SHA256(key,
 * challenge)} and its pid. A child that answers anything else is not a usable worker.
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

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        Random.INSTANCE.nextBytes(b);
        return b;
    }

    /** The START frame's content. */
    record Start(byte[] key, byte[] challenge, String name, long parentPid, String parentName, byte[] initializer) {
        byte[] write() {
            Wire.Payload p = new Wire.Payload();
            try {
                p.out.write(key);
                p.out.write(challenge);
                p.out.writeUTF(name);
                p.out.writeLong(parentPid);
                p.out.writeUTF(parentName);
                p.out.writeInt(initializer.length);
                p.out.write(initializer);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            return p.toByteArray();
        }

        static Start read(byte[] payload) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            byte[] key = in.readNBytes(KEY_BYTES);
            byte[] challenge = in.readNBytes(CHALLENGE_BYTES);
            String name = in.readUTF();
            long parentPid = in.readLong();
            String parentName = in.readUTF();
            byte[] init = in.readNBytes(in.readInt());
            return new Start(key, challenge, name, parentPid, parentName, init);
        }
    }

    /** The READY payload: HMAC of the challenge, then the child's pid. */
    public static byte[] ready(byte[] key, byte[] challenge, long pid) {
        Wire.Payload p = new Wire.Payload();
        try {
            p.out.write(hmac(key, challenge));
            p.out.writeLong(pid);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return p.toByteArray();
    }

    /**
     * Checks a READY payload.
     *
     * @return the child's pid
     * @throws AuthenticationException if the HMAC does not match
     */
    public static long verifyReady(byte[] key, byte[] challenge, byte[] payload) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            byte[] mac = in.readNBytes(32);
            long pid = in.readLong();
            if (!HmacSha256.equal(mac, hmac(key, challenge))) {
                throw new AuthenticationException("digest received was wrong");
            }
            return pid;
        } catch (IOException e) {
            throw new AuthenticationException("malformed handshake answer", e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        return HmacSha256.mac(key, message);
    }
}
