package dev.pyconcurrent.multiprocessing.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where this JVM's children connect back: a Unix domain socket in a private ({@code rwx------})
 * directory, one per JVM, started with the first child. The channel between a parent and its child
 * is this socket, not the child's stdin and stdout, so whatever user code does with file descriptors
 * 0, 1 and 2 (read them, hand them to a subprocess, write to them from native code) never touches it.
 *
 * <p>Handshake, both ways, before anything is deserialized: the child sends {@code HELLO} with the
 * token it was launched with, {@code HMAC(key, "child" + challenge + token)} and a challenge of its
 * own; the parent checks it against the child it launched with that token and answers
 * {@code WELCOME} with {@code HMAC(key, "parent" + the child's challenge)}. A connection that does
 * not complete this within {@link #HANDSHAKE_SECONDS} is closed.
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

    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts;

    private ChildServer() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            String prefix = "pyconcurrent-" + ProcessHandle.current().pid() + "-c";
            dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory(tmp, prefix,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(tmp, prefix);
            socket = dir.resolve("c");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the socket child processes connect to", e);
        }
        timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
            java.lang.Thread t = new java.lang.Thread(r, "pyconcurrent-handshake-timeouts");
            t.setDaemon(true);
            return t;
        });
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(this::removeFiles, "pyconcurrent-child-socket-cleanup"));
        java.lang.Thread acceptor = new java.lang.Thread(this::acceptLoop, "pyconcurrent-child-accept");
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
        return socket.toString();
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

    private void acceptLoop() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            java.lang.Thread t = new java.lang.Thread(() -> handshake(ch), "pyconcurrent-child-handshake");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Server side of the handshake; hands the channel to the expected child or closes it. */
    private void handshake(SocketChannel ch) {
        FrameChannel fc = new FrameChannel(ch, MAX_HANDSHAKE_FRAME);
        ScheduledFuture<?> timeout = timeouts.schedule(fc::close, HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        try {
            Wire.Frame hello = fc.read();
            if (hello == null || hello.type() != Wire.HELLO || hello.payload().length != TOKEN_BYTES + 32 + TOKEN_BYTES) {
                fc.close();
                return;
            }
            ByteBuffer p = ByteBuffer.wrap(hello.payload());
            byte[] token = new byte[TOKEN_BYTES];
            byte[] mac = new byte[32];
            byte[] childChallenge = new byte[TOKEN_BYTES];
            p.get(token).get(mac).get(childChallenge);
            Expected e = expected.get(key(token));
            if (e == null || !HmacSha256.equal(mac, childProof(Handshake.key(), e.challenge(), token))
                    || !expected.remove(key(token), e)) {
                fc.close();
                return;
            }
            timeout.cancel(false);
            fc.setMaxPayload(Wire.MAX_PAYLOAD);
            // handed over before WELCOME: the child is no longer expected, so from here on only its channel
            // reader can report its end, even if it dies before WELCOME is written (the reader then sees
            // the closed channel)
            e.onConnect().accept(fc);
            try {
                fc.send(Wire.WELCOME, 0, parentProof(Handshake.key(), childChallenge));
            } catch (IOException died) {
                fc.close();
            }
        } catch (IOException | RuntimeException e) {
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

    private void removeFiles() {
        try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
