package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.codec.StreamWorkTest;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limits the object server keeps after a peer authenticated (Python's manager trusts an authenticated
 * peer completely; here one bad message costs bounded memory and time, and the connection or server goes
 * on): frame sizes capped before allocating, decoding work bounded, and a time limit on authentication.
 */
class BrokerLimitsTest {
    private Broker broker;

    @AfterEach
    void stop() {
        System.clearProperty(Limits.MAX_MESSAGE_PROPERTY);
        if (broker != null) {
            broker.close();
        }
    }

    /** A client that speaks the protocol by hand, after authenticating with this process's key. */
    private static final class RawClient implements AutoCloseable {
        final SocketChannel ch;

        RawClient(Broker b) throws IOException {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(b.socketPath()));
            BrokerAuth.clientSide(ch, BrokerClient.processKey());
        }

        void write(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }

        void call(long id, RemoteRef.Call call) throws IOException {
            write(CallCodec.encodeCall(call).frame(Broker.CALL, id));
        }

        /** The next answer: its type, id and decoded value; fails if none comes within the time. */
        Object[] answer(Duration within) throws Exception {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    ByteBuffer head = read(Broker.HEADER);
                    int len = head.getInt();
                    byte type = head.get();
                    long id = head.getLong();
                    return new Object[] {type, id, CallCodec.decodeValue(read(len).array())};
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        ByteBuffer read(int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new EOFException();
                }
            }
            return b.flip();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static RemoteRef.Call put(RemoteRef dict, Object key, Object value) {
        return new RemoteRef.Call(dict.id(), Op.PUT, new Object[] {key, value}, ProcessHandle.current().pid());
    }

    @Test
    void aFrameAboveTheLimitIsReadPastAndAnsweredWithAnErrorNamingTheLimit() throws Exception {
        // Python would allocate whatever an authenticated peer announces; here the frame is never allocated
        System.setProperty(Limits.MAX_MESSAGE_PROPERTY, String.valueOf(1 << 20));
        broker = Broker.startNew();
        RemoteRef dict = broker.create(Kind.DICT);
        try (RawClient c = new RawClient(broker)) {
            int len = 3 << 20;
            ByteBuffer frame = ByteBuffer.allocate(Broker.HEADER + len);
            frame.putInt(len).put(Broker.CALL).putLong(5).position(Broker.HEADER + len).flip();
            long t0 = System.nanoTime();
            c.write(frame);
            Object[] a = c.answer(Duration.ofSeconds(60));
            System.out.printf("limits: a %d-byte frame above a %d-byte cap answered with an error in %.1f ms%n", len,
                    1 << 20, (System.nanoTime() - t0) / 1e6);
            assertThat(a[0]).isEqualTo(Broker.ERR);
            assertThat(a[1]).isEqualTo(5L);
            assertThat(a[2]).isInstanceOf(IllegalArgumentException.class);
            assertThat(((Throwable) a[2]).getMessage()).contains(String.valueOf(len), String.valueOf(1 << 20),
                    Limits.MAX_MESSAGE_PROPERTY);
            // the connection is still in step: the next call is answered
            c.call(6, put(dict, "k", "v"));
            Object[] next = c.answer(Duration.ofSeconds(60));
            assertThat(next[0]).isEqualTo(Broker.OK);
            assertThat(next[1]).isEqualTo(6L);
        }
        assertThat(dict.call(Op.GET, "k")).isEqualTo("v");
    }

    @Test
    void aPeerThatAnnouncesAGibibyteAndGoesAwayCostsNothing() throws Exception {
        // the 1 GiB header the fault report used: nothing is allocated, and legitimate calls stay quick
        broker = Broker.startNew();
        RemoteRef dict = broker.create(Kind.DICT);
        try (RawClient c = new RawClient(broker)) {
            ByteBuffer head = ByteBuffer.allocate(Broker.HEADER + 1000);
            head.putInt(1 << 30).put(Broker.CALL).putLong(1).position(Broker.HEADER + 1000).flip();
            c.write(head);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            dict.call(Op.PUT, "k" + i, i);
        }
        System.out.printf("limits: after a 1 GiB frame header, 100 legitimate calls took %.1f ms%n",
                (System.nanoTime() - t0) / 1e6);
        assertThat(dict.call(Op.SIZE)).isEqualTo(100);
    }

    @Test
    void anHonestCallerIsToldBeforeSendingAValueAboveTheLimit() {
        // the caller's own process refuses it first, naming the limit and how to raise it
        System.setProperty(Limits.MAX_MESSAGE_PROPERTY, String.valueOf(1 << 20));
        broker = Broker.startNew();
        // a dict is served through the socket even to its owner's threads (a queue is called in process)
        RemoteRef dict = broker.create(Kind.DICT);
        assertThatThrownBy(() -> dict.call(Op.PUT, "big", new byte[2 << 20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Limits.MAX_MESSAGE_PROPERTY);
        dict.call(Op.PUT, "small", new byte[1000]);
        assertThat(dict.call(Op.SIZE)).isEqualTo(1);
    }

    /** The classic nested-HashSet bomb: small on the wire, 2^depth hashCode calls to rebuild. */
    static Set<Object> hashSetBomb(int depth) {
        return StreamWorkTest.hashSetBomb(depth);
    }

    @Test
    void aSerializationBombIsRefusedQuicklyAndTheServerGoesOn() throws Exception {
        // Python's manager would unpickle it and spin; here its work is measured first and it is refused
        broker = Broker.startNew();
        RemoteRef dict = broker.create(Kind.DICT);
        try (RawClient c = new RawClient(broker)) {
            long t0 = System.nanoTime();
            c.call(9, put(dict, "bomb", (Serializable) hashSetBomb(40)));
            Object[] a = c.answer(Duration.ofSeconds(30));
            System.out.printf("limits: a depth-40 HashSet bomb refused in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            assertThat(a[0]).isEqualTo(Broker.ERR);
            assertThat(((Throwable) a[2]).getMessage()).contains("serialization bomb");
            c.call(10, put(dict, "k", "v"));
            assertThat(c.answer(Duration.ofSeconds(30))[0]).isEqualTo(Broker.OK);
        }
        // and through the ordinary client: the caller gets the refusal as an exception
        assertThatThrownBy(() -> dict.call(Op.PUT, "bomb", hashSetBomb(40)))
                .hasMessageContaining("serialization bomb");
        assertThat(dict.call(Op.SIZE)).isEqualTo(1);
        // no thread of the server keeps burning CPU for it
        assertNoBusyBrokerThread();
    }

    /** No server thread is deserializing or hashing (what a bomb that got through would keep doing). */
    private static void assertNoBusyBrokerThread() {
        Waits.until("no broker thread deserializing or hashing", () -> Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("pyconcurrent-broker"))
                .noneMatch(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("hashCode")
                        || f.getMethodName().equals("readObject"))), Duration.ofSeconds(20));
    }

    @Test
    void aConnectionThatNeverAuthenticatesIsClosedAndItsThreadEnds() throws Exception {
        // Python: deliver_challenge on a connection whose peer never answers; here it cannot hold a thread forever
        broker = Broker.startNew(300);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(broker.socketPath()));
            ByteBuffer in = ByteBuffer.allocate(1024);
            boolean closed = CompletableFuture.supplyAsync(() -> {
                try {
                    while (ch.read(in) >= 0) {
                        in.clear();   // the challenge, then nothing until the server closes
                    }
                    return true;
                } catch (IOException reset) {
                    return true;
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(closed).isTrue();
        }
        Waits.until("the session's reader thread ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("pyconcurrent-broker-read-") && t.isAlive()
                        && isSessionOf(t)), Duration.ofSeconds(20));
        // an honest client still gets in
        BrokerClient.probe(broker.socketPath(), BrokerClient.processKey());
    }

    /** Session reader threads of other brokers in this JVM may exist; those of this test's are all that matter. */
    private boolean isSessionOf(Thread t) {
        return java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(BrokerAuth.class.getName()));
    }
}
