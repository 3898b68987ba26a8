package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The managers at user-chosen addresses this process knows how to reach: for each endpoint (the
 * string a {@link RemoteRef} carries), its authkey and, for TLS, its {@link SSLContext}. An
 * endpoint is the path of a Unix domain socket, {@code tcp://host:port} or {@code tls://host:port}.
 * An endpoint nobody registered here is reached with this process tree's key (Python's default
 * {@code authkey}, {@code current_process().authkey}); a TLS endpoint needs a registration.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** How long connecting and authenticating to a network endpoint may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What this process knows of one endpoint.
     *
     * @param key          its authkey
     * @param ssl          its TLS context, or {@code null}
     * @param timeoutNanos the limit on connecting and authenticating
     */
    record Entry(byte[] key, SSLContext ssl, long timeoutNanos) {
    }

    private static final Map<String, Entry> KNOWN = new ConcurrentHashMap<>();

    /**
     * The endpoint string of an address.
     *
     * @param address a TCP or Unix domain socket address
     * @param tls     whether TCP connections use TLS
     * @return {@code tcp://host:port}, {@code tls://host:port} or the socket's absolute path
     */
    public static String of(SocketAddress address, boolean tls) {
        if (address instanceof UnixDomainSocketAddress u) {
            return u.getPath().toAbsolutePath().toString();
        }
        InetSocketAddress i = (InetSocketAddress) address;
        String host = i.getHostString();
        if (i.getAddress() != null && i.getAddress().isAnyLocalAddress()) {
            host = "127.0.0.1"; // a wildcard bind: this machine reaches it on the loopback interface
        }
        return (tls ? "tls://" : "tcp://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
    }

    /**
     * Records how to reach an endpoint (replacing what was known).
     *
     * @param endpoint the endpoint string ({@link #of})
     * @param key      its authkey
     * @param ssl      its TLS context ({@code tls://} endpoints), or {@code null}
     * @param timeout  the limit on connecting and authenticating
     */
    public static void register(String endpoint, byte[] key, SSLContext ssl, Duration timeout) {
        KNOWN.put(endpoint, new Entry(Objects.requireNonNull(key, "key").clone(), ssl, timeout.toNanos()));
    }

    /** @return whether {@code endpoint} is reached over TCP ({@code tcp://} or {@code tls://}) */
    static boolean isNetwork(String endpoint) {
        return endpoint.startsWith("tcp://") || endpoint.startsWith("tls://");
    }

    /** @return the key to prove to {@code endpoint}: the registered one, else this process tree's */
    static byte[] key(String endpoint) {
        Entry e = KNOWN.get(endpoint);
        return e == null ? Handshake.key() : e.key();
    }

    /** @return what is known of a network endpoint, or {@code null} */
    static Entry entry(String endpoint) {
        return KNOWN.get(endpoint);
    }

    /** @return the host of a {@code tcp://} or {@code tls://} endpoint */
    static String host(String endpoint) {
        String hp = endpoint.substring(6);
        String host = hp.substring(0, hp.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** @return the port of a {@code tcp://} or {@code tls://} endpoint */
    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
