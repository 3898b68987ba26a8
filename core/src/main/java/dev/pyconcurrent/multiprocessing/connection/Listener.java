package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.SocketDir;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient;
import dev.pyconcurrent.multiprocessing.internal.connection.Addresses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket that accepts authenticated connections. Python:
 * {@code multiprocessing.connection.Listener(address, authkey=authkey)}.
 *
 * <pre>{@code
 * try (Listener listener = new Listener(new InetSocketAddress("localhost", 6000), "secret".getBytes())) {
 *     try (SocketConnection conn = listener.accept()) {   // Python: conn = listener.accept()
 *         conn.send(new ArrayList<>(List.of(1, 2, 3)));
 *     }
 * }
 * // elsewhere: Client.connect(new InetSocketAddress("localhost", 6000), "secret".getBytes()).recv()
 * }</pre>
 *
 * <p><b>Addresses.</b> An {@link InetSocketAddress} is TCP (port 0 picks a free port; see
 * {@link #getAddress()}), a {@link UnixDomainSocketAddress} a Unix domain socket (its file is
 * removed by {@link #close()}, or at exit). {@code null} (Python's default) makes a Unix domain
 * socket in a new private ({@code rwx------}) directory. A TCP address other machines can reach
 * (a wildcard such as {@code 0.0.0.0}, a non-loopback interface) is refused unless
 * {@link ConnectionOptions#allowRemote(boolean)} is set: binding beyond the loopback interface is an
 * explicit choice. An address in use is an {@link UncheckedIOException} (cause
 * {@link java.net.BindException}), Python's {@code OSError: [Errno 98] Address already in use}.
 *
 * <p><b>Authentication.</b> {@link #accept()} runs the HMAC challenge both ways with the authkey
 * (Python's {@code deliver_challenge} then {@code answer_challenge}) before it returns the
 * connection: nothing a peer sends is deserialized before that. A peer with a wrong key makes
 * {@code accept()} throw {@link dev.pyconcurrent.multiprocessing.AuthenticationException} (the
 * listener stays open), as in Python; so does a peer that does not complete the handshake within
 * {@link ConnectionOptions#handshakeTimeout(Duration)} (10 s by default). Python's
 * {@code authkey=None} means no authentication at all; here the constructors without an authkey
 * use this process tree's key (Python's {@code current_process().authkey}), which children
 * started by this library share, and {@code null} is refused.
 *
 * <p>Model: OPEN --{@link #close()}--> CLOSED (idempotent; a thread blocked in {@code accept} is
 * woken with {@link IllegalStateException}). Connections already accepted stay open.
 */
public final class Listener implements AutoCloseable {
    private static final Set<Path> UNLINK_AT_EXIT = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SocketAddress address;
    private final byte[] authkey;
    private final ConnectionOptions options;
    /** The Unix socket file to remove at close, or {@code null}. */
    private final Path socketFile;
    /** The private directory made for it (removed at close or exit, or by a later JVM's sweep), or {@code null}. */
    private final SocketDir madeDir;
    private final ReentrantLock acceptLock = new ReentrantLock();
    private volatile SocketAddress lastAccepted;
    private volatile boolean closed;

    /**
     * Python {@code Listener()}: a Unix domain socket in a new private directory, this process
     * tree's key.
     */
    public Listener() {
        this(null);
    }

    /**
     * Python {@code Listener(address)}, with this process tree's key.
     *
     * @param address a TCP or Unix domain socket address, or {@code null} for a new Unix one
     * @throws IllegalArgumentException if it is reachable from other machines (see the class comment)
     * @throws UncheckedIOException     if the address is in use, or cannot be bound
     */
    public Listener(SocketAddress address) {
        this(address, BrokerClient.processKey(), ConnectionOptions.defaults());
    }

    /**
     * Python {@code Listener(address, authkey=authkey)}.
     *
     * @param address a TCP or Unix domain socket address, or {@code null} for a new Unix one
     * @param authkey the key both sides prove they know
     * @throws IllegalArgumentException if it is reachable from other machines (see the class comment)
     * @throws UncheckedIOException     if the address is in use, or cannot be bound
     */
    public Listener(SocketAddress address, byte[] authkey) {
        this(address, authkey, ConnectionOptions.defaults());
    }

    /**
     * Python {@code Listener(address, authkey=authkey)}, with options.
     *
     * @param address a TCP or Unix domain socket address, or {@code null} for a new Unix one
     * @param authkey the key both sides prove they know
     * @param options message size limit, handshake time limit, whether remote addresses are allowed
     * @throws IllegalArgumentException if it is reachable from other machines without
     *                                  {@link ConnectionOptions#allowRemote(boolean)}, or of another kind
     * @throws UncheckedIOException     if the address is in use, or cannot be bound
     */
    public Listener(SocketAddress address, byte[] authkey, ConnectionOptions options) {
        this.authkey = Objects.requireNonNull(authkey, "authkey (Python's authkey=None, no authentication, is not offered)").clone();
        this.options = Objects.requireNonNull(options, "options");
        SocketDir dir = address == null ? SocketDir.make() : null;
        SocketAddress bindTo = address == null ? UnixDomainSocketAddress.of(dir.resolve("listener")) : address;
        this.madeDir = dir;
        ServerSocketChannel ch = null;
        try {
            if (bindTo instanceof InetSocketAddress inet) {
                Addresses.checkBindable(inet, options.isAllowRemote(), "pass ConnectionOptions.defaults().allowRemote(true)");
                ch = ServerSocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(inet);
                this.socketFile = null;
            } else if (bindTo instanceof UnixDomainSocketAddress unix) {
                ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ch.bind(unix);
                this.socketFile = unix.getPath();
                if (dir == null) {
                    unlinkAtExit(socketFile);   // a made directory removes itself at exit
                }
            } else {
                throw new IllegalArgumentException("a Listener takes an InetSocketAddress (TCP) or a UnixDomainSocketAddress, not "
                        + bindTo.getClass().getName());
            }
            ch.configureBlocking(false);
            this.server = ch;
            this.address = ch.getLocalAddress();
            this.selector = Selector.open();
            ch.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly(ch);
            deleteMadeDir(dir);
            throw Addresses.bindFailure(bindTo, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            deleteMadeDir(dir);
            throw e;
        }
    }

    static String describe(SocketAddress a) {
        return a instanceof UnixDomainSocketAddress u ? u.getPath().toString() : String.valueOf(a);
    }

    private static void closeQuietly(ServerSocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void deleteMadeDir(SocketDir dir) {
        if (dir != null) {
            dir.close();
        }
    }

    private static void unlinkAtExit(Path file) {
        UNLINK_AT_EXIT.add(file);
        if (!hooked) {
            synchronized (Listener.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        for (Path p : UNLINK_AT_EXIT) {
                            try {
                                Files.deleteIfExists(p);
                            } catch (IOException ignored) {
                                // best effort at exit
                            }
                        }
                    }, "pyconcurrent-listener-cleanup"));
                    hooked = true;
                }
            }
        }
    }

    /**
     * Python {@code accept()}: waits for a peer, authenticates it both ways, and returns the connection.
     *
     * @return the authenticated connection
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if the peer fails the challenge
     *         or does not complete it in time (it is disconnected; the listener stays open)
     * @throws UncheckedIOException  if the peer disconnects during the handshake
     * @throws IllegalStateException if the listener is closed
     */
    public SocketConnection accept() {
        return acceptNanos(Long.MAX_VALUE);
    }

    /**
     * As {@link #accept()}, waiting at most {@code timeout} seconds for a peer to connect.
     *
     * @param timeout seconds
     * @return the authenticated connection
     * @throws TimeoutException if no peer connected in time
     * @throws IllegalArgumentException for a negative or NaN timeout
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException as {@link #accept()}
     * @throws IllegalStateException if the listener is closed
     */
    public SocketConnection accept(double timeout) {
        return acceptNanos(Timeouts.toNanos(timeout));
    }

    /**
     * As {@link #accept()}, waiting at most {@code timeout} for a peer to connect.
     *
     * @param timeout how long at most
     * @return the authenticated connection
     * @throws TimeoutException if no peer connected in time
     * @throws IllegalArgumentException for a negative timeout
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException as {@link #accept()}
     * @throws IllegalStateException if the listener is closed
     */
    public SocketConnection accept(Duration timeout) {
        return acceptNanos(Timeouts.toNanos(timeout));
    }

    private SocketConnection acceptNanos(long nanos) {
        checkOpen();
        Interrupts.checkNotInterrupted();
        long deadline = Timeouts.deadline(nanos);
        try {
            acceptLock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
        SocketChannel ch;
        try {
            for (;;) {
                ch = server.accept();
                if (ch != null) {
                    break;
                }
                long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : Timeouts.remaining(deadline);
                if (left <= 0) {
                    throw new TimeoutException("no connection within " + Duration.ofNanos(nanos));
                }
                if (left == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
                }
                selector.selectedKeys().clear();
                checkOpen();
                if (Thread.interrupted()) {
                    throw Interrupts.rethrow(new InterruptedException());
                }
            }
            lastAccepted = ch.getRemoteAddress();
            ch.configureBlocking(false);
            if (address instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            throw new IllegalStateException("listener is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed: " + e.getMessage(), e);
        } finally {
            acceptLock.unlock();
        }
        SocketConnection c = new SocketConnection(ch, options, describe(address) + " <- " + describe(lastAccepted));
        c.authenticate(authkey, true, options.handshakeNanos(false));
        return c;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("listener is closed");
        }
    }

    /**
     * Python {@code address}.
     *
     * @return the address bound: for TCP with the port actually used, for a Unix domain socket its path
     */
    public SocketAddress getAddress() {
        return address;
    }

    /**
     * Python {@code last_accepted}.
     *
     * @return the peer address of the last connection accepted, or {@code null} before the first
     */
    public SocketAddress getLastAccepted() {
        return lastAccepted;
    }

    /**
     * Python {@code close()}: stops listening and removes a Unix domain socket's file. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (socketFile != null) {
            UNLINK_AT_EXIT.remove(socketFile);
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException ignored) {
                // best effort
            }
        }
        deleteMadeDir(madeDir);
    }

    /**
     * A description.
     *
     * @return e.g. {@code Listener(/tmp/pyconcurrent-4242-123/listener)}
     */
    @Override
    public String toString() {
        return "Listener(" + describe(address) + (closed ? ", closed)" : ")");
    }
}
