package dev.pyconcurrent.multiprocessing.internal.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The addresses of listening sockets, shared by {@code multiprocessing.connection.Listener} and
 * managers at an address: parsing, the loopback-only rule, and the messages of a failed bind.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * A printable address.
     *
     * @param a the address
     * @return a Unix domain socket's path, or {@code host:port}
     */
    public static String describe(SocketAddress a) {
        if (a instanceof UnixDomainSocketAddress u) {
            return u.getPath().toString();
        }
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /**
     * Parses an address as a user writes it: {@code host:port} (an IPv6 host in brackets,
     * {@code [::1]:5000}) is TCP; anything containing a {@code '/'} is the path of a Unix domain socket.
     *
     * @param address the text
     * @return an {@link InetSocketAddress} (resolved) or a {@link UnixDomainSocketAddress}
     * @throws IllegalArgumentException if it is neither, the port is not 0 .. 65535, or the host cannot be resolved
     */
    public static SocketAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        if (address.indexOf('/') >= 0) {
            return UnixDomainSocketAddress.of(Path.of(address));
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("an address is host:port (TCP) or the path of a Unix domain socket"
                    + " (containing a '/'), not \"" + address + "\"");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, [" + host + "]:port, not \"" + address + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + address + "\"", e);
        }
        return tcp(host, port);
    }

    /**
     * A resolved TCP address.
     *
     * @param host a host name or address
     * @param port 0 .. 65535
     * @return the address
     * @throws IllegalArgumentException for a bad port or a host that cannot be resolved
     */
    public static InetSocketAddress tcp(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 .. 65535, got " + port);
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve " + host);
        }
        return a;
    }

    /**
     * The loopback-only rule of listening sockets: an address other machines can reach (a wildcard
     * such as {@code 0.0.0.0}, a non-loopback interface) needs an explicit choice.
     *
     * @param inet        the address to bind
     * @param allowRemote whether that choice was made
     * @param howToAllow  how the caller makes it, for the message
     * @return {@code inet}
     * @throws IllegalArgumentException if it cannot be resolved, or reaches beyond this machine without the choice
     */
    public static InetSocketAddress checkBindable(InetSocketAddress inet, boolean allowRemote, String howToAllow) {
        if (inet.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve " + inet.getHostString());
        }
        if (!allowRemote && !inet.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(inet + " can be reached from other machines; bind a loopback"
                    + " address (localhost, 127.0.0.1), or " + howToAllow);
        }
        return inet;
    }

    /**
     * The failure of a bind, as Python's {@code OSError: [Errno 98] Address already in use}.
     *
     * @param address what was to be bound
     * @param e       why it failed
     * @return an exception naming the address: "address already in use" for a {@link BindException}
     *         on an address of this machine or an existing socket file; "cannot listen on" otherwise
     *         (an address no interface here has, a directory that does not exist)
     */
    public static UncheckedIOException bindFailure(SocketAddress address, IOException e) {
        if (e instanceof BindException && canBeInUse(address)) {
            return new UncheckedIOException("address already in use: " + describe(address) + " (" + e.getMessage() + ")", e);
        }
        return new UncheckedIOException("cannot listen on " + describe(address) + ": " + e.getMessage(), e);
    }

    /**
     * Whether a failed bind of {@code address} means it is in use: the address is one of this
     * machine's (a wildcard, loopback, or an interface's) or the socket file exists. Decided without
     * the exception's text, which the platform may translate.
     */
    private static boolean canBeInUse(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress u) {
            return Files.exists(u.getPath(), LinkOption.NOFOLLOW_LINKS);
        }
        if (address instanceof InetSocketAddress i && i.getAddress() != null) {
            InetAddress a = i.getAddress();
            try {
                return a.isAnyLocalAddress() || a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
            } catch (SocketException e) {
                return true;
            }
        }
        return true;
    }
}
