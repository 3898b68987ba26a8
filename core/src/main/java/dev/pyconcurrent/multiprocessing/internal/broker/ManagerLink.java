package dev.pyconcurrent.multiprocessing.internal.broker;

import javax.net.ssl.SSLContext;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A {@code Manager} in another program, connected to at its address (Python's
 * {@code BaseManager.connect()}): objects are made there through its control object (id 0), and
 * the proxies reach them at the same address with the same key. {@link #shutdown()} only stops this
 * link from making objects: the manager belongs to the program that serves it.
 */
public final class ManagerLink implements ManagerHome {
    /** The most arguments one call carries (the wire counts them in a signed byte). */
    static final int MAX_ARGS = 127;

    private final SocketAddress address;
    private final String endpoint;
    private final RemoteRef control;
    private volatile boolean closed;

    private ManagerLink(SocketAddress address, String endpoint) {
        this.address = address;
        this.endpoint = endpoint;
        this.control = new RemoteRef(endpoint, 0);
    }

    /**
     * Connects: authenticates a new connection with the key (a wrong key or an absent manager fails
     * here, and nothing is recorded), records the address's key (and TLS) in this process, then makes
     * one call to the manager's control object.
     *
     * @param address the manager's address
     * @param key     its authkey
     * @param ssl     TLS for a TCP address, or {@code null}
     * @param timeout the limit on connecting and authenticating (TCP)
     * @return the link
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong
     * @throws IllegalStateException if the manager cannot be reached
     */
    public static ManagerLink connect(SocketAddress address, byte[] key, SSLContext ssl, Duration timeout) {
        String endpoint = Endpoints.of(address, ssl != null);
        if (ssl != null && !Endpoints.isNetwork(endpoint)) {
            throw new IllegalArgumentException("TLS is for TCP addresses, not the Unix domain socket " + endpoint);
        }
        if (Endpoints.isNetwork(endpoint)) {
            NetClient.probe(endpoint, key, ssl, timeout.toNanos());
            NetClient.dropIfClosed(endpoint);
        } else {
            BrokerClient.probe(endpoint, key);
            BrokerClient.dropIfClosed(endpoint);
        }
        Endpoints.register(endpoint, key, ssl, timeout);
        ManagerLink link = new ManagerLink(address, endpoint);
        link.control.call(Op.SIZE);
        return link;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Manager was closed: connect again to make objects");
        }
    }

    @Override
    public RemoteRef create(Kind kind, Object... args) {
        checkOpen();
        Object[] wire = new Object[1 + args.length];
        wire[0] = kind.name();
        System.arraycopy(args, 0, wire, 1, args.length);
        return new RemoteRef(endpoint, (Long) control.call(Op.CREATE, wire));
    }

    @Override
    public RemoteRef createRegistered(String typeid, Class<?> type, Object[] args) {
        checkOpen();
        if (args.length + 2 > MAX_ARGS) {
            throw new IllegalArgumentException("a factory takes at most " + (MAX_ARGS - 2) + " arguments, got " + args.length);
        }
        Object[] wire = new Object[2 + args.length];
        wire[0] = typeid;
        wire[1] = type.getName();
        System.arraycopy(args, 0, wire, 2, args.length);
        Object r = control.call(Op.CREATE_TYPE, wire);
        if (r instanceof MethodFailure f) {
            throw f.rethrow(endpoint);
        }
        return new RemoteRef(endpoint, (Long) r);
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    /** @return the endpoint string its proxies carry */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void shutdown() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
