package dev.pyconcurrent.multiprocessing.internal.broker;

import javax.net.ssl.SSLContext;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The serving side of a {@code Manager} in this process: its own {@link Broker} (whose private Unix
 * domain socket this process and its children use, with the process key), the types registered with
 * it, its control object ({@link ServedManager}, id 0) and, for a manager at an address, the socket
 * other programs connect to with the manager's authkey ({@link NetAcceptor}, plain TCP, TLS or a
 * Unix domain socket).
 *
 * <p>States: STARTED (serving this process's proxies) → BOUND ({@link #bind}: the address is taken)
 * → ACCEPTING ({@link #accept}) → CLOSED ({@link #shutdown()}, or at exit with the broker).
 */
public final class ManagerHost implements ManagerHome {
    private final Broker broker;
    private final Map<String, Registration> types;
    /** Per type id, the objects its factory returned and their ids, so one returned again is served once. */
    private final Map<String, Map<Object, Long>> made = new HashMap<>(); // guarded by made
    private final Object bindLock = new Object();
    private NetAcceptor net;         // guarded by bindLock
    private byte[] netKey;           // guarded by bindLock
    private boolean accepting;       // guarded by bindLock

    private ManagerHost(Map<String, Registration> types) {
        this.types = Map.copyOf(types);
        this.broker = Broker.startNew();
        broker.serveAt(0, new ServedManager(this));
    }

    /**
     * Starts serving in this process.
     *
     * @param types the registered types by type id
     * @return the running host
     */
    public static ManagerHost start(Map<String, Registration> types) {
        return new ManagerHost(types);
    }

    /**
     * Binds the socket other programs connect to (not accepting yet: {@link #accept}).
     *
     * @param address        TCP or Unix domain socket; {@code null}: a Unix domain socket in this
     *                       manager's private directory
     * @param key            the authkey peers must prove
     * @param ssl            TLS for TCP, or {@code null}
     * @param allowRemote    whether an address other machines can reach may be bound
     * @param handshakeLimit how long a TCP peer has to authenticate
     * @return the bound address (a TCP one with its actual port)
     * @throws IllegalArgumentException as {@link NetAcceptor#bind}
     * @throws java.io.UncheckedIOException if the address is in use
     */
    public SocketAddress bind(SocketAddress address, byte[] key, SSLContext ssl, boolean allowRemote, Duration handshakeLimit) {
        synchronized (bindLock) {
            if (net != null) {
                throw new IllegalStateException("already bound to " + net.address());
            }
            SocketAddress a = address != null ? address : UnixDomainSocketAddress.of(broker.directory().resolve("manager"));
            net = NetAcceptor.bind(a, ssl, allowRemote, handshakeLimit.toNanos());
            netKey = key.clone();
            // proxies made by the manager's clients may come back here: reach them with the same key
            Endpoints.register(Endpoints.of(net.address(), ssl != null), key, ssl, handshakeLimit);
            return net.address();
        }
    }

    /** Starts accepting peers on the bound socket; idempotent. */
    public void accept() {
        synchronized (bindLock) {
            if (net == null || accepting) {
                return;
            }
            accepting = true;
            broker.listen(net, netKey, String.valueOf(net.address()));
        }
    }

    /** @return the number of registered types */
    int typeCount() {
        return types.size();
    }

    @Override
    public RemoteRef create(Kind kind, Object... args) {
        return broker.create(kind, args);
    }

    @Override
    public RemoteRef createRegistered(String typeid, Class<?> type, Object[] args) {
        return new RemoteRef(broker.socketPath(), createRegistered(typeid, type.getName(), args));
    }

    /**
     * Runs a registered type's factory and serves what it returns (once per object).
     *
     * @param typeid   the type id
     * @param typeName the interface the caller's proxy implements
     * @param args     the factory's arguments
     * @return the object's id
     */
    long createRegistered(String typeid, String typeName, Object[] args) {
        Objects.requireNonNull(typeid, "typeid");
        Registration r = types.get(typeid);
        if (r == null) {
            throw new IllegalArgumentException("no type is registered as '" + typeid + "' with this manager"
                    + (types.isEmpty() ? " (it has none)" : "; it has " + new TreeSet<>(types.keySet())));
        }
        if (!r.type().getName().equals(typeName)) {
            Class<?> wanted;
            try {
                wanted = Class.forName(typeName, false, r.type().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                wanted = null;
            }
            if (wanted == null || !wanted.isAssignableFrom(r.type())) {
                throw new IllegalArgumentException("'" + typeid + "' is registered as a " + r.type().getName()
                        + ", which is not a " + typeName);
            }
        }
        if (broker.isClosed()) {
            throw new IllegalStateException("this Manager has been shut down");
        }
        Object target = r.factory().apply(args);
        if (target == null) {
            throw new IllegalStateException("the factory of '" + typeid + "' (" + r.description() + ") returned null");
        }
        if (!r.type().isInstance(target)) {
            throw new IllegalStateException("the factory of '" + typeid + "' returned a " + target.getClass().getName()
                    + ", which is not a " + r.type().getName());
        }
        synchronized (made) {
            Map<Object, Long> ids = made.computeIfAbsent(typeid, k -> new IdentityHashMap<>());
            Long id = ids.get(target);
            if (id == null) {
                id = broker.serve(new ServedInstance(target, r.type()));
                ids.put(target, id);
            }
            return id;
        }
    }

    @Override
    public SocketAddress address() {
        synchronized (bindLock) {
            return net != null ? net.address() : UnixDomainSocketAddress.of(broker.socketPath());
        }
    }

    /** @return the socket of this manager's own broker (its proxies' address) */
    public String socketPath() {
        return broker.socketPath();
    }

    @Override
    public void shutdown() {
        ManagerShutdowns.shutDown(broker.socketPath());
        broker.close();
        BrokerClient.closeConnectionsTo(broker.socketPath());   // this JVM's own connections to it
    }

    @Override
    public boolean isClosed() {
        return broker.isClosed();
    }
}
