package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.connection.Addresses;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The listening socket of a manager at an address of its user's choice: TCP (plain, or TLS with the
 * user's {@link SSLContext}) on {@link ServerSocket} streams, or a Unix domain socket on a channel.
 * A TCP peer has the handshake time limit to complete TLS and the HMAC challenge
 * ({@link StreamChannel#handshakeDone()} lifts it).
 */
final class NetAcceptor implements Acceptor {
    private final ServerSocket tcp;            // TCP or TLS, else null
    private final ServerSocketChannel unix;    // Unix domain socket, else null
    private final Path socketFile;             // the Unix socket's file, removed at close
    private final int handshakeMillis;
    private final SocketAddress address;
    private volatile boolean closed;

    private NetAcceptor(ServerSocket tcp, ServerSocketChannel unix, Path socketFile, int handshakeMillis, SocketAddress address) {
        this.tcp = tcp;
        this.unix = unix;
        this.socketFile = socketFile;
        this.handshakeMillis = handshakeMillis;
        this.address = address;
    }

    /**
     * Binds a manager's socket.
     *
     * @param address        TCP ({@link InetSocketAddress}, port 0: any free port) or a Unix domain socket
     * @param ssl            TLS for a TCP address, or {@code null}
     * @param allowRemote    whether an address other machines can reach may be bound
     * @param handshakeNanos how long a TCP peer has to authenticate
     * @return the bound socket, not yet accepting
     * @throws IllegalArgumentException for a remote address without {@code allowRemote}, TLS on a Unix
     *                                  domain socket, or another kind of address
     * @throws java.io.UncheckedIOException if the address is in use or cannot be bound
     */
    static NetAcceptor bind(SocketAddress address, SSLContext ssl, boolean allowRemote, long handshakeNanos) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, handshakeNanos / 1_000_000));
        if (address instanceof InetSocketAddress inet) {
            Addresses.checkBindable(inet, allowRemote, "call allowRemote(true) on the Manager's builder");
            ServerSocket s = null;
            try {
                s = ssl != null ? ssl.getServerSocketFactory().createServerSocket() : new ServerSocket();
                s.setReuseAddress(true);
                s.bind(inet, 128);
                return new NetAcceptor(s, null, null, millis, new InetSocketAddress(s.getInetAddress(), s.getLocalPort()));
            } catch (IOException e) {
                Quietly.close(s);
                throw Addresses.bindFailure(inet, e);
            }
        }
        if (address instanceof UnixDomainSocketAddress u) {
            if (ssl != null) {
                throw new IllegalArgumentException("TLS is for TCP addresses: a Unix domain socket (" + u.getPath()
                        + ") is reachable only from this machine, through its file's permissions");
            }
            ServerSocketChannel ch = null;
            try {
                ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ch.bind(u);
                return new NetAcceptor(null, ch, u.getPath(), millis, u);
            } catch (IOException e) {
                Quietly.close(ch);
                throw Addresses.bindFailure(u, e);
            }
        }
        throw new IllegalArgumentException("a manager's address is an InetSocketAddress (TCP) or a UnixDomainSocketAddress, not "
                + (address == null ? "null" : address.getClass().getName()));
    }

    /** @return the address bound (a TCP one with the port actually used) */
    SocketAddress address() {
        return address;
    }

    @Override
    public ByteChannel accept() throws IOException {
        if (unix != null) {
            return unix.accept();
        }
        Socket s = tcp.accept();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(handshakeMillis);
            return new StreamChannel(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public boolean keepsAccepting(IOException failure) {
        if (closed) {
            return false;
        }
        try {
            Thread.sleep(10); // a transient failure (out of file descriptors): do not spin
        } catch (InterruptedException e) {
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Quietly.close(tcp);
        Quietly.close(unix);
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
