package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;

/**
 * Connects to a {@link Listener}. Python: {@code multiprocessing.connection.Client(address,
 * authkey=authkey)}, a function returning a connection: here {@link #connect}.
 *
 * <pre>{@code
 * try (SocketConnection conn = Client.connect(new InetSocketAddress("localhost", 6000), "secret".getBytes())) {
 *     System.out.println(conn.recv());
 * }
 * }</pre>
 *
 * <p>The HMAC challenge runs both ways (Python's {@code answer_challenge} then
 * {@code deliver_challenge}) before the connection is returned; a wrong key is an
 * {@link dev.pyconcurrent.multiprocessing.AuthenticationException}. The listener answers only when
 * its owner calls {@code accept()}: as in Python, {@code connect} waits for that without a time
 * limit unless {@link ConnectionOptions#handshakeTimeout(java.time.Duration)} sets one. Nothing
 * listening at the address is an {@link UncheckedIOException} (Python's
 * {@code ConnectionRefusedError} / {@code FileNotFoundError}).
 */
public final class Client {
    private Client() {
    }

    /**
     * Python {@code Client(address)} with this process tree's key (the key a {@link Listener} made
     * without an authkey uses, in this JVM or in its parent).
     *
     * @param address the listener's address (TCP or Unix domain socket)
     * @return the authenticated connection
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong
     * @throws UncheckedIOException if nothing listens there, or the connection fails
     */
    public static SocketConnection connect(SocketAddress address) {
        return connect(address, BrokerClient.processKey(), ConnectionOptions.defaults());
    }

    /**
     * Python {@code Client(address, authkey=authkey)}.
     *
     * @param address the listener's address (TCP or Unix domain socket)
     * @param authkey the key both sides prove they know
     * @return the authenticated connection
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong
     * @throws UncheckedIOException if nothing listens there, or the connection fails
     */
    public static SocketConnection connect(SocketAddress address, byte[] authkey) {
        return connect(address, authkey, ConnectionOptions.defaults());
    }

    /**
     * Python {@code Client(address, authkey=authkey)}, with options.
     *
     * @param address the listener's address (TCP or Unix domain socket)
     * @param authkey the key both sides prove they know
     * @param options message size limit and handshake time limit
     * @return the authenticated connection
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong,
     *         or the listener does not complete the handshake within the options' time limit
     * @throws IllegalArgumentException for an address of another kind, or a host that cannot be resolved
     * @throws UncheckedIOException     if nothing listens there, or the connection fails
     */
    public static SocketConnection connect(SocketAddress address, byte[] authkey, ConnectionOptions options) {
        Objects.requireNonNull(address, "address");
        byte[] key = Objects.requireNonNull(authkey, "authkey (Python's authkey=None, no authentication, is not offered)").clone();
        Objects.requireNonNull(options, "options");
        Interrupts.checkNotInterrupted();
        SocketChannel ch;
        try {
            if (address instanceof InetSocketAddress) {
                ch = SocketChannel.open();
            } else if (address instanceof UnixDomainSocketAddress) {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            } else {
                throw new IllegalArgumentException("Client.connect takes an InetSocketAddress (TCP) or a UnixDomainSocketAddress, not "
                        + address.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket: " + e.getMessage(), e);
        }
        try {
            ch.connect(address);
            ch.configureBlocking(false);
            if (address instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (ClosedByInterruptException e) {
            throw Interrupts.rethrow(new InterruptedException("interrupted while connecting to " + Listener.describe(address)));
        } catch (UnresolvedAddressException e) {
            close(ch);
            throw new IllegalArgumentException("cannot resolve " + address, e);
        } catch (IOException e) {
            close(ch);
            throw new UncheckedIOException("cannot connect to " + Listener.describe(address) + ": " + e.getMessage(), e);
        }
        SocketConnection c = new SocketConnection(ch, options, "-> " + Listener.describe(address));
        c.authenticate(key, false, options.handshakeNanos(true));
        return c;
    }

    private static void close(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
