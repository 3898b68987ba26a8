package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.multiprocessing.AuthenticationException;
import dev.pyconcurrent.multiprocessing.BufferTooShortException;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerAuth;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerClientTest {
    static final byte[] KEY = "secret key".getBytes(StandardCharsets.US_ASCII);
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Set if a Tripwire is ever deserialized. */
    static volatile boolean tripped;

    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    /** Runs {@code body} in a new thread; {@link #get} waits for its result (bounded). */
    static final class Async<T> {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Async(java.util.function.Supplier<T> body) {
            thread = new Thread(() -> {
                try {
                    result.set(body.get());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
        }

        T get() throws InterruptedException {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the other side finished").isFalse();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            return result.get();
        }

        Throwable failure() throws InterruptedException {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the other side finished").isFalse();
            return failure.get();
        }
    }

    /** Waits until {@code t} waits in a selector (a thread in epoll_wait is RUNNABLE, not WAITING). */
    static void untilSelecting(Thread t) {
        Waits.until(t.getName() + " to wait in a selector", () -> Arrays.stream(t.getStackTrace())
                .anyMatch(e -> e.getClassName().contains("Selector") && e.getMethodName().startsWith("select")));
    }

    /** An accepted connection and a client connection to the same listener. */
    record Pair(SocketConnection server, SocketConnection client) {
    }

    Pair pair(Listener listener, byte[] clientKey, ConnectionOptions clientOptions) throws InterruptedException {
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        SocketConnection client = keep(Client.connect(listener.getAddress(), clientKey, clientOptions));
        return new Pair(keep(accepted.get()), client);
    }

    Pair pair(Listener listener) throws InterruptedException {
        return pair(listener, KEY, ConnectionOptions.defaults());
    }

    @Test
    void aDefaultListenerIsAUnixSocketThatAClientReachesWithTheProcessKey() throws Exception {
        // Python: Listener() binds a new AF_UNIX address; Client(listener.address) with the same authkey connects
        Listener listener = keep(new Listener());
        assertThat(listener.getAddress()).isInstanceOf(UnixDomainSocketAddress.class);
        Path socket = ((UnixDomainSocketAddress) listener.getAddress()).getPath();
        assertThat(socket).exists();
        assertThat(listener.getLastAccepted()).isNull();
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        SocketConnection client = keep(Client.connect(listener.getAddress()));
        SocketConnection server = keep(accepted.get());
        assertThat(listener.getLastAccepted()).isNotNull();
        client.send(new ArrayList<>(Arrays.asList(1, null, "two")));
        assertThat(server.recv()).isEqualTo(Arrays.asList(1, null, "two"));
        server.sendBytes("pong".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.recvBytes()).isEqualTo("pong".getBytes(StandardCharsets.US_ASCII));
        assertThat(listener.toString()).contains(socket.toString());
        listener.close();
        listener.close();
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).doesNotExist();
        client.send("still connected");
        assertThat(server.recv()).isEqualTo("still connected");
    }

    @Test
    void aTcpListenerOnLoopbackTalksBothWays() throws Exception {
        // Python: Listener(('localhost', 0), authkey=b'...'), Client(address, authkey=...), send/recv both ways
        Listener listener = keep(new Listener(LOOPBACK_ANY_PORT, KEY));
        InetSocketAddress address = (InetSocketAddress) listener.getAddress();
        assertThat(address.getPort()).isPositive();
        Pair p = pair(listener);
        p.client().send(42);
        p.server().send("answer");
        assertThat(p.server().recv()).isEqualTo(42);
        assertThat(p.client().recv()).isEqualTo("answer");
        p.client().send(null);
        assertThat(p.server().recv()).isNull();
        assertThat(p.server().toString()).startsWith("SocketConnection(");
    }

    @Test
    void aUnixListenerAtAGivenPathRemovesItsFileOnClose() throws Exception {
        // Python: Listener('/path/sock') binds that path and unlinks it on close()
        Path dir = Files.createTempDirectory("pyc-listener-test");
        Path sock = dir.resolve("s");
        try {
            Listener listener = new Listener(UnixDomainSocketAddress.of(sock), KEY);
            assertThat(sock).exists();
            Pair p = pair(listener);
            p.client().sendBytes(new byte[] {1});
            assertThat(p.server().recvBytes()).containsExactly(1);
            listener.close();
            assertThat(sock).doesNotExist();
        } finally {
            Files.deleteIfExists(sock);
            Files.delete(dir);
        }
    }

    @Test
    void pollSaysWhetherAMessageCanBeReceived() throws Exception {
        // Python: conn.poll() is False with nothing to read, True once a message (or EOF) is there
        Pair p = pair(keep(new Listener(null, KEY)));
        assertThat(p.server().poll()).isFalse();
        assertThat(p.server().poll(0.01)).isFalse();
        assertThat(p.server().poll(Duration.ZERO)).isFalse();
        p.client().sendBytes(new byte[0]);
        assertThat(p.server().poll(30)).isTrue();
        assertThat(p.server().poll(Duration.ofSeconds(30))).isTrue();
        assertThat(p.server().recvBytes()).isEmpty();
        assertThatThrownBy(() -> p.server().poll(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendBytesTakesAnOffsetAndASizeWithPythonsChecks() throws Exception {
        // Python: send_bytes(buf, offset, size) and its ValueErrors
        Pair p = pair(keep(new Listener(null, KEY)));
        byte[] b = "0123456789".getBytes(StandardCharsets.US_ASCII);
        p.client().sendBytes(b, 2, 3);
        assertThat(new String(p.server().recvBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");
        assertThatThrownBy(() -> p.client().sendBytes(b, -1, 1)).hasMessage("offset is negative");
        assertThatThrownBy(() -> p.client().sendBytes(b, 11, 0)).hasMessage("buffer length < offset");
        assertThatThrownBy(() -> p.client().sendBytes(b, 0, -1)).hasMessage("size is negative");
        assertThatThrownBy(() -> p.client().sendBytes(b, 5, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer length < offset + size");
    }

    @Test
    void recvBytesIntoFillsABufferOrRaisesBufferTooShortWithTheMessage() throws Exception {
        // Python: recv_bytes_into(buf[, offset]) returns the length; BufferTooShort carries the whole message
        Pair p = pair(keep(new Listener(null, KEY)));
        byte[] buf = new byte[8];
        p.client().sendBytes("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.server().recvBytesInto(buf)).isEqualTo(3);
        p.client().sendBytes("de".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.server().recvBytesInto(buf, 5)).isEqualTo(2);
        assertThat(new String(buf, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("abc\0\0de");
        p.client().sendBytes("toolong".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> p.server().recvBytesInto(buf, 4)).isInstanceOf(BufferTooShortException.class)
                .satisfies(e -> assertThat(((BufferTooShortException) e).getMessageBytes())
                        .isEqualTo("toolong".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> p.server().recvBytesInto(buf, -1)).hasMessageContaining("negative offset");
        assertThatThrownBy(() -> p.server().recvBytesInto(buf, 9)).hasMessageContaining("too large");
        ByteBuffer bb = ByteBuffer.allocate(4);
        bb.put((byte) 9);
        p.client().sendBytes(new byte[] {1, 2});
        assertThat(p.server().recvBytesInto(bb)).isEqualTo(2);
        assertThat(bb.position()).isEqualTo(3);
        assertThat(bb.array()).containsExactly(9, 1, 2, 0);
        p.client().sendBytes(new byte[] {1, 2});
        assertThatThrownBy(() -> p.server().recvBytesInto(bb)).isInstanceOf(BufferTooShortException.class);
        assertThat(p.server().poll()).isFalse();
    }

    @Test
    void aWrongAuthkeyFailsBothSidesAndTheListenerGoesOn() throws Exception {
        // Python: Client(address, authkey=wrong) raises AuthenticationError, and so does the listener's accept()
        Listener listener = keep(new Listener(LOOPBACK_ANY_PORT, KEY));
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        byte[] wrong = "wrong".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Client.connect(listener.getAddress(), wrong)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("digest sent was rejected");
        assertThat(accepted.failure()).isInstanceOf(AuthenticationException.class).hasMessageContaining("digest received was wrong");
        Pair p = pair(listener);
        p.client().send("fine");
        assertThat(p.server().recv()).isEqualTo("fine");
    }

    @Test
    void aClientThatDoesNotKnowTheListenersKeyFailsAndSoDoesAListenerThatDoesNotKnowTheClients() throws Exception {
        // Python: the challenge runs both ways; a server with the wrong key is refused by answer/deliver_challenge
        Listener listener = keep(new Listener(null, "other".getBytes(StandardCharsets.US_ASCII)));
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        assertThatThrownBy(() -> Client.connect(listener.getAddress(), KEY)).isInstanceOf(AuthenticationException.class);
        assertThat(accepted.failure()).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> new Listener(null, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("authkey");
        assertThatThrownBy(() -> Client.connect(listener.getAddress(), null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static byte[] readMessage(SocketChannel ch) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4);
        while (len.hasRemaining()) {
            if (ch.read(len) < 0) {
                throw new EOFException();
            }
        }
        ByteBuffer body = ByteBuffer.allocate(len.flip().getInt());
        while (body.hasRemaining()) {
            if (ch.read(body) < 0) {
                throw new EOFException();
            }
        }
        return body.array();
    }

    @Test
    void aSerializedObjectSentByARawSocketInsteadOfTheDigestIsNeverDeserialized() throws Exception {
        // Python: deliver_challenge reads a bounded raw message and unpickles nothing before the digest checks out
        tripped = false;
        Listener listener = keep(new Listener(null, KEY));
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        byte[] object = serialize(new Tripwire());
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(listener.getAddress());
            byte[] challenge = readMessage(raw);
            assertThat(new String(challenge, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("#CHALLENGE#");
            ByteBuffer out = ByteBuffer.allocate(4 + object.length + 4 + object.length);
            out.putInt(object.length).put(object).putInt(object.length).put(object).flip();
            while (out.hasRemaining()) {
                raw.write(out);
            }
            assertThat(accepted.failure()).isInstanceOf(AuthenticationException.class);
        }
        assertThat(tripped).isFalse();
    }

    @Test
    void aHugeLengthBeforeAuthenticationIsRefusedUnread() throws Exception {
        // Python: recv_bytes(256) during the challenge refuses longer messages
        Listener listener = keep(new Listener(null, KEY));
        Async<SocketConnection> accepted = new Async<>(listener::accept);
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(listener.getAddress());
            readMessage(raw);
            raw.write(ByteBuffer.allocate(4).putInt(0, 1 << 30));
            assertThat(accepted.failure()).isInstanceOf(AuthenticationException.class).hasMessageContaining("too long");
        }
    }

    @Test
    void aPeerThatSaysNothingFailsAcceptAfterTheHandshakeTimeout() throws Exception {
        // Python's accept() would wait forever for a silent peer; here the handshake is bounded
        Listener listener = keep(new Listener(null, KEY, ConnectionOptions.defaults().handshakeTimeout(0.2)));
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(listener.getAddress());
            assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("handshakeTimeout");
        }
        Pair p = pair(listener);
        p.client().send(1);
        assertThat(p.server().recv()).isEqualTo(1);
    }

    @Test
    void aClientWhoseListenerNeverAcceptsGivesUpAfterItsHandshakeTimeout() {
        // Python's Client waits for accept() forever; a handshake timeout bounds it
        Listener listener = keep(new Listener(null, KEY));
        assertThatThrownBy(() -> Client.connect(listener.getAddress(), KEY, ConnectionOptions.defaults().handshakeTimeout(Duration.ofMillis(200))))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anAddressInUseIsAClearError() throws Exception {
        // Python: binding an address in use raises OSError: [Errno 98] Address already in use
        Listener tcp = keep(new Listener(LOOPBACK_ANY_PORT, KEY));
        assertThatThrownBy(() -> new Listener(tcp.getAddress(), KEY)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BindException.class).hasMessageContaining("address already in use");
        Listener unix = keep(new Listener(null, KEY));
        assertThatThrownBy(() -> new Listener(unix.getAddress(), KEY)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BindException.class).hasMessageContaining("address already in use");
        assertThat(((UnixDomainSocketAddress) unix.getAddress()).getPath()).as("the first listener's socket is kept").exists();
    }

    @Test
    void bindingBeyondLoopbackIsAnExplicitChoice() {
        // Python binds what it is given; here 0.0.0.0 or a non-loopback interface needs allowRemote(true)
        assertThatThrownBy(() -> new Listener(new InetSocketAddress(0), KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowRemote");
        Listener wide = keep(new Listener(new InetSocketAddress(0), KEY, ConnectionOptions.defaults().allowRemote(true)));
        assertThat(((InetSocketAddress) wide.getAddress()).getPort()).isPositive();
        assertThatThrownBy(() -> new Listener(InetSocketAddress.createUnresolved("no.such.host.invalid", 1), KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Listener(new SocketAddress() {
            private static final long serialVersionUID = 1L;
        }, KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageLargerThanTheLimitIsRefusedBeforeItIsSentOrRead() throws Exception {
        // Python recv_bytes(maxlength) raises OSError for a longer message; here the limit is an option of each end
        Listener listener = keep(new Listener(null, KEY, ConnectionOptions.defaults().maxMessageBytes(1000)));
        Pair p = pair(listener);
        p.client().sendBytes(new byte[1000]);
        assertThat(p.server().recvBytes()).hasSize(1000);
        p.client().sendBytes(new byte[2000]);
        assertThatThrownBy(() -> p.server().recvBytes()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("2000 bytes").hasMessageContaining("maxMessageBytes");
        assertThat(p.server().isClosed()).isTrue();
        Pair q = pair(listener, KEY, ConnectionOptions.defaults().maxMessageBytes(10));
        assertThatThrownBy(() -> q.client().sendBytes(new byte[11])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> ConnectionOptions.defaults().maxMessageBytes(0)).isInstanceOf(IllegalArgumentException.class);
        q.client().sendBytes(new byte[10]);
        assertThat(q.server().recvBytes()).hasSize(10);
    }

    @Test
    void anAuthenticatedPeerAnnouncingAGigabyteIsRefusedWithoutAllocatingIt() throws Exception {
        // Python: recv_bytes(maxlength) checks the length before reading; here before allocating
        Listener listener = keep(new Listener(null, KEY));
        ByteBuffer[] headers = {ByteBuffer.allocate(4).putInt(0, 1 << 30),
            ByteBuffer.allocate(12).putInt(0, -1).putLong(4, Long.MAX_VALUE)};
        String[] said = {"1073741824 bytes is larger than the limit of 67108864", "9223372036854775807 bytes"};
        for (int i = 0; i < headers.length; i++) {
            Async<SocketConnection> accepted = new Async<>(listener::accept);
            try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                raw.connect(listener.getAddress());
                BrokerAuth.clientSide(raw, KEY);
                SocketConnection server = keep(accepted.get());
                raw.write(headers[i]);
                assertThatThrownBy(server::recvBytes).isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining(said[i]).hasMessageContaining("maxMessageBytes");
                assertThat(server.isClosed()).isTrue();
            }
        }
    }

    @Test
    void largeMessagesCrossInPiecesBothWaysAtOnce() throws Exception {
        // Python: send_bytes of a big buffer arrives whole while the other side sends too
        Pair p = pair(keep(new Listener(null, KEY)));
        byte[] big = new byte[5_000_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Async<byte[]> clientReader = new Async<>(() -> p.client().recvBytes());
        Async<byte[]> serverSide = new Async<>(() -> {
            p.server().sendBytes(big);
            return p.server().recvBytes();
        });
        p.client().sendBytes(big);
        assertThat(clientReader.get()).isEqualTo(big);
        assertThat(serverSide.get()).isEqualTo(big);
    }

    @Test
    void aClosedPeerIsEndOfFile() throws Exception {
        // Python: recv() after the peer closed raises EOFError; poll() is True
        Pair p = pair(keep(new Listener(null, KEY)));
        p.client().send("last");
        p.client().close();
        assertThat(p.server().recv()).isEqualTo("last");
        assertThat(p.server().poll(30)).isTrue();
        assertThatThrownBy(() -> p.server().recv()).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(EOFException.class);
        assertThatThrownBy(() -> p.server().recvBytes()).hasCauseInstanceOf(EOFException.class);
        Waits.until("a send to a closed peer fails", () -> {
            try {
                p.server().sendBytes(new byte[65536]);
                return false;
            } catch (UncheckedIOException expected) {
                return true;
            }
        });
    }

    @Test
    void aClosedEndRefusesEverythingAndCloseIsIdempotent() throws Exception {
        // Python: using a closed Connection raises OSError('handle is closed')
        Pair p = pair(keep(new Listener(null, KEY)));
        SocketConnection c = p.client();
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(() -> c.send(1)).isInstanceOf(IllegalStateException.class).hasMessage("handle is closed");
        assertThatThrownBy(c::recv).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::poll).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.sendBytes(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(c.toString()).endsWith(", closed)");
    }

    @Test
    void closingAnEndWakesAThreadBlockedInRecv() throws Exception {
        // Python: closing a connection ends a blocked recv() with an error instead of a hang
        Listener listener = keep(new Listener(null, KEY));
        for (int round = 0; round < 50; round++) {
            Pair p = pair(listener);
            Async<Object> reader = new Async<>(() -> p.server().recv());
            untilSelecting(reader.thread);
            p.server().close();
            assertThat(reader.failure()).isInstanceOf(IllegalStateException.class).hasMessage("handle is closed");
            p.client().close();
        }
    }

    @Test
    void anInterruptedRecvLosesNothing() throws Exception {
        // Python: KeyboardInterrupt in recv(); here ThreadInterruptedException, and the connection still works
        Listener listener = keep(new Listener(null, KEY));
        Pair p = pair(listener);
        for (int round = 0; round < 50; round++) {
            Async<Object> reader = new Async<>(() -> p.server().recv());
            untilSelecting(reader.thread);
            reader.thread.interrupt();
            assertThat(reader.failure()).isInstanceOf(ThreadInterruptedException.class);
            p.client().send("round " + round);
            assertThat(p.server().recv()).isEqualTo("round " + round);
        }
    }

    @Test
    void aSocketConnectionCannotBeSentToAnotherProcess() throws Exception {
        // Python pickles connections only while spawning; here sending one names what to do instead
        Pair p = pair(keep(new Listener(null, KEY)));
        assertThatThrownBy(() -> serialize(p.client())).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("send the listener's address");
        assertThatThrownBy(() -> p.client().send(p.server())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be sent to another process");
    }

    @Test
    void acceptCanBeBoundedAndIsEndedByClose() throws Exception {
        // Python: accept() blocks; here accept(timeout) raises TimeoutException and close() wakes a blocked accept
        Listener listener = new Listener(null, KEY);
        assertThatThrownBy(() -> listener.accept(0.05)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> listener.accept(Duration.ofMillis(10))).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> listener.accept(-1)).isInstanceOf(IllegalArgumentException.class);
        Async<SocketConnection> blocked = new Async<>(listener::accept);
        untilSelecting(blocked.thread);
        listener.close();
        assertThat(blocked.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(listener::accept).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectingWhereNothingListensIsAClearError() throws Exception {
        // Python: Client() to a missing socket raises FileNotFoundError / ConnectionRefusedError
        Path missing = Files.createTempDirectory("pyc-missing").resolve("none");
        assertThatThrownBy(() -> Client.connect(UnixDomainSocketAddress.of(missing), KEY)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot connect to " + missing);
        Files.delete(missing.getParent());
        Listener l = new Listener(LOOPBACK_ANY_PORT, KEY);
        SocketAddress gone = l.getAddress();
        l.close();
        assertThatThrownBy(() -> Client.connect(gone, KEY)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> Client.connect(InetSocketAddress.createUnresolved("no.such.host.invalid", 1), KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildProcessConnectsWithTheKeyItInherited() throws Exception {
        // Python: a child's current_process().authkey is its parent's, so Client(address) reaches the parent's Listener
        Listener listener = keep(new Listener());
        String path = ((UnixDomainSocketAddress) listener.getAddress()).getPath().toString();
        Process child = new Process((String where) -> {
            try (SocketConnection c = Client.connect(UnixDomainSocketAddress.of(where))) {
                c.send("hello from " + ProcessHandle.current().pid());
                c.send("got " + c.recv());
            }
        }, path);
        child.start();
        try (SocketConnection c = listener.accept(60)) {
            assertThat((String) c.recv()).startsWith("hello from ");
            c.send(7);
            assertThat(c.recv()).isEqualTo("got 7");
        }
        child.join();
        assertThat(child.getExitcode()).isZero();
    }
}
