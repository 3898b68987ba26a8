package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.internal.SocketDir;
import dev.pyconcurrent.internal.Spin;
import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The server that owns cross-process objects (locks, queues, pipes, manager
 * dictionaries...) on behalf of one JVM, reached by other processes through a Unix domain
 * socket in a private ({@code rwx------}) directory.
 *
 * <p>States: BINDING (its objects usable by this JVM's threads; the socket being bound on the accept
 * thread) → RUNNING (accepting connections) → CLOSED ({@link #close()} or JVM exit: the
 * server socket and its directory are removed, every connection is closed, so every
 * client call fails instead of waiting). This JVM's own broker ({@link #local()}) returns while BINDING:
 * a young JVM's first Unix-domain socket costs ~50 ms (the JDK starts a {@code SecureRandom} for it),
 * which a {@code Process} started next would otherwise wait for before its child JVM is forked. Another
 * process can learn the socket only from a serialized {@link RemoteRef} or from {@link #socketPath()},
 * and both wait until the socket is bound ({@link #awaitBound}).
 *
 * <p>Each accepted connection is a {@link Session} with two threads: a reader, which first
 * runs {@link BrokerAuth} (both directions) and only then reads frames, running at once
 * every call that can complete without waiting ({@link Served#tryNow}), and a handler,
 * which runs the calls that may wait, one at a time; a blocking call blocks that handler
 * only. A client
 * {@code CANCEL} frame interrupts the handler's current call; end of stream interrupts it
 * and tells every object the session used ({@link Served#dropped}), so locks held by a
 * process that died are released.
 *
 * <p>Frames after authentication: {@code length:int type:byte id:long payload[length]};
 * payloads in {@link CallCodec}.
 *
 * <p><b>Lending a connection.</b> A thread of this JVM that waits for what a peer sends (the owner's
 * {@code recv} on a pipe end that peer feeds) may read that peer's connection itself ({@link Session#lead}):
 * the peer's bytes then wake the waiting thread directly, not the reader, which would have to wake it in
 * turn (one thread wake-up fewer per message; a pipe round trip through a child 39 against 48 µs here). Who
 * reads a Unix socket session, whose channel is non-blocking once authenticated:
 * <pre>
 *   READER --a local thread leads (the reader yields between frames)--> LENT
 *   LENT   --the leader is done--> IDLE: nobody reads; the next leader takes it without waking the reader
 *   IDLE   --{@link #LEND_LINGER_NANOS} without a leader--> READER
 * </pre>
 * The reader holds {@code baton} while it reads and runs frames, and yields it only before a frame begins;
 * a leader holds it while it leads and runs the frames it reads as the reader would. In IDLE the peer's
 * next frame waits for the next leader or for the reader's return, at most {@link #LEND_LINGER_NANOS}.
 * Sessions over TCP or TLS (managers) are read by their reader only.
 *
 * <p>Limits ({@link Limits}): a connection that has not authenticated within
 * {@link Limits#HANDSHAKE_MILLIS} is closed, so silent connections do not hold threads. A frame
 * announcing more than {@link Limits#maxMessageBytes()} is never allocated: its bytes are read past in
 * small pieces and the caller gets an error answer naming the limit and its system property, and the
 * connection goes on. An answer above the limit is replaced by such an error. Decoding a call's values
 * is bounded in memory and in work ({@link CallCodec}).
 *
 * <p>A broker may also serve the same objects on further sockets ({@link #listen}: a manager at an
 * address of its user's choice, TCP, TLS or a Unix domain socket), each with its own key.
 */
public final class Broker implements AutoCloseable {
    private static final LazyLogger LOG = new LazyLogger(Broker.class);
    /** Frame header: length:int type:byte id:long. */
    static final int HEADER = 13;
    static final byte CALL = 1;
    static final byte CANCEL = 2;
    static final byte OK = 3;
    static final byte ERR = 4;
    /** A call without an answer (a put to an unbounded queue, a pipe send): the client does not wait. */
    static final byte CAST = 5;
    /**
     * The client closes the connection of one of its threads that ended: its process lives on, so what
     * belongs to the process (the pipe ends it used) stays open; what belonged to the thread (locks) is
     * let go as when a connection breaks.
     */
    static final byte BYE = 6;
    /**
     * How long a connection stays unread after a leader of this JVM is done ({@link Session#lead}) before its
     * reader takes it back: a thread that receives again within it (a round trip) leads again without
     * waking the reader; meanwhile a frame for another object waits at most this long.
     */
    static final long LEND_LINGER_NANOS = 1_000_000L;
    /** A leader's longest wait before it checks that the connection is still open. */
    private static final long LEADER_CHECK_MILLIS = 100;
    /**
     * Selectors for threads that lead a connection ({@link Session#lead}), given back after: as many as threads
     * lead at once, so no thread that ends leaves one open.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<Selector> SPARE_LEADER_SELECTORS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The brokers of this JVM, by socket: their objects are called directly by this JVM's threads. */
    private static final ConcurrentHashMap<String, Broker> IN_THIS_JVM = new ConcurrentHashMap<>();

    private static final Object LOCAL_LOCK = new Object();
    private static Broker local; // guarded by LOCAL_LOCK
    private static final Cleaner CLEANER = Cleaner.create(ThreadFactories.daemon("pyconcurrent-object-cleaner"));

    /** The timer of handshake limits, started at the first connection (not by a program's first {@code Queue}). */
    private static final class HandshakeTimeouts {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
                ThreadFactories.daemon("pyconcurrent-broker-handshake-timeouts"));
    }

    /**
     * Runs {@code onTimeout} (which closes the connection) after {@code millis} unless the returned future is
     * cancelled first: bounds a handshake with a peer that connected (or accepted) and then says nothing.
     */
    static ScheduledFuture<?> afterHandshakeLimit(Runnable onTimeout, long millis) {
        return HandshakeTimeouts.TIMER.schedule(onTimeout, millis, TimeUnit.MILLISECONDS);
    }

    private final SocketDir dir;   // holds the socket; removed at shutdown, or by a later JVM's sweep if this one is killed
    private final Path socket;
    private final byte[] key;
    private ServerSocketChannel server;   // guarded by this: null until bound (and if binding failed)
    /** Counted down once the socket is bound or binding failed ({@link #bindFailure}). */
    private final java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
    private volatile IOException bindFailure;
    private final ConcurrentHashMap<Long, Served> objects = new ConcurrentHashMap<>();
    /** Objects a handle of which was serialized: another process may hold one, so they stay. */
    private final Set<Long> shared = ConcurrentHashMap.newKeySet();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    /** Ids start at a random point, so a proxy of an earlier server at the same address finds no object here. */
    private final AtomicLong ids = new AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 20, 1L << 50));
    private final AtomicLong sessionIds = new AtomicLong();
    private final Thread hook;
    private final long handshakeMillis;
    /** The further sockets of {@link #listen}, closed with the broker. */
    private final List<Acceptor> acceptors = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param waitForSocket whether to return only once the socket is bound (else it is bound on the
     *                      accept thread, see the class comment)
     * @throws UncheckedIOException if {@code waitForSocket} and the socket cannot be bound
     */
    private Broker(byte[] key, long handshakeMillis, boolean waitForSocket) {
        this.key = key.clone();
        this.handshakeMillis = handshakeMillis;
        dir = SocketDir.make();
        socket = dir.resolve("s");
        IN_THIS_JVM.put(socket.toString(), this);
        hook = new Thread(new Runnable() {   // classes, not lambdas: a program's first Queue comes here, and a young JVM spins a class per lambda
            @Override
            public void run() {
                shutdown();
            }
        }, "pyconcurrent-broker-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread acceptor = new Thread(new Runnable() {
            @Override
            public void run() {
                bindAndAccept(key);
            }
        }, "pyconcurrent-broker-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        if (waitForSocket) {
            try {
                awaitBound();
            } catch (UncheckedIOException e) {
                close();
                throw e;
            }
        }
    }

    /** The accept thread: binds the socket, then accepts connections until the broker closes. */
    private void bindAndAccept(byte[] key) {
        ServerSocketChannel s = null;
        try {
            s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            bindFailure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            bound.countDown();
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(s);
                bound.countDown();
                return;
            }
            server = s;
        }
        bound.countDown();
        prepare(key);
        ServerSocketChannel listening = s;
        acceptLoop(new Acceptor() {   // classes, not lambdas, on a first Queue's way: see prepare
            @Override
            public ByteChannel accept() throws IOException {
                return listening.accept();
            }
        }, key);
    }

    /**
     * Loads, links and runs once what a connection's first moments need (the handshake's MAC and timer, a
     * session's classes, a selector), before the first accept: a program's first {@code Process} connects
     * to its parent's broker ~150 ms after the broker started, and a young parent doing that work during the
     * handshake made the child wait for it on the way to its first {@code put}. Only a head start: every
     * connection does all of it again if need be.
     */
    private static void prepare(byte[] key) {
        try {
            Handshake.hmac(key, key);
            HandshakeTimeouts.TIMER.schedule(new Runnable() {
                @Override
                public void run() {
                    // nothing: starts the timer's thread
                }
            }, 0, TimeUnit.MILLISECONDS);
            ClassLoader l = Broker.class.getClassLoader();
            Class.forName(Session.class.getName(), true, l);
            Class.forName(BrokerAuth.class.getName(), true, l);
            Selector.open().close();
        } catch (IOException | ClassNotFoundException | RuntimeException notNeeded) {
            // the first connection does it
        }
    }

    /** Closes a socket or selector, if there is one, ignoring a failure: it is being given up anyway. */
    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Waits, uninterruptibly, until the accept thread has bound the socket or given up. */
    private void awaitBinding() {
        Interrupts.awaitUninterruptibly(bound);   // a bind takes milliseconds: not worth failing a caller's serialization over
    }

    /**
     * Waits until the socket is bound: before this broker's address goes to another process.
     *
     * @throws UncheckedIOException if it could not be bound
     */
    void awaitBound() {
        awaitBinding();
        IOException e = bindFailure;
        if (e != null) {
            throw new UncheckedIOException("cannot start the cross-process object server", e);
        }
    }

    /**
     * @return a selector to lead a connection with ({@link Session#lead}); its {@code wakeup()} makes the leader
     *         look again. Give it back with {@link #giveBack} once done.
     */
    static Selector leaderSelector() {
        Selector s = SPARE_LEADER_SELECTORS.poll();
        if (s != null) {
            return s;
        }
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** @param leaderSelector a selector of {@link #leaderSelector()}, no longer used */
    static void giveBack(Selector leaderSelector) {
        SPARE_LEADER_SELECTORS.offer(leaderSelector);
    }

    /** Makes a thread that leads a connection look again at whether it is done. */
    static void wakeLeader(Selector leaderSelector) {
        if (leaderSelector != null) {
            leaderSelector.wakeup();
        }
    }

    /** @return this JVM's broker, started on first use with this process's key; its socket may still be binding */
    public static Broker local() {
        synchronized (LOCAL_LOCK) {
            if (local != null && local.bindFailure != null) {
                local.close();   // its socket could not be bound (and said so to whoever sent a handle): try anew
            }
            if (local == null || local.closed) {
                local = startBinding();
            }
            return local;
        }
    }

    /** @return a new broker with this process's key that returns while its socket is being bound */
    static Broker startBinding() {
        return new Broker(Handshake.key(), Limits.HANDSHAKE_MILLIS, false);
    }

    /**
     * Starts a separate broker (a {@code Manager}'s) with this process's key.
     *
     * @return it
     */
    public static Broker startNew() {
        return new Broker(Handshake.key(), Limits.HANDSHAKE_MILLIS, true);
    }

    /**
     * Starts a separate broker with this process's key and its own authentication time limit.
     *
     * @param handshakeMillis how long a connection may take to authenticate before it is closed
     * @return it
     */
    public static Broker startNew(long handshakeMillis) {
        return new Broker(Handshake.key(), handshakeMillis, true);
    }

    /**
     * @return how many clients' calls the objects of this JVM's brokers hold parked ({@link Served#PARKED}): calls
     *         that wait with no thread of their own (for tests and diagnostics)
     */
    public static int parkedCalls() {
        int n = 0;
        for (Broker b : IN_THIS_JVM.values()) {
            for (Served o : b.objects.values()) {
                n += o.parkedCalls();
            }
        }
        return n;
    }

    /**
     * @return the socket clients connect to, once it is bound
     * @throws UncheckedIOException if it could not be bound
     */
    public String socketPath() {
        awaitBound();
        return socket.toString();
    }

    /** @return the private directory holding the socket */
    public Path directory() {
        return dir.path();
    }

    /** @return whether {@link #close()} ran */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Creates an object of the given kind on this broker.
     *
     * @param kind what to create
     * @param args its constructor arguments (as listed on {@link Kind})
     * @return the reference proxies use to reach it
     */
    public RemoteRef create(Kind kind, Object... args) {
        if (closed) {
            throw new IllegalStateException("the object server is closed");
        }
        long id = ids.incrementAndGet();
        objects.put(id, kind.create(args));
        return new RemoteRef(socket.toString(), id);
    }

    /**
     * Ties the life of object {@code ref} of this broker, made in this JVM, to {@code ref} itself: every
     * handle of the object made here holds that {@link RemoteRef}, and a call through it keeps it reachable
     * until the call returns. Once it is unreachable (or cleaned through the returned
     * {@link Cleaner.Cleanable}) and no handle of the object was ever serialized ({@link #markShared}),
     * nothing can reach the object any more: it is dropped, with whatever it holds (the items of a queue).
     * An object whose handle was serialized may be held by another process: it stays while this broker runs.
     *
     * @param ref the reference {@link #create} returned, held by the object's handles
     * @return cleans the tie at once (e.g. at {@code close()}); idempotent
     */
    public Cleaner.Cleanable holdLocally(RemoteRef ref) {
        return CLEANER.register(ref, new DropUnlessShared(this, ref.id()));
    }

    /** The cleaning action of {@link #holdLocally}; it holds the broker and the id, never the reference. */
    private record DropUnlessShared(Broker broker, long id) implements Runnable {
        @Override
        public void run() {
            broker.dropUnlessShared(id);
        }
    }

    private void dropUnlessShared(long id) {
        if (!shared.contains(id)) {
            Served gone = objects.remove(id);
            if (gone != null) {
                for (Session s : sessions) {
                    s.touched.remove(gone);   // sessions of this JVM's threads that used it
                }
            }
        }
    }

    /**
     * Records that a reference to an object is being serialized, so it may reach another process: the
     * object then stays while the broker that owns it runs. Does nothing for a reference to another broker.
     *
     * @param ref the reference
     */
    static void markShared(RemoteRef ref) {
        Broker b;
        synchronized (LOCAL_LOCK) {
            b = local;
        }
        if (b != null && b.socket.toString().equals(ref.socket())) {
            b.awaitBound();   // the reference may reach another process, which will connect
            b.shared.add(ref.id());
        }
    }

    /**
     * How many objects this broker serves now (for diagnostics and tests).
     *
     * @return the number of objects this broker holds
     */
    public int objectCount() {
        return objects.size();
    }

    /**
     * Serves an object made by the caller (a manager's registered type).
     *
     * @param s the object
     * @return its id on this broker
     */
    long serve(Served s) {
        if (closed) {
            throw new IllegalStateException("the object server is closed");
        }
        long id = ids.incrementAndGet();
        objects.put(id, s);
        return id;
    }

    /**
     * Serves an object at an id the caller chose (a manager's control object, at 0).
     *
     * @param id its id; those of {@link #create} are never 0
     * @param s  the object
     */
    void serveAt(long id, Served s) {
        objects.put(id, s);
    }

    /**
     * Also serves this broker's objects on {@code acceptor}, authenticating its peers with {@code
     * peerKey}; the acceptor is closed with the broker.
     *
     * @param acceptor where further peers connect
     * @param peerKey  the key they must prove
     * @param name     a name for the accepting thread
     */
    void listen(Acceptor acceptor, byte[] peerKey, String name) {
        acceptors.add(acceptor);
        if (closed) {
            acceptor.close();
            throw new IllegalStateException("the object server is closed");
        }
        byte[] k = peerKey.clone();
        Thread t = new Thread(() -> acceptLoop(acceptor, k), "pyconcurrent-manager-accept-" + name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The object {@code ref} names, if a broker of this JVM serves it and it may be called in process
     * ({@link Served#inProcess()}): its owner's threads then skip the socket.
     *
     * @param ref the object
     * @return the served object, or {@code null} to go through a connection
     */
    static Served inProcess(RemoteRef ref) {
        Broker b = IN_THIS_JVM.get(ref.socket());
        if (b == null || b.closed) {
            return null;
        }
        Served s = b.objects.get(ref.id());
        return s != null && s.inProcess() ? s : null;
    }

    /** Stops the broker: no new connections, every open connection closed, socket removed. */
    @Override
    public void close() {
        shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // already shutting down
        }
    }

    private void shutdown() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IN_THIS_JVM.remove(socket.toString(), this);
        awaitBinding();   // then the socket is bound (closed below) or the accept thread closed it: none is
                          // made after the directory is removed
        ServerSocketChannel listening;
        synchronized (this) {
            listening = server;
        }
        closeQuietly(listening);
        for (Acceptor a : acceptors) {
            a.close();
        }
        for (Session s : sessions) {
            s.closeChannel();
        }
        dir.close();
    }

    private void acceptLoop(Acceptor server, byte[] key) {
        while (!closed) {
            ByteChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (server.keepsAccepting(e) && !closed) {
                    continue;
                }
                return;
            }
            Session s = new Session(ch, sessionIds.incrementAndGet(), key);
            sessions.add(s);
            if (closed) {
                s.closeChannel();
            }
            s.start();
        }
    }

    /** One client connection: its reader and handler threads and the objects it touched. */
    public final class Session {
        private final ByteChannel ch;
        private final long id;
        /** The key its peer must prove (the broker's, or that of the socket it came in on). */
        private final byte[] key;
        private final Thread reader;
        private final Thread handler;
        private final LinkedBlockingQueue<Object[]> mailbox = new LinkedBlockingQueue<>();
        private final Set<Served> touched = ConcurrentHashMap.newKeySet();
        private final Object callLock = new Object();
        private final Object writeLock = new Object();
        private long currentCall = -1; // guarded by callLock
        private long cancelled = -1; // guarded by callLock: a CANCEL that arrived before its call ran
        private volatile long clientPid = -1;
        private volatile boolean retired;
        /** The reader's: the object of the last call, which may have parked it ({@link Served#PARKED}). */
        private Served parkedOn;
        private final ByteBuffer in = ByteBuffer.allocate(1 << 16).flip();   // guarded by baton: bytes read, not parsed
        /** Held by the thread that reads the socket and runs its frames: the reader, or a leader. */
        private final ReentrantLock baton = new ReentrantLock();
        /** The thread of this JVM that leads this connection ({@link #lead}), if any. */
        private final AtomicReference<Thread> leader = new AtomicReference<>();
        private Selector leaderWaitsOn; // guarded by baton: the leader's selector
        /** When the last leader was done: the reader stays away until {@link #LEND_LINGER_NANOS} after. */
        private volatile long leaderDone;
        /** The reader's wait for input, once the channel is non-blocking (a Unix domain socket); else null. */
        private volatile Selector readable;
        /** Whether the reader waits on {@link #readable} now: a new leader must wake it. */
        private volatile boolean readerWaits;
        /** The session is over (its end seen by a leader or by the reader): nobody leads it again. */
        private volatile boolean ended;
        private Selector writable; // guarded by writeLock: waits for room when a non-blocking write is short

        Session(ByteChannel ch, long id, byte[] key) {
            this.ch = ch;
            this.id = id;
            this.key = key;
            reader = new Thread(new Runnable() {   // classes, not method references: see prepare
                @Override
                public void run() {
                    readLoop();
                }
            }, "pyconcurrent-broker-read-" + id);
            reader.setDaemon(true);
            handler = new Thread(new Runnable() {
                @Override
                public void run() {
                    handleLoop();
                }
            }, "pyconcurrent-broker-call-" + id);
            handler.setDaemon(true);
        }

        void start() {
            reader.start();
        }

        /** @return whether the client closed this connection because its thread ended ({@link #BYE}): its process lives on */
        boolean retired() {
            return retired;
        }

        /** @return whether the client runs in the broker's own JVM */
        boolean isLocalClient() {
            return clientPid == Pid.self();
        }

        void closeChannel() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            Selector r = readable;
            if (r != null) {
                r.wakeup();   // the reader's untimed select; a leader notices within LEADER_CHECK_MILLIS
            }
        }

        private void readLoop() {
            ScheduledFuture<?> timeout = HandshakeTimeouts.TIMER.schedule(new Runnable() {
                @Override
                public void run() {
                    closeChannel();
                }
            }, handshakeMillis, TimeUnit.MILLISECONDS);
            try {
                BrokerAuth.serverSide(ch, key);
            } catch (IOException | RuntimeException e) {
                // wrong key, protocol error, too slow or gone: nothing of the peer is ever deserialized
                closeChannel();
                sessions.remove(this);
                return;
            } finally {
                timeout.cancel(false);
            }
            handler.start();
            if (ch instanceof SocketChannel sc) {
                try {
                    Selector sel = Selector.open();
                    sc.configureBlocking(false);
                    sc.register(sel, SelectionKey.OP_READ);
                    readable = sel;
                } catch (IOException e) {
                    closeChannel();
                }
            }
            try {
                while (true) {
                    awaitNoLeader();
                    baton.lock();
                    try {
                        if (ended || !nextFrame(true)) {
                            break;
                        }
                    } finally {
                        baton.unlock();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the connection broke or closed: the same end as BYE, but the process may be gone
            }
            ended = true;
            closeQuietly(readable);
            synchronized (writeLock) {
                closeQuietly(writable);
                writable = null;
            }
            mailbox.add(new Object[0]);
            synchronized (callLock) {
                handler.interrupt();
            }
        }

        /** The reader stays away while a leader reads, and for {@link #LEND_LINGER_NANOS} after. */
        private void awaitNoLeader() {
            while (true) {
                if (leader.get() != null) {
                    LockSupport.parkNanos(this, LEND_LINGER_NANOS);
                    continue;
                }
                long left = leaderDone + LEND_LINGER_NANOS - System.nanoTime();
                if (leaderDone == 0 || left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        }

        /**
         * Reads and runs one frame; the caller holds the baton.
         *
         * @param mayYield whether the reader gives the connection up, before a frame begins, to a leader
         * @return false when the peer said {@link #BYE}
         * @throws IOException at the end of the stream, or if it broke
         */
        private boolean nextFrame(boolean mayYield) throws IOException {
            if (!fill(HEADER, mayYield)) {
                return true;   // a leader takes over
            }
            int len = in.getInt();
            byte type = in.get();
            long callId = in.getLong();
            if (len < 0) {
                throw new IOException("protocol error: frame length " + len);
            }
            int max = Limits.maxMessageBytes();
            if (len > max) {
                skip(len);   // never allocated; the connection stays in step
                if (type == CALL) {
                    answer(ERR, callId, new IllegalArgumentException(Limits.tooLarge("a call", len, max)));
                }
                return true;
            }
            byte[] payload = payload(len);
            if (type == CALL) {
                runOrPass(callId, payload);
            } else if (type == CAST) {
                runCast(payload);
            } else if (type == CANCEL) {
                Served p = parkedOn;
                if (p != null && p.cancelParked(this, callId)) {
                    return true;
                }
                synchronized (callLock) {
                    if (currentCall == callId) {
                        handler.interrupt();
                    } else {
                        cancelled = callId;
                    }
                }
            } else if (type == BYE) {
                retired = true;
                return false;
            } else {
                throw new IOException("protocol error: frame type " + type);
            }
            return true;
        }

        /**
         * Reads into {@code b} what the socket has, waiting on the reader's selector (or, for a leader, its
         * own) if there is nothing yet; a blocking channel just blocks.
         *
         * @param mayYield whether to give up (returning -2), before reading, when a leader wants the connection
         * @return bytes read, -1 at the end of the stream, -2 when it gave up
         */
        private int readSome(ByteBuffer b, boolean mayYield) throws IOException {
            boolean leading = leader.get() == Thread.currentThread();
            Selector sel = leading ? leaderWaitsOn : readable;
            while (true) {
                if (mayYield && leader.get() != null) {
                    return -2;
                }
                int n = ch.read(b);
                if (n != 0 || sel == null || !b.hasRemaining()) {
                    return n;
                }
                if (leading) {
                    long spin = Spin.start();   // a round trip's answer, usually: no sleep, no wake-up
                    while ((n = ch.read(b)) == 0 && Spin.again(spin)) {
                        // yielded
                    }
                    if (n != 0) {
                        return n;
                    }
                    waitAsLeader(sel);
                } else {
                    readerWaits = true;
                    try {
                        if (mayYield && leader.get() != null) {
                            return -2;
                        }
                        sel.select();
                    } finally {
                        readerWaits = false;
                    }
                    sel.selectedKeys().clear();
                    if (!ch.isOpen()) {
                        throw new EOFException();
                    }
                }
            }
        }

        /** A leader's wait for input (or for its {@code wakeup()}), bounded so that a closed channel is noticed. */
        private void waitAsLeader(Selector sel) throws IOException {
            sel.select(LEADER_CHECK_MILLIS);
            sel.selectedKeys().clear();
            if (!ch.isOpen()) {
                throw new EOFException();
            }
        }

        /** Reads and drops the next {@code n} bytes, from the buffer and then the socket, 64 KiB at a time. */
        private void skip(long n) throws IOException {
            int buffered = (int) Math.min(n, in.remaining());
            in.position(in.position() + buffered);
            n -= buffered;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(n, 1 << 16));
            while (n > 0) {
                buf.clear();
                if (n < buf.capacity()) {
                    buf.limit((int) n);
                }
                int r = readSome(buf, false);
                if (r < 0) {
                    throw new EOFException();
                }
                n -= r;
            }
        }

        /**
         * Reads until {@code n} bytes are buffered in {@link #in}: a batch of casts costs one read.
         *
         * @param mayYield whether to give up to a leader if nothing of the next frame is buffered
         * @return false if it gave up
         */
        private boolean fill(int n, boolean mayYield) throws IOException {
            if (in.remaining() >= n) {
                return true;
            }
            boolean nothingBuffered = !in.hasRemaining();
            in.compact();
            try {
                while (in.position() < n) {
                    int r = readSome(in, mayYield && nothingBuffered && in.position() == 0);
                    if (r == -2) {
                        return false;
                    }
                    if (r < 0) {
                        throw new EOFException();
                    }
                }
            } finally {
                in.flip();
            }
            return true;
        }

        /** The next {@code len} bytes, from the buffer and then the socket. */
        private byte[] payload(int len) throws IOException {
            byte[] payload = new byte[len];
            int n = Math.min(len, in.remaining());
            in.get(payload, 0, n);
            ByteBuffer rest = ByteBuffer.wrap(payload, n, len - n);
            while (rest.hasRemaining()) {
                if (readSome(rest, false) < 0) {
                    throw new EOFException();
                }
            }
            return payload;
        }

        private void handleLoop() {
            try {
                while (true) {
                    Object[] msg;
                    try {
                        msg = mailbox.take();
                    } catch (InterruptedException e) {
                        continue;
                    }
                    if (msg.length == 0) {
                        return;
                    }
                    long callId = (Long) msg[0];
                    byte type;
                    Object result;
                    synchronized (callLock) {
                        currentCall = callId;
                        if (cancelled == callId) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    try {
                        RemoteRef.Call call = (RemoteRef.Call) msg[1];
                        result = ((Served) msg[2]).call(call.op(), call.args(), this);
                        type = OK;
                    } catch (Throwable t) {
                        result = t;
                        type = ERR;
                    }
                    synchronized (callLock) {
                        currentCall = -1;
                        Thread.interrupted();
                    }
                    answer(type, callId, result);
                }
            } finally {
                Thread.interrupted();
                for (Served s : touched) {
                    try {
                        s.dropped(this);
                    } catch (RuntimeException ignored) {
                        // best effort: the others must still be released
                    }
                }
                closeChannel();
                sessions.remove(this);
            }
        }

        /**
         * On the reader thread: decodes a call and runs it at once if it need not wait
         * ({@link Served#tryNow}), else hands it to the handler thread. A client has at
         * most one call outstanding per connection, so the handler is idle whenever a
         * call arrives.
         */
        private void runOrPass(long callId, byte[] payload) {
            RemoteRef.Call call;
            Served target;
            Object result;
            try {
                call = CallCodec.decodeCall(payload);
                clientPid = call.pid();
                ChildProcess.awaitPrinted(call.pid(), call.printed());
                target = objects.get(call.object());
                if (target == null) {
                    throw new IllegalStateException("no such object on this server (id " + call.object() + ")");
                }
                touched.add(target);
                parkedOn = target;
                result = target.tryNow(call.op(), call.args(), this, callId);
            } catch (Throwable t) {
                answer(ERR, callId, t);
                return;
            }
            if (result == Served.PARKED) {
                return;   // the object answers it (answerParked); a CANCEL goes to it through parkedOn
            }
            if (result == Served.LATER) {
                mailbox.add(new Object[] {callId, call, target});
            } else {
                answer(OK, callId, result);
            }
        }

        /**
         * On the reader thread: runs a call whose client does not wait for an answer, at once and in
         * the order the casts arrived (a cast is only sent for operations that do not wait: a put to
         * an unbounded queue, a pipe send). A failure cannot reach the client: it is logged.
         */
        private void runCast(byte[] payload) {
            try {
                RemoteRef.Call call = CallCodec.decodeCall(payload);
                clientPid = call.pid();
                ChildProcess.awaitPrinted(call.pid(), call.printed());
                Served target = objects.get(call.object());
                if (target == null) {
                    throw new IllegalStateException("no such object on this server (id " + call.object() + ")");
                }
                touched.add(target);
                if (target.tryNow(call.op(), call.args(), this) == Served.LATER) {
                    target.call(call.op(), call.args(), this);
                }
            } catch (Throwable t) {
                LOG.get().warn("a call that its sender does not wait for failed: {}", t.toString());
            }
        }

        /**
         * Answers a call an object parked ({@link Served#PARKED}), from the thread that made its answer
         * available.
         *
         * @param ok     whether {@code result} is a result (else a failure to rethrow in the caller)
         * @param result the result or the failure
         */
        void answerParked(long callId, boolean ok, Object result) {
            answer(ok ? OK : ERR, callId, result);
        }

        /** Answers a parked call that its client interrupted ({@code CANCEL}), as Python's interrupted wait. */
        void answerInterrupted(long callId, String call) {
            answer(ERR, callId, new dev.pyconcurrent.ThreadInterruptedException(call + " interrupted", new InterruptedException()));
        }

        private void answer(byte type, long callId, Object result) {
            CallCodec.Out out;
            try {
                out = CallCodec.encodeValue(result);
            } catch (IllegalArgumentException e) {
                type = ERR;
                out = CallCodec.encodeValue(new IllegalStateException("result cannot be sent back: " + e.getMessage()));
            }
            int max = Limits.maxMessageBytes();
            if (out.size() - HEADER > max) {
                type = ERR;
                out = CallCodec.encodeValue(new IllegalStateException(
                        Limits.tooLarge("the result", out.size() - HEADER, max)));
            }
            try {
                write(out.frame(type, callId));
            } catch (IOException e) {
                closeChannel();
            }
        }

        private void write(ByteBuffer buf) throws IOException {
            synchronized (writeLock) {
                while (buf.hasRemaining()) {
                    if (ch.write(buf) == 0 && readable != null) {   // non-blocking, and the peer's buffer is full
                        if (ended) {
                            throw new EOFException();   // its selectors are closed
                        }
                        if (writable == null) {
                            writable = Selector.open();
                            ((SocketChannel) ch).register(writable, SelectionKey.OP_WRITE);
                        }
                        writable.select(LEADER_CHECK_MILLIS);
                        writable.selectedKeys().clear();
                        if (!ch.isOpen()) {
                            throw new EOFException();
                        }
                    }
                }
            }
        }

        /**
         * Reads this connection on the calling thread of this JVM while it waits for something its peer may send
         * (a pipe's owner waiting in {@code recv} for what a child sends), running the frames it reads as the
         * reader would, until {@code done} holds. What the peer sends then wakes this thread directly.
         *
         * @param mine the selector this thread waits on, from {@link #leaderSelector()}: whoever makes
         *             {@code done} true calls {@link #wakeLeader} with it
         * @param done checked between frames
         * @return false, at once, if the connection cannot be lent (another thread leads it, it is not a Unix
         *         socket, or it ended): the caller waits as usual
         * @throws InterruptedException if interrupted while it led (the connection is left in step)
         */
        boolean lead(Selector mine, BooleanSupplier done) throws InterruptedException {
            Selector r = readable;
            if (r == null || ended || !leader.compareAndSet(null, Thread.currentThread())) {
                return false;
            }
            boolean interrupted = false;
            SelectionKey key = null;
            try {
                if (readerWaits) {
                    r.wakeup();   // the reader gives up its wait between frames
                }
                baton.lock();
                try {
                    leaderWaitsOn = mine;
                    while (!ended) {
                        if (frameBuffered()) {
                            if (!nextFrame(false)) {
                                ended = true;   // BYE: the reader ends the session
                            }
                            continue;
                        }
                        if (done.getAsBoolean()) {
                            break;   // looked at only once the frames already read are run: a stream's items reach
                                     // the owner in batches, not one lead each
                        }
                        in.compact();
                        int n;
                        try {
                            n = ch.read(in);
                        } finally {
                            in.flip();
                        }
                        if (n < 0) {
                            ended = true;   // the reader meets the end of the stream too, and ends the session
                        } else if (n == 0) {
                            if (key == null) {
                                // armed only when there is a wait: a leader that finds its frame read in no
                                // system call more. A selector keeps the connections it led, with no interest
                                // while it leads another.
                                SocketChannel sc = (SocketChannel) ch;
                                key = sc.keyFor(mine);
                                if (key == null) {
                                    key = sc.register(mine, SelectionKey.OP_READ);
                                } else {
                                    key.interestOps(SelectionKey.OP_READ);
                                }
                            }
                            waitAsLeader(mine);
                            if (Thread.interrupted()) {
                                interrupted = true;
                                break;
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    ended = true;   // the reader meets the same failure and ends the session
                } finally {
                    if (key != null && key.isValid()) {
                        try {
                            key.interestOps(0);
                        } catch (java.nio.channels.CancelledKeyException closedMeanwhile) {
                            // the connection closed: its key goes with it
                        }
                    }
                    baton.unlock();
                }
            } finally {
                leaderDone = System.nanoTime();
                leader.set(null);
                if (ended) {
                    LockSupport.unpark(reader);
                }
            }
            if (interrupted) {
                throw new InterruptedException();
            }
            return true;
        }

        /** @return whether {@link #in} holds a whole frame, or the start of one larger than it: read it through */
        private boolean frameBuffered() {
            if (in.remaining() < HEADER) {
                return false;
            }
            int len = in.getInt(in.position());
            return len < 0 || len > in.capacity() - HEADER || in.remaining() - HEADER >= len;
        }

        @Override
        public String toString() {
            return "Session-" + id;
        }
    }
}
