package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Python's BaseManager(address, authkey): start(), get_server().serve_forever(), connect(). */
class RemoteManagerTest {
    private static final byte[] KEY = "abracadabra".getBytes(StandardCharsets.UTF_8);

    /** Set if a manager ever deserializes one: it must not, before authentication. */
    static volatile boolean tripped;

    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static Manager.Builder tcp() {
        return Manager.builder().address("127.0.0.1", 0).authkey(KEY);
    }

    private static Manager connectTo(Manager server) {
        return Manager.builder().address(server.getAddress()).authkey(KEY).connect();
    }

    @Test
    void aClientConnectsOverTcpAndMakesEveryBuiltInObjectInTheServer() {
        // Python: m = SyncManager(address, authkey); m.connect(); m.dict(), m.Queue(), m.Lock(), ... live in the server
        try (Manager server = tcp().start()) {
            InetSocketAddress a = (InetSocketAddress) server.getAddress();
            assertThat(a.getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.getPort()).isPositive();
            try (Manager client = connectTo(server)) {
                assertThat(client.getAddress()).isEqualTo(a);
                Map<String, Integer> d = client.dict();
                d.put("a", 1);
                assertThat(d).containsExactly(Map.entry("a", 1));
                List<String> l = client.list();
                l.add("x");
                assertThat(l).containsExactly("x");
                Queue<String> q = client.queue();
                q.put("item");
                assertThat(q.get()).isEqualTo("item");
                JoinableQueue<String> jq = client.joinableQueue();
                jq.put("job");
                jq.get();
                jq.taskDone();
                jq.join();
                SharedLock lock = client.lock();
                assertThat(lock.acquire(false)).isTrue();
                assertThat(lock.locked()).isTrue();
                lock.release();
                try (var h = client.rlock().hold()) {
                    assertThat(h).isNotNull();
                }
                SharedSemaphore s = client.semaphore(1);
                assertThat(s.acquire(false)).isTrue();
                assertThat(client.boundedSemaphore(2).getValue()).isEqualTo(2);
                SharedEvent e = client.event();
                e.set();
                assertThat(e.await(0.0)).isTrue();
                SharedCondition c = client.condition();
                try (var h = c.hold()) {
                    assertThat(c.await(0.01)).isFalse();
                }
                assertThat(client.barrier(1).await()).isZero();
                Namespace ns = client.namespace();
                ns.set("x", 1);
                assertThat(ns.get("x")).isEqualTo(1);
                ManagedValue v = client.value('i', 3);
                assertThat(v.getLong()).isEqualTo(3);
                ManagedArray arr = client.array('d', List.of(1.5, 2.5));
                assertThat(arr.getDoubles(0, 2)).containsExactly(1.5, 2.5);
                Set<Integer> set = client.set();
                set.add(1);
                assertThat(set).containsExactly(1);
            }
        }
    }

    @Test
    void aTcpClientRefusesACallAboveTheMessageLimitBeforeSendingIt() {
        String limit = dev.pyconcurrent.multiprocessing.internal.broker.Limits.MAX_MESSAGE_PROPERTY;
        try (Manager server = tcp().start(); Manager client = connectTo(server)) {
            Map<String, byte[]> d = client.dict();
            System.setProperty(limit, String.valueOf(1 << 20));
            try {
                assertThatThrownBy(() -> d.put("big", new byte[2 << 20]))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(limit);
                d.put("small", new byte[1000]);
                assertThat(d.keySet()).containsExactly("small");
            } finally {
                System.clearProperty(limit);
            }
        }
    }

    @Test
    void aServerThatAnnouncesAnAnswerAboveTheLimitGetsAClearErrorNotAnAllocation() throws Exception {
        // an authenticated server whose answer claims 512 MiB (the default limit is 256 MiB): the client
        // reads the length, allocates nothing of that size and drops the connection
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            Thread server = new Thread(() -> {
                for (int conn = 0; conn < 3; conn++) {   // the client may probe first, then connect for its calls
                    try (SocketChannel ch = listener.accept()) {
                        DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
                        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
                        fakeServerHandshake(in, out, KEY);
                        int len = in.readInt();                  // the client's first call: answer it
                        in.readByte();
                        long id = in.readLong();
                        in.readFully(new byte[len]);
                        out.writeInt(512 << 20);
                        out.writeByte(1);
                        out.writeLong(id);
                        out.flush();
                        in.read();   // until the client hangs up
                        return;
                    } catch (IOException e) {
                        // a probe that hung up after the handshake: take the next connection
                    }
                }
            });
            server.start();
            assertThatThrownBy(() -> {
                try (Manager client = Manager.builder().address(listener.getLocalAddress()).authkey(KEY).connect()) {
                    client.dict();
                }
            }).hasStackTraceContaining("an answer of " + (512 << 20) + " bytes is larger than the limit");
            server.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(server.isAlive()).isFalse();
        }
    }

    @Test
    void registeredTypesAreServedToRemoteClientsByTypeid() {
        // Python: QueueManager.register('get_queue', callable=lambda: queue) in the server; m.get_queue() in a client
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Map<String, String> table = new ConcurrentHashMap<>();
        try (Manager server = tcp().register("get_queue", BlockingQueue.class, () -> queue)
                .register("get_table", Map.class, () -> table)
                .register("Counter", ManagerRegisterTest.Counter.class, ManagerRegisterTest.CounterImpl.class).start();
             Manager client = connectTo(server)) {
            BlockingQueue<String> q = client.create("get_queue", BlockingQueue.class);
            q.add("hello");
            assertThat(queue).containsExactly("hello");
            Map<String, String> t = client.create("get_table", Map.class);
            t.put("k", "v");
            assertThat(table).containsEntry("k", "v");
            ManagerRegisterTest.Counter c = client.create("Counter", ManagerRegisterTest.Counter.class, 41);
            assertThat(c.increment()).isEqualTo(42);
            assertThatThrownBy(() -> c.fail("remote boom")).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("remote boom");
            assertThatThrownBy(() -> client.create("nope", Map.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[Counter, get_queue, get_table]");
            assertThatThrownBy(() -> client.create("Counter", ManagerRegisterTest.Counter.class, "x"))
                    .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("no counter from x");
        }
    }

    @Test
    void aManagerAtAUnixSocketPathServesWithItsAuthkeyAndRemovesTheFile(@TempDir Path dir) {
        // Python: BaseManager(address='/path/to/socket', authkey=...) on an AF_UNIX listener
        Path socket = dir.resolve("manager.sock");
        Manager server = Manager.builder().address(socket.toString()).authkey(KEY).start();
        assertThat(server.getAddress()).isEqualTo(UnixDomainSocketAddress.of(socket));
        assertThat(socket).exists();
        try (Manager client = Manager.builder().address(UnixDomainSocketAddress.of(socket)).authkey(KEY).connect()) {
            Map<String, Integer> d = client.dict();
            d.put("n", 7);
            assertThat(d.get("n")).isEqualTo(7);
            assertThatThrownBy(() -> Manager.builder().address(socket.toString()).authkey("wrong".getBytes()).connect())
                    .isInstanceOf(AuthenticationException.class);
            server.shutdown();
            assertThat(socket).doesNotExist();
            assertThatThrownBy(() -> d.get("n")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aManagerWithTheDefaultKeyIsReachedFromAChildProcess() {
        // Python: authkey defaults to current_process().authkey, which children inherit
        try (Manager server = Manager.builder().address("127.0.0.1", 0).start();
             Manager client = Manager.builder().address(server.getAddress()).connect()) {
            Map<String, Integer> d = client.dict();
            Process p = new Process(() -> d.put("child", 1));
            p.start();
            p.join();
            assertThat(p.getExitcode()).isZero();
            assertThat(d).containsEntry("child", 1);
        }
    }

    @Test
    void aManagerWithoutAnAddressIsReachedAtItsOwnSocketWithTheProcessKey() {
        // Python: Manager().address can be given to another manager's connect() with the same authkey
        try (Manager server = Manager.start()) {
            assertThat(server.getAddress()).isInstanceOf(UnixDomainSocketAddress.class);
            try (Manager client = Manager.builder().address(server.getAddress()).connect()) {
                Map<String, Integer> d = client.dict();
                d.put("a", 1);
                assertThat(d.get("a")).isEqualTo(1);
            }
        }
    }

    @Test
    void aWrongAuthkeyIsAnAuthenticationException() {
        // Python: connect() with a wrong authkey raises AuthenticationError('digest received was wrong')
        try (Manager server = tcp().start()) {
            assertThatThrownBy(() -> Manager.builder().address(server.getAddress()).authkey("wrong".getBytes()).connect())
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> Manager.builder().address(server.getAddress()).connect())
                    .as("the process key is not the manager's").isInstanceOf(AuthenticationException.class);
            try (Manager ok = connectTo(server)) {
                assertThat(ok.dict()).isEmpty();
            }
        }
    }

    @Test
    void aSerializedObjectSentBeforeAuthenticationIsNeverDeserialized() throws Exception {
        // Python: deliver_challenge reads at most 256 raw bytes and unpickles nothing before the digest checks out
        tripped = false;
        byte[] object = serialize(new Tripwire());
        try (Manager server = tcp().start()) {
            InetSocketAddress a = (InetSocketAddress) server.getAddress();
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] challenge = new byte[in.readInt()];
                in.readFully(challenge);
                assertThat(new String(challenge, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("#CHALLENGE#");
                ByteBuffer out = ByteBuffer.allocate(4 + object.length + 13 + object.length);
                out.putInt(object.length).put(object);
                out.putInt(object.length).put((byte) 1).putLong(1).put(object);
                OutputStream o = s.getOutputStream();
                o.write(out.array());
                o.flush();
                assertThat(readUntilClosed(s.getInputStream())).isIn("", "\0\0\0\u0009#FAILURE#");
            }
            assertThat(tripped).isFalse();
            try (Manager ok = connectTo(server)) {
                assertThat(ok.list()).isEmpty();
            }
            assertThat(tripped).isFalse();
        }
    }

    @Test
    void aPeerThatNeverAuthenticatesIsDroppedAfterTheHandshakeTimeout() throws Exception {
        // Python: a listener waits for the challenge answer; here a silent peer is dropped after the limit
        try (Manager server = tcp().handshakeTimeout(0.3).start()) {
            InetSocketAddress a = (InetSocketAddress) server.getAddress();
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readFully(new byte[in.readInt()]);
                assertThat(readUntilClosed(in)).isEmpty();
            }
        }
    }

    @Test
    void anAddressInUseIsAClearException(@TempDir Path dir) {
        // Python: binding an address in use raises OSError: [Errno 98] Address already in use
        try (Manager server = tcp().start()) {
            assertThatThrownBy(() -> Manager.builder().address(server.getAddress()).authkey(KEY).start())
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BindException.class)
                    .hasMessageContaining("address already in use");
            assertThatThrownBy(() -> Manager.builder().address(server.getAddress()).authkey(KEY).getServer())
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("address already in use");
        }
        Path socket = dir.resolve("m.sock");
        try (Manager server = Manager.builder().address(socket.toString()).authkey(KEY).start()) {
            assertThatThrownBy(() -> Manager.builder().address(socket.toString()).authkey(KEY).start())
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("address already in use");
            assertThat(server.dict()).isEmpty();
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsNotReportedAsInUse(@TempDir Path dir) {
        // Python: binding an address no interface has raises OSError: [Errno 99] Cannot assign requested address
        assertThatThrownBy(() -> Manager.builder().address("192.0.2.1", 0).authkey(KEY).allowRemote(true).start())
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot listen on 192.0.2.1:0")
                .hasMessageNotContaining("in use");
        String missing = dir.resolve("no-such-directory").resolve("m.sock").toString();
        assertThatThrownBy(() -> Manager.builder().address(missing).authkey(KEY).start())
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot listen on " + missing);
    }

    @Test
    void bindingAnInterfaceOtherMachinesReachIsAnExplicitChoice() {
        // Python binds what it is given; here 0.0.0.0 needs allowRemote(true)
        assertThatThrownBy(() -> Manager.builder().address("0.0.0.0", 0).authkey(KEY).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowRemote(true)");
        try (Manager server = Manager.builder().address("0.0.0.0", 0).authkey(KEY).allowRemote(true).start();
             Manager client = Manager.builder().address("127.0.0.1", ((InetSocketAddress) server.getAddress()).getPort())
                     .authkey(KEY).connect()) {
            assertThat(((InetSocketAddress) server.getAddress()).getAddress().isAnyLocalAddress()).isTrue();
            assertThat(client.list()).isEmpty();
        }
    }

    @Test
    void badAddressesAndOptionsAreRefused() {
        // Python: a bad address raises (ValueError / OSError); connect() needs an address
        assertThatThrownBy(() -> Manager.builder().address("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manager.builder().address("127.0.0.1:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manager.builder().address("127.0.0.1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manager.builder().handshakeTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manager.builder().handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manager.builder().authkey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Manager.builder().connect()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("address");
        assertThatThrownBy(() -> Manager.builder().address("127.0.0.1", 1).register("x", Runnable.class, () -> () -> { })
                .connect()).isInstanceOf(IllegalStateException.class).hasMessageContaining("registered");
        assertThat(Manager.builder().address("[::1]:0")).isNotNull();
    }

    @Test
    void connectingToAnAddressWhereNothingListensIsAClearException() throws Exception {
        // Python: connect() to nothing raises ConnectionRefusedError
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> Manager.builder().address("127.0.0.1", port).authkey(KEY).connect())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot reach the manager at tcp://127.0.0.1:" + port);
    }

    @Test
    void tlsServesOnLoopbackWithAUserGivenContext() throws Exception {
        // Python has no TLS for managers; here ssl(context) wraps both ends, the authkey challenge runs inside
        SelfSignedTls tls = SelfSignedTls.generate();
        SSLContext serverContext = tls.context();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        try (Manager server = Manager.builder().address("localhost", 0).authkey(KEY).ssl(serverContext)
                .register("get_queue", BlockingQueue.class, () -> queue).start()) {
            int port = ((InetSocketAddress) server.getAddress()).getPort();
            try (Manager client = Manager.builder().address("localhost", port).authkey(KEY).ssl(tls.clientContext()).connect()) {
                BlockingQueue<String> q = client.create("get_queue", BlockingQueue.class);
                q.put("over tls");
                assertThat(queue.poll()).isEqualTo("over tls");
                Map<String, Integer> d = client.dict();
                d.put("x", 1);
                assertThat(d.get("x")).isEqualTo(1);
                Queue<String> mq = client.queue();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    try {
                        mq.get();
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                t.start();
                Waits.until("get() waits in the manager", () -> ProcessQueueTest.waitingGets() == 1);
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(thrown.get()).isInstanceOf(ThreadInterruptedException.class);
                mq.put("kept");
                assertThat(mq.get()).isEqualTo("kept");
            }
            assertThatThrownBy(() -> Manager.builder().address("localhost", port).authkey(KEY).ssl(SelfSignedTls.untrusting()).connect())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS");
            assertThatThrownBy(() -> Manager.builder().address("localhost", port).authkey("wrong".getBytes())
                    .ssl(tls.clientContext()).connect()).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> Manager.builder().address("localhost", port).authkey(KEY).handshakeTimeout(2).connect())
                    .as("a plain client of a TLS server").isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> Manager.builder().address("/tmp/pyc-no-tls.sock").authkey(KEY).ssl(serverContext).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS is for TCP");
        assertThatThrownBy(() -> Manager.builder().ssl(serverContext).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS needs a TCP address");
    }

    @Test
    void anInterruptedWaitOverTcpIsCancelledAndLosesNothing() throws Exception {
        // Python: an interrupted blocking proxy call; here it is cancelled in the manager, the next item is not taken
        try (Manager server = tcp().start(); Manager client = connectTo(server)) {
            Queue<String> q = client.queue();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    q.get();
                } catch (Throwable e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            Waits.until("get() waits in the manager", () -> ProcessQueueTest.waitingGets() == 1);
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(ThreadInterruptedException.class);
            assertThat(flag.get()).isTrue();
            q.put("next");
            assertThat(q.get(5.0)).isEqualTo("next");
        }
    }

    @Test
    void getServerServesForeverUntilShutdown() throws Exception {
        // Python: m.get_server().serve_forever() serves clients until the server stops
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        ManagerServer server = tcp().register("get_queue", BlockingQueue.class, () -> queue).getServer();
        assertThat(server.toString()).startsWith("ManagerServer(");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread serving = new Thread(() -> {
            try {
                server.serveForever();
                ended.set(new Throwable("returned"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        serving.start();
        Manager client = Manager.builder().address(server.getAddress()).authkey(KEY).connect();
        BlockingQueue<String> q = client.create("get_queue", BlockingQueue.class);
        q.put("served");
        assertThat(queue.take()).isEqualTo("served");
        server.shutdown();
        serving.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(ended.get()).hasMessage("returned");
        assertThatThrownBy(() -> q.put("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        client.close();
    }

    @Test
    void anInterruptedServeForeverShutsTheServerDown() throws Exception {
        // Python: KeyboardInterrupt ends serve_forever()
        ManagerServer server = tcp().getServer();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread serving = new Thread(() -> {
            try {
                server.serveForever();
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        serving.start();
        Waits.untilBlocked(serving);
        serving.interrupt();
        serving.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(ended.get()).isInstanceOf(ThreadInterruptedException.class);
        assertThatThrownBy(() -> Manager.builder().address(server.getAddress()).authkey(KEY).connect())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAConnectedManagerLeavesTheServerAndItsProxiesRunning() {
        // Python: a connected manager cannot shut down the server it connected to
        try (Manager server = tcp().start()) {
            Manager client = connectTo(server);
            Map<String, Integer> d = client.dict();
            client.close();
            assertThat(client.isClosed()).isTrue();
            assertThatThrownBy(client::dict).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            d.put("still", 1);
            assertThat(d).containsEntry("still", 1);
            assertThat(server.isClosed()).isFalse();
            try (Manager again = connectTo(server)) {
                assertThat(again.list()).isEmpty();
            }
        }
    }

    @Test
    void aManagerRestartedAtTheSameAddressIsReachedByANewConnectAndNotByOldProxies() {
        // Python: a new connect() reaches the new server; a proxy of the old one no longer finds its object
        int port;
        Map<String, Integer> old;
        try (Manager first = tcp().start()) {
            port = ((InetSocketAddress) first.getAddress()).getPort();
            Manager client = connectTo(first);
            old = client.dict();
            old.put("a", 1);
        }
        // the old server's accepted sockets may hold the port until the old client's side closes them:
        // a restart tries again for a bounded time, as a restarted server program would
        Manager[] started = new Manager[1];
        Waits.until("the port of the first manager is free again", () -> {
            try {
                started[0] = Manager.builder().address("127.0.0.1", port).authkey(KEY).start();
                return true;
            } catch (java.io.UncheckedIOException inUse) {
                return false;
            }
        });
        try (Manager second = started[0];
             Manager client = connectTo(second)) {
            Map<String, Integer> fresh = client.dict();
            fresh.put("b", 2);
            assertThat(fresh).containsExactly(Map.entry("b", 2));
            assertThatThrownBy(() -> old.get("a")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> old.get("a")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no such object");
        }
    }

    @Test
    void aRawClientThatAnswersWithTheWrongKeyIsRefusedAndWhatItSendsNextIsNeverDeserialized() throws Exception {
        // Python: deliver_challenge answers a wrong digest with #FAILURE# and AuthenticationError, unpickling nothing
        tripped = false;
        byte[] object = serialize(new Tripwire());
        try (Manager server = tcp().start()) {
            InetSocketAddress a = (InetSocketAddress) server.getAddress();
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                byte[] challenge = new byte[in.readInt()];
                in.readFully(challenge);
                byte[] digest = hmacSha256("wrong".getBytes(StandardCharsets.US_ASCII), challenge);
                out.writeInt(digest.length);
                out.write(digest);
                out.flush();
                byte[] verdict = new byte[in.readInt()];
                in.readFully(verdict);
                assertThat(new String(verdict, StandardCharsets.US_ASCII)).isEqualTo("#FAILURE#");
                try {
                    out.writeInt(object.length + 9);   // a CALL frame carrying a serialized object
                    out.writeByte(1);
                    out.writeLong(1);
                    out.write(object);
                    out.flush();
                } catch (IOException closed) {
                    // the manager has already hung up
                }
                assertThat(readUntilClosed(in)).isEmpty();
            }
            assertThat(tripped).isFalse();
            try (Manager ok = connectTo(server)) {
                assertThat(ok.dict()).isEmpty();
            }
            assertThat(tripped).isFalse();
        }
    }

    @Test
    void aClientRefusesAServerThatDoesNotKnowTheKeyBeforeDeserializingAnything(@TempDir Path dir) throws Exception {
        // Python: answer_challenge, then deliver_challenge: the client also checks the server's digest
        refusesAnImpostor(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        refusesAnImpostor(UnixDomainSocketAddress.of(dir.resolve("impostor.sock")));
    }

    /**
     * A raw server at {@code bind} that says #WELCOME# to any answer, answers the client's challenge with
     * the wrong key and then sends serialized objects: the client must refuse it and deserialize nothing.
     */
    private static void refusesAnImpostor(java.net.SocketAddress bind) throws Exception {
        tripped = false;
        byte[] object = serialize(new Tripwire());
        try (ServerSocketChannel listener = bind instanceof UnixDomainSocketAddress
                ? ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX) : ServerSocketChannel.open()) {
            listener.bind(bind);
            java.net.SocketAddress at = listener.getLocalAddress();
            AtomicReference<Object> clientVerdict = new AtomicReference<>();
            Thread impostor = new Thread(() -> {
                try (SocketChannel ch = listener.accept()) {
                    DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
                    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
                    clientVerdict.set(fakeServerHandshake(in, out, "wrong".getBytes(StandardCharsets.US_ASCII)));
                    out.writeInt(object.length);     // raw, and as an answer frame
                    out.write(object);
                    out.writeInt(object.length + 9);
                    out.writeByte(1);
                    out.writeLong(1);
                    out.write(object);
                    out.flush();
                } catch (IOException e) {
                    clientVerdict.compareAndSet(null, e);
                }
            });
            impostor.start();
            assertThatThrownBy(() -> Manager.builder().address(at).authkey(KEY).handshakeTimeout(20).connect())
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("digest received was wrong");
            impostor.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(impostor.isAlive()).isFalse();
            assertThat(clientVerdict.get()).isEqualTo("#FAILURE#");
        }
        assertThat(tripped).isFalse();
    }

    /**
     * The server's side of the authkey handshake, played by a test: challenges the client and takes its
     * digest on trust, then answers the client's challenge with {@code digestKey}.
     *
     * @return the client's verdict on that answer ({@code #WELCOME#} or {@code #FAILURE#})
     */
    private static String fakeServerHandshake(DataInputStream in, DataOutputStream out, byte[] digestKey)
            throws IOException {
        byte[] challenge = ("#CHALLENGE#" + "x".repeat(32)).getBytes(StandardCharsets.US_ASCII);
        out.writeInt(challenge.length);
        out.write(challenge);
        out.flush();
        in.readFully(new byte[in.readInt()]);   // the client's digest, taken on trust
        byte[] welcome = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(welcome.length);
        out.write(welcome);
        out.flush();
        byte[] theirs = new byte[in.readInt()];
        in.readFully(theirs);
        byte[] digest = hmacSha256(digestKey, theirs);
        out.writeInt(digest.length);
        out.write(digest);
        out.flush();
        byte[] verdict = new byte[in.readInt()];
        in.readFully(verdict);
        return new String(verdict, StandardCharsets.US_ASCII);
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[256];
        try {
            int n;
            while ((n = in.read(b)) >= 0) {
                got.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the manager did not close the connection", e);
        } catch (java.net.SocketException reset) {
            // closed with our bytes unread
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }
}
