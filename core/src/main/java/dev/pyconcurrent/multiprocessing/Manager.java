package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient;
import dev.pyconcurrent.multiprocessing.internal.broker.Endpoints;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.broker.ManagerHome;
import dev.pyconcurrent.multiprocessing.internal.broker.ManagerHost;
import dev.pyconcurrent.multiprocessing.internal.broker.ManagerLink;
import dev.pyconcurrent.multiprocessing.internal.broker.Registration;
import dev.pyconcurrent.multiprocessing.internal.connection.Addresses;

import javax.net.ssl.SSLContext;
import java.io.Serializable;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Shared objects served by a manager. Python: {@code multiprocessing.Manager()} /
 * {@code SyncManager}, and {@code BaseManager(address, authkey)} with {@code register},
 * {@code start()}, {@code get_server().serve_forever()} and {@code connect()}.
 *
 * <p>The manager is a server of its own (a separate authenticated socket, in this JVM)
 * that owns the objects it creates; the proxies it returns are {@link Serializable} and
 * work in every process they are sent to. States: RUNNING → CLOSED by {@link #close()} or
 * at exit of the JVM that started it; after that, every proxy call fails with
 * {@link IllegalStateException} instead of waiting.
 *
 * <pre>{@code
 * try (Manager m = Manager.start()) {
 *     Map<String, Integer> d = m.dict();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Your own types</b> (Python's {@code register(typeid, callable)}): register an interface and a
 * factory on the {@link #builder()} before the manager starts; {@link #create} then returns a proxy
 * implementing the interface, each call a round trip to the object in the manager.
 *
 * <pre>{@code
 * try (Manager m = Manager.builder().register("Counter", Counter.class, CounterImpl.class).start()) {
 *     Counter c = m.create("Counter", Counter.class, 5);   // Python: c = m.Counter(5)
 *     c.increment();
 * }
 * }</pre>
 *
 * <p><b>A manager other programs connect to</b> (Python's "Using a remote manager"): give it an
 * address and an authkey. The serving program runs {@code getServer().serveForever()} (or keeps a
 * {@link Builder#start() started} manager); the others {@link Builder#connect() connect} to it and
 * make or get objects there. A connected manager's {@link #close()} leaves the server running (it is
 * the serving program's); its objects' proxies keep working.
 *
 * <pre>{@code
 * // server
 * BlockingQueue<String> queue = new LinkedBlockingQueue<>();
 * Manager.builder().address("127.0.0.1", 50000).authkey(key)
 *         .register("get_queue", BlockingQueue.class, () -> queue)
 *         .getServer().serveForever();
 * // client
 * Manager m = Manager.builder().address("127.0.0.1", 50000).authkey(key).connect();
 * BlockingQueue<String> q = m.create("get_queue", BlockingQueue.class);
 * q.put("hello");
 * }</pre>
 *
 * <p>Every connection passes the HMAC challenge of the authkey both ways before anything it sends
 * is deserialized (a wrong key: {@link AuthenticationException}). The address binds the loopback
 * interface unless {@link Builder#allowRemote(boolean)} says otherwise; for other machines, add TLS
 * ({@link Builder#ssl(SSLContext)}). A process that loses its manager (killed, network gone with a
 * reset) gets {@link IllegalStateException} from the waiting call and from every later one.
 */
public class Manager implements AutoCloseable {
    private final ManagerHome home;

    private Manager(ManagerHome home) {
        this.home = home;
    }

    /**
     * Python {@code Manager()} (which starts it).
     *
     * @return a running manager
     */
    public static Manager start() {
        return new Manager(ManagerHost.start(Map.of()));
    }

    /**
     * Python: the arguments of {@code BaseManager(address, authkey)} and its {@code register} calls.
     *
     * @return a builder for a manager with an address, an authkey, TLS and registered types
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Python {@code manager.dict()}.
     *
     * @param <K> key type
     * @param <V> value type
     * @return a new, empty shared map
     */
    public <K, V> Map<K, V> dict() {
        return new ManagedDict<>(home.create(Kind.DICT));
    }

    /**
     * Python {@code manager.list()}.
     *
     * @param <E> element type
     * @return a new, empty shared list
     */
    public <E> List<E> list() {
        return new ManagedList<>(home.create(Kind.LIST));
    }

    /**
     * Python 3.14 {@code manager.set()}: a {@link Set} whose single operations ({@code add},
     * {@code remove}, {@code contains}, {@code size}, {@code clear}, {@code addAll},
     * {@code removeAll}, {@code retainAll}, {@code containsAll}) each run atomically in the manager;
     * iteration walks a snapshot (its {@code remove()} removes from the shared set). Elements must be
     * {@link Serializable}.
     *
     * @param <E> element type
     * @return a new, empty shared set
     */
    public <E> Set<E> set() {
        return new ManagedSet<>(home.create(Kind.SET));
    }

    /**
     * Python {@code manager.Namespace()}.
     *
     * @return a new namespace without attributes
     */
    public Namespace namespace() {
        return new Namespace(home.create(Kind.NAMESPACE));
    }

    /**
     * Python {@code manager.Value(typecode, value)}: a value kept by the manager (not shared memory).
     *
     * @param typecode one of {@code b B h H i I l L q Q f d c u w}
     * @param initial  the first value, as {@link Value#of(char, Object)} takes it; {@code null}: zero
     * @return the proxy
     * @throws IllegalArgumentException for an unknown type code, or a value of the wrong type or out of range
     */
    public ManagedValue value(char typecode, Object initial) {
        TypeCode type = TypeCode.of(typecode);
        long bits = initial == null ? 0 : type.bits(initial);
        return new ManagedValue(home.create(Kind.CELLS, (Object) new long[] {bits}), typecode);
    }

    /**
     * Python {@code manager.Array(typecode, sequence)}: an array kept by the manager (not shared memory).
     *
     * @param typecode          one of {@code b B h H i I l L q Q f d u w} (Python's {@code array} module)
     * @param sizeOrInitializer the elements, as {@link Array#of(char, Object)} takes them (a
     *                          {@code Collection}, an array, a {@code String} for {@code u}/{@code w}), or a
     *                          size: that many zeros
     * @return the proxy
     * @throws IllegalArgumentException for an unknown type code or {@code 'c'}, a negative size, or an
     *                                  element of the wrong type or out of range
     */
    public ManagedArray array(char typecode, Object sizeOrInitializer) {
        TypeCode type = TypeCode.of(typecode);
        if (type == TypeCode.CHAR) {
            throw new IllegalArgumentException("bad typecode 'c' for a manager's Array: it is an array.array, whose codes are"
                    + " b, B, h, H, i, I, l, L, q, Q, f, d, u or w; use 'b' or 'B' for bytes, or Array.of('c', ...) in shared memory");
        }
        Objects.requireNonNull(sizeOrInitializer, "size or initializer");
        long[] bits;
        if (sizeOrInitializer instanceof Integer || sizeOrInitializer instanceof Long
                || sizeOrInitializer instanceof Short || sizeOrInitializer instanceof Byte) {
            long n = ((Number) sizeOrInitializer).longValue();
            if (n < 0 || n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("array size must be 0 .. " + (Integer.MAX_VALUE - 8) + ", got " + n);
            }
            bits = new long[(int) n];
        } else {
            bits = Array.initialBits(type, sizeOrInitializer);
        }
        return new ManagedArray(home.create(Kind.CELLS, (Object) bits), typecode, bits.length);
    }

    /**
     * Python {@code manager.Lock()}.
     *
     * @return a new shared lock
     */
    public SharedLock lock() {
        return new SharedLock(home.create(Kind.LOCK), false);
    }

    /**
     * Python {@code manager.RLock()}.
     *
     * @return a new shared reentrant lock
     */
    public SharedLock rlock() {
        return new SharedLock(home.create(Kind.RLOCK), true);
    }

    /**
     * Python {@code manager.Semaphore(value)}.
     *
     * @param value initial permits
     * @return a new shared semaphore
     */
    public SharedSemaphore semaphore(int value) {
        return new SharedSemaphore(home.create(Kind.SEMAPHORE, value));
    }

    /**
     * Python {@code manager.BoundedSemaphore(value)}.
     *
     * @param value initial and maximum permits
     * @return it
     */
    public SharedSemaphore boundedSemaphore(int value) {
        return new SharedSemaphore(home.create(Kind.BOUNDED_SEMAPHORE, value));
    }

    /**
     * Python {@code manager.Queue()}.
     *
     * @param <E> item type
     * @return a new unbounded shared queue
     */
    public <E extends Serializable> Queue<E> queue() {
        return queue(0);
    }

    /**
     * Python {@code manager.Queue(maxsize)}.
     *
     * @param <E> item type
     * @param maxsize bound, {@code <= 0}: none
     * @return it
     */
    public <E extends Serializable> Queue<E> queue(int maxsize) {
        return new Queue<>(home.create(Kind.QUEUE, maxsize));
    }

    /**
     * Python {@code manager.JoinableQueue()}.
     *
     * @param <E> item type
     * @return a new unbounded shared queue that counts unfinished tasks
     */
    public <E extends Serializable> JoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    /**
     * Python {@code manager.JoinableQueue(maxsize)}.
     *
     * @param <E> item type
     * @param maxsize bound, {@code <= 0}: none
     * @return it
     */
    public <E extends Serializable> JoinableQueue<E> joinableQueue(int maxsize) {
        return new JoinableQueue<>(home.create(Kind.QUEUE, maxsize));
    }

    /**
     * Python {@code manager.Event()}.
     *
     * @return a new shared event
     */
    public SharedEvent event() {
        return new SharedEvent(home.create(Kind.EVENT));
    }

    /**
     * Python {@code manager.Condition()}.
     *
     * @return a new shared condition over a reentrant lock
     */
    public SharedCondition condition() {
        return new SharedCondition(home.create(Kind.CONDITION));
    }

    /**
     * Python {@code manager.Barrier(parties)}.
     *
     * @param parties how many must arrive
     * @return a new shared barrier
     */
    public SharedBarrier barrier(int parties) {
        return new SharedBarrier(home.create(Kind.BARRIER, parties));
    }

    /**
     * Python {@code manager.<typeid>(*args)} for a type registered with {@code register(typeid,
     * callable)}: runs the type's factory in the manager with {@code args} and returns a proxy of what
     * it made (a factory that returns the same object each time gives proxies of that one object).
     * Every method call on the proxy is a round trip to the object; arguments and results travel as
     * serialized copies; what the method throws there is thrown here as its own class (see
     * {@link Builder#register(String, Class, Supplier)}). The proxy is {@link Serializable}.
     *
     * @param <T>    the interface
     * @param typeid the registered type id
     * @param type   the interface registered for it, or one it extends
     * @param args   the factory's arguments (for a registered class: those of one of its public constructors)
     * @return the proxy
     * @throws IllegalArgumentException for an unknown type id, a {@code type} that is not the registered
     *                                  interface or one it extends, or arguments no constructor takes
     * @throws IllegalStateException    if the manager is shut down or cannot be reached
     * @throws RuntimeException         what the factory threw
     */
    public <T> T create(String typeid, Class<T> type, Object... args) {
        Objects.requireNonNull(typeid, "typeid");
        Objects.requireNonNull(type, "type");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("a proxy implements an interface: " + type.getName() + " is a class");
        }
        Object[] a = args == null ? new Object[] {null} : args.clone();
        return ManagedProxy.of(type, home.createRegistered(typeid, type, a), typeid);
    }

    /**
     * Python {@code manager.address}.
     *
     * @return the address other processes connect to: the one given (a TCP one with its actual port),
     *         or, for a manager without one, its private Unix domain socket (reachable with this
     *         process tree's key)
     */
    public SocketAddress getAddress() {
        return home.address();
    }

    /**
     * Returns whether {@link #close()} ran.
     *
     * @return whether {@link #close()} ran
     */
    public boolean isClosed() {
        return home.isClosed();
    }

    /**
     * Python {@code manager.shutdown()}: stops serving; proxies fail from then on. Idempotent. On a
     * connected manager ({@link Builder#connect()}) it only stops this object from making objects: the
     * server belongs to the program serving it, and the proxies keep working.
     */
    public void shutdown() {
        home.shutdown();
    }

    /** Same as {@link #shutdown()}; Python {@code with Manager() as m:}. */
    @Override
    public void close() {
        shutdown();
    }

    /**
     * Builds a manager: Python's {@code BaseManager(address=..., authkey=...)} with its
     * {@code register} calls, then {@link #start()}, {@link #getServer()} or {@link #connect()}.
     *
     * <p>Registrations belong to the process that serves the manager and must be made before it
     * starts, as in Python (whose {@code register} is a class method read when the server starts): a
     * builder is read once by {@code start()} or {@code getServer()}. A process that connects needs no
     * registration: the server knows its types, and {@link Manager#create} names them.
     */
    public static final class Builder {
        private SocketAddress address;
        private byte[] authkey;
        private boolean allowRemote;
        private SSLContext ssl;
        private Duration timeout = Endpoints.DEFAULT_TIMEOUT;
        private final Map<String, Registration> types = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Python {@code address=(host, port)} or {@code address='/path/to/socket'}.
         *
         * @param address an {@link java.net.InetSocketAddress} (TCP; port 0 when serving: any free
         *                port, see {@link Manager#getAddress()}) or a
         *                {@link java.net.UnixDomainSocketAddress}
         * @return this
         */
        public Builder address(SocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Python {@code address=(host, port)}.
         *
         * @param host a host name or address ({@code "127.0.0.1"}, {@code "localhost"}, ...)
         * @param port 0 .. 65535 (0 when serving: any free port)
         * @return this
         * @throws IllegalArgumentException for a bad port or a host that cannot be resolved
         */
        public Builder address(String host, int port) {
            this.address = Addresses.tcp(host, port);
            return this;
        }

        /**
         * An address as text: {@code host:port} ({@code [::1]:5000} for IPv6) is TCP, a path containing a
         * {@code '/'} a Unix domain socket.
         *
         * @param address the text
         * @return this
         * @throws IllegalArgumentException if it is neither, or its host cannot be resolved
         */
        public Builder address(String address) {
            this.address = Addresses.parse(address);
            return this;
        }

        /**
         * Python {@code authkey=key}: the secret both sides prove they know (an HMAC challenge both
         * ways). Without it, this process tree's key is used (Python's default,
         * {@code current_process().authkey}), which only this process and its children know.
         *
         * @param key the key (copied)
         * @return this
         */
        public Builder authkey(byte[] key) {
            this.authkey = Objects.requireNonNull(key, "authkey (Python's authkey=None means the process's own key:"
                    + " leave it unset)").clone();
            return this;
        }

        /**
         * Python has none: whether the manager may bind an address other machines can reach (a
         * wildcard such as {@code 0.0.0.0}, or a non-loopback interface). Off by default, so that
         * binding one is an explicit choice. Without {@link #ssl(SSLContext)} the connections are
         * authenticated but not encrypted: add TLS beyond networks you trust.
         *
         * @param allow whether to allow it
         * @return this
         */
        public Builder allowRemote(boolean allow) {
            this.allowRemote = allow;
            return this;
        }

        /**
         * Python has none: TLS for a TCP address, with this context. The server uses its key
         * managers (its certificate); clients use its trust managers, and check that the certificate
         * names the host they connect to (HTTPS endpoint identification). The HMAC challenge of the
         * authkey still runs, inside TLS.
         *
         * @param context a TLS context (for a server: with a key manager)
         * @return this
         */
        public Builder ssl(SSLContext context) {
            this.ssl = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Python has none: how long a TCP peer may take to connect and authenticate (30 s by default).
         * A server drops a peer that has not authenticated in time; a client gives up with
         * {@link IllegalStateException}.
         *
         * @param timeout the limit
         * @return this
         * @throws IllegalArgumentException if it is negative or zero
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (Timeouts.toNanos(timeout) == 0) {
                throw new IllegalArgumentException("the handshake timeout must be above zero");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * As {@link #handshakeTimeout(Duration)}.
         *
         * @param seconds the limit
         * @return this
         * @throws IllegalArgumentException if it is negative, zero or NaN
         */
        public Builder handshakeTimeout(double seconds) {
            return handshakeTimeout(Duration.ofNanos(Timeouts.toNanos(seconds)));
        }

        /**
         * Python {@code register(typeid, callable)} with a callable taking no arguments, such as
         * {@code lambda: queue}: {@link Manager#create}{@code (typeid, type)} runs {@code factory} in the
         * manager. The object must be thread-safe (calls from different processes run at the same
         * time), and is served once however often the factory returns it.
         *
         * @param <T>     the interface
         * @param typeid  the name clients use
         * @param type    the interface its proxies implement: only its methods can be called
         * @param factory makes or returns the object
         * @return this
         * @throws IllegalArgumentException if {@code type} is not an interface, or the type id is empty
         */
        public <T> Builder register(String typeid, Class<T> type, Supplier<? extends T> factory) {
            return put(typeid, Registration.of(type, factory));
        }

        /**
         * Python {@code register(typeid, callable)} with a callable taking arguments:
         * {@link Manager#create}{@code (typeid, type, args...)} runs {@code factory.apply(args)} in the manager.
         *
         * @param <T>     the interface
         * @param typeid  the name clients use
         * @param type    the interface its proxies implement
         * @param factory makes the object from the arguments of {@code create}
         * @return this
         * @throws IllegalArgumentException if {@code type} is not an interface, or the type id is empty
         */
        public <T> Builder register(String typeid, Class<T> type, Function<Object[], ? extends T> factory) {
            Objects.requireNonNull(factory, "factory");
            return put(typeid, new Registration(type, factory, "a Function"));
        }

        /**
         * Python {@code register(typeid, SomeClass)}: {@link Manager#create}{@code (typeid, type, args...)}
         * runs the public constructor of {@code implementation} that takes {@code args}.
         *
         * @param <T>            the interface
         * @param typeid         the name clients use
         * @param type           the interface its proxies implement
         * @param implementation a public concrete class implementing it
         * @return this
         * @throws IllegalArgumentException if {@code type} is not an interface, {@code implementation} does
         *                                  not implement it, is abstract or has no public constructor
         */
        public <T> Builder register(String typeid, Class<T> type, Class<? extends T> implementation) {
            return put(typeid, Registration.ofClass(type, implementation));
        }

        /**
         * As {@link #register(String, Class, Class)}, the class given by name (loaded here, now).
         *
         * @param <T>                the interface
         * @param typeid             the name clients use
         * @param type               the interface its proxies implement
         * @param implementationName the binary name of a public concrete class implementing it
         * @return this
         * @throws IllegalArgumentException if the class cannot be loaded, or as {@link #register(String, Class, Class)}
         */
        public <T> Builder register(String typeid, Class<T> type, String implementationName) {
            Objects.requireNonNull(implementationName, "implementationName");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> impl;
            try {
                impl = Class.forName(implementationName, true, loader != null ? loader : type.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("cannot load " + implementationName + ": " + e, e);
            }
            return put(typeid, Registration.ofClass(type, impl));
        }

        private Builder put(String typeid, Registration r) {
            Objects.requireNonNull(typeid, "typeid");
            if (typeid.isEmpty()) {
                throw new IllegalArgumentException("a type id cannot be empty");
            }
            types.put(typeid, r);
            return this;
        }

        /**
         * Python {@code manager.start()}: serves the manager from this JVM (Python starts a server
         * process; here it runs on threads of this JVM, which keeps it until {@link Manager#shutdown()}
         * or exit). With an address (or an authkey), other programs can connect to it there; this
         * process's own proxies use its private Unix domain socket.
         *
         * @return the running manager
         * @throws IllegalArgumentException for an address other machines can reach without
         *                                  {@link #allowRemote(boolean)}, or TLS on a Unix domain socket
         * @throws java.io.UncheckedIOException if the address is in use
         */
        public Manager start() {
            ManagerHost host = serve();
            host.accept();
            return new Manager(host);
        }

        /**
         * Python {@code manager.get_server()}: binds the address now; {@link ManagerServer#serveForever()}
         * then serves until {@link ManagerServer#shutdown()} or exit.
         *
         * @return the server, bound but not yet serving other programs
         * @throws IllegalArgumentException as {@link #start()}
         * @throws java.io.UncheckedIOException if the address is in use
         */
        public ManagerServer getServer() {
            return new ManagerServer(serve());
        }

        private ManagerHost serve() {
            if (ssl != null && address == null) {
                throw new IllegalArgumentException("TLS needs a TCP address: call address(host, port)");
            }
            ManagerHost host = ManagerHost.start(types);
            if (address != null || authkey != null) {
                try {
                    host.bind(address, authkey != null ? authkey : BrokerClient.processKey(), ssl, allowRemote, timeout);
                } catch (RuntimeException e) {
                    host.shutdown();
                    throw e;
                }
            }
            return host;
        }

        /**
         * Python {@code manager.connect()}: connects to a manager another program serves at the
         * address, proving the authkey (and making a first call, so a wrong key or an absent manager
         * fails here).
         *
         * @return the connected manager: its {@code dict()}, {@code queue()}, ..., {@code create(...)}
         *         make objects in the serving program
         * @throws IllegalStateException   without an address, with registered types (they belong to the
         *                                 server), or if nothing answers there
         * @throws AuthenticationException if either side's key is wrong
         */
        public Manager connect() {
            if (address == null) {
                throw new IllegalStateException("connect() needs the manager's address: call address(...) first");
            }
            if (!types.isEmpty()) {
                throw new IllegalStateException("types are registered with the process that serves the manager (start() or"
                        + " getServer()); a connected process creates them with create(typeid, type, args) without registering");
            }
            return new Manager(ManagerLink.connect(address, authkey != null ? authkey : BrokerClient.processKey(), ssl, timeout));
        }
    }
}
