package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.internal.ThreadFactories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where this JVM's children connect back when their named pipes ({@link FifoPair}) cannot be made: a TCP
 * socket on the loopback interface, one per JVM, started with the first such child. (A loopback TCP
 * socket costs a young JVM some 45 ms less to set up than a Unix-domain socket; what protects it is the
 * handshake below: nothing is read from a peer that has not proved the key, beyond its 64-byte greeting,
 * and a peer that does not prove it in time is dropped.) The channel between a parent and its child is
 * this socket or those pipes, not the child's stdin and stdout, so whatever user code does with file
 * descriptors 0, 1 and 2 (read them, hand them to a subprocess, write to them from native code) never
 * touches it.
 *
 * <p>Handshake, both ways, before anything is deserialized: the child sends {@code HELLO} with the
 * token it was launched with, {@code HMAC(key, "child" + challenge + token)} and a challenge of its
 * own; the parent checks it against the child it launched with that token and answers
 * {@code WELCOME} with {@code HMAC(key, "parent" + the child's challenge)}. A connection that does
 * not complete this within {@link #HANDSHAKE_SECONDS} is closed. Over named pipes the same
 * {@link Hello} and {@link #admit} run on the parent's side.
 *
 * <p>States of an expected child (guarded by the map's atomic operations): EXPECTED --handshake
 * passed--> CONNECTED (removed from the map); EXPECTED --the child exited first--> removed.
 */
public final class ChildServer {
    /** How long a connecting child may take to authenticate. */
    static final long HANDSHAKE_SECONDS = 20;
    /** The largest frame before authentication. */
    static final int MAX_HANDSHAKE_FRAME = 256;
    /** Token and challenge sizes. */
    static final int TOKEN_BYTES = 16;

    private static final byte[] CHILD = "pyconcurrent-child".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PARENT = "pyconcurrent-parent".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static volatile ChildServer instance;

    /** A launched child not yet connected. */
    record Expected(byte[] challenge, Consumer<FrameChannel> onConnect) {
    }

    private final ServerSocket server;
    private final String address;   // host:port on the loopback interface
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts;

    private ChildServer() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the socket child processes connect to", e);
        }
        address = InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort();
        timeouts = Executors.newSingleThreadScheduledExecutor(ThreadFactories.daemon("pyconcurrent-handshake-timeouts"));
        java.lang.Thread acceptor = new java.lang.Thread(new Runnable() {
            @Override
            public void run() {
                prepare();
                acceptLoop();
            }
        }, "pyconcurrent-child-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return this JVM's server, started on first use
     */
    public static ChildServer get() {
        ChildServer s = instance;
        if (s == null) {
            synchronized (ChildServer.class) {
                s = instance;
                if (s == null) {
                    s = new ChildServer();
                    instance = s;
                }
            }
        }
        return s;
    }

    /**
     * @return the path children connect to
     */
    public String socketPath() {
        return address;
    }

    /** Expects a child launched with {@code token}; {@code onConnect} runs once it authenticated. */
    void expect(byte[] token, byte[] challenge, Consumer<FrameChannel> onConnect) {
        expected.put(key(token), new Expected(challenge, onConnect));
    }

    /**
     * Stops expecting the child (it exited before connecting).
     *
     * @return true if it was still expected, false if it already connected
     */
    boolean forget(byte[] token) {
        return expected.remove(key(token)) != null;
    }

    private static String key(byte[] token) {
        return java.util.HexFormat.of().formatHex(token);
    }

    /**
     * Loads, links and runs once what a handshake needs (the frame classes, the MAC, a timeout's task),
     * before the first accept. In a cold pool the first child connects some 50 ms after this JVM set up
     * this server, and a young JVM doing that work in the handshake made the child wait for its
     * {@code WELCOME} ~10 ms, on the way to the pool's first result. The accept path uses classes, not
     * lambdas, for the same reason: a lambda's first call is linked then.
     */
    private void prepare() {
        try {
            ClassLoader l = ChildServer.class.getClassLoader();
            Class.forName(StreamChannel.class.getName(), true, l);
            Class.forName(Wire.Frame.class.getName(), true, l);
            Class.forName(Hello.class.getName(), true, l);
            HmacSha256.mac(CHILD, PARENT);
            timeouts.schedule(new CloseOnTimeout(null), 0, TimeUnit.SECONDS);
        } catch (ClassNotFoundException | RuntimeException notNeeded) {
            // only a head start: the handshake does it all again if need be
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            java.lang.Thread t = new java.lang.Thread(new Runnable() {
                @Override
                public void run() {
                    handshake(ch);
                }
            }, "pyconcurrent-child-handshake");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Ends a handshake that takes too long. */
    private static final class CloseOnTimeout implements Runnable {
        private final FrameChannel channel;   // null: nothing to close (prepare)

        CloseOnTimeout(FrameChannel channel) {
            this.channel = channel;
        }

        @Override
        public void run() {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** Server side of the handshake; hands the channel to the expected child or closes it. */
    private void handshake(Socket ch) {
        FrameChannel fc;
        try {
            fc = new FrameChannel(StreamChannel.of(ch, false), MAX_HANDSHAKE_FRAME);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // gone anyway
            }
            return;
        }
        ScheduledFuture<?> timeout = timeouts.schedule(new CloseOnTimeout(fc), HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        try {
            Hello hello = Hello.read(fc);
            Expected e = hello == null ? null : expected.get(key(hello.token()));
            if (e == null || !hello.proves(e.challenge()) || !expected.remove(key(hello.token()), e)) {
                fc.close();
                return;
            }
            timeout.cancel(false);
            admit(fc, hello, e.onConnect());
        } catch (IOException | RuntimeException e) {
            fc.close();
        }
    }

    /**
     * A child's {@code HELLO}: the token it was launched with, its proof of the key and a challenge of its own.
     */
    record Hello(byte[] token, byte[] mac, byte[] challenge) {
        /**
         * Reads the first frame of a channel.
         *
         * @return the child's {@code HELLO}, or null if the frame is anything else
         */
        static Hello read(FrameChannel fc) throws IOException {
            Wire.Frame f = fc.read();
            if (f == null || f.type() != Wire.HELLO || f.payload().length != TOKEN_BYTES + 32 + TOKEN_BYTES) {
                return null;
            }
            ByteBuffer p = ByteBuffer.wrap(f.payload());
            byte[] token = new byte[TOKEN_BYTES];
            byte[] mac = new byte[32];
            byte[] challenge = new byte[TOKEN_BYTES];
            p.get(token).get(mac).get(challenge);
            return new Hello(token, mac, challenge);
        }

        /** @return whether it proves the key for the challenge its child was launched with */
        boolean proves(byte[] launchChallenge) {
            return HmacSha256.equal(mac, childProof(Handshake.key(), launchChallenge, token));
        }
    }

    /**
     * Hands an authenticated child's channel to its {@link ChildProcess}, then answers {@code WELCOME}: handed
     * over first, so that from here on only its channel reader reports its end, even if it dies before
     * {@code WELCOME} is written (the reader then sees the closed channel).
     */
    static void admit(FrameChannel fc, Hello hello, Consumer<FrameChannel> onConnect) {
        fc.setMaxPayload(Wire.MAX_PAYLOAD);
        onConnect.accept(fc);
        try {
            fc.send(Wire.WELCOME, 0, parentProof(Handshake.key(), hello.challenge()));
        } catch (IOException died) {
            fc.close();
        }
    }

    /** What the child proves: {@code HMAC(key, "child" + challenge + token)}. */
    static byte[] childProof(byte[] key, byte[] challenge, byte[] token) {
        byte[] m = new byte[CHILD.length + challenge.length + token.length];
        System.arraycopy(CHILD, 0, m, 0, CHILD.length);
        System.arraycopy(challenge, 0, m, CHILD.length, challenge.length);
        System.arraycopy(token, 0, m, CHILD.length + challenge.length, token.length);
        return HmacSha256.mac(key, m);
    }

    /** What the parent proves: {@code HMAC(key, "parent" + the child's challenge)}. */
    static byte[] parentProof(byte[] key, byte[] childChallenge) {
        byte[] m = new byte[PARENT.length + childChallenge.length];
        System.arraycopy(PARENT, 0, m, 0, PARENT.length);
        System.arraycopy(childChallenge, 0, m, PARENT.length, childChallenge.length);
        return HmacSha256.mac(key, m);
    }
}
