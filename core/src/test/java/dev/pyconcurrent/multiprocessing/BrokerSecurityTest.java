package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BrokerSecurityTest {
    /** Set if the broker ever deserializes one: it must not, before authentication. */
    static volatile boolean tripped;

    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    static Broker broker;

    @BeforeAll
    static void start() {
        broker = Broker.startNew();
        broker.create(Kind.LOCK);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theRightKeyIsAcceptedAndAWrongKeyIsRefusedWithAuthenticationException() {
        // Python: Client(address, authkey=wrong) raises AuthenticationError('digest received was wrong')
        byte[] wrong = new byte[32];
        BrokerClient.probe(broker.socketPath(), BrokerClient.processKey());
        assertThatThrownBy(() -> BrokerClient.probe(broker.socketPath(), wrong))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aSerializedObjectSentBeforeAuthenticationIsNeverDeserialized() throws Exception {
        // Python: deliver_challenge reads at most 256 raw bytes and unpickles nothing before the digest checks out
        tripped = false;
        byte[] object = serialize(new Tripwire());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(broker.socketPath()));
            byte[] challenge = readMessage(ch);
            assertThat(new String(challenge, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("#CHALLENGE#");
            // answer with the serialized object instead of a digest, then a full call frame holding it
            ByteBuffer out = ByteBuffer.allocate(4 + object.length + 15 + object.length);
            out.putInt(object.length).put(object);
            out.putInt(object.length).put((byte) 1).putLong(1).put(object).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            // the broker answers #FAILURE# (or resets at once, with our bytes unread) and closes
            String rest = readUntilClosed(ch);
            assertThat(rest).isIn("", "\0\0\0\u0009#FAILURE#");
        }
        assertThat(tripped).isFalse();
        // the server is still fine for an honest client
        BrokerClient.probe(broker.socketPath(), BrokerClient.processKey());
        assertThat(tripped).isFalse();
    }

    @Test
    void anOversizedPreAuthenticationMessageIsRefusedUnread() throws Exception {
        // Python: answers longer than 256 bytes before authentication are a protocol error
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(broker.socketPath()));
            readMessage(ch);
            ByteBuffer out = ByteBuffer.allocate(4 + 10_000);
            out.putInt(1 << 30).flip();
            ch.write(out);
            assertThat(readUntilClosed(ch)).isEmpty();
        }
    }

    @Test
    void theSocketDirectoryIsPrivateToItsOwner() throws Exception {
        // Python: Listener sockets live in a private temporary directory (mkdtemp, mode 0700)
        Path dir = broker.directory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(Path.of(broker.socketPath()).getParent()).isEqualTo(dir);
    }

    @Test
    void anotherLocalUserCannotOpenTheSocketDirectory() throws Exception {
        // Python: another user cannot reach a listener in a 0700 directory
        assumeTrue(new File("/usr/bin/setpriv").canExecute() && "root".equals(System.getProperty("user.name")),
                "needs root and setpriv to act as another user");
        java.lang.Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/bin/ls", broker.directory().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("Permission denied");
    }

    /** Everything the peer sends until it closes (a reset counts as closed). */
    private static String readUntilClosed(SocketChannel ch) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(256);
        try {
            while (ch.read(in) >= 0) {
                got.write(in.array(), 0, in.position());
                in.clear();
            }
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

    private static byte[] readMessage(SocketChannel ch) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4);
        while (len.hasRemaining()) {
            if (ch.read(len) < 0) {
                throw new IOException("closed");
            }
        }
        ByteBuffer body = ByteBuffer.allocate(len.flip().getInt());
        while (body.hasRemaining()) {
            if (ch.read(body) < 0) {
                throw new IOException("closed");
            }
        }
        return body.array();
    }
}
