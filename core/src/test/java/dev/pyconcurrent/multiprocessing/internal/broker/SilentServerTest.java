package dev.pyconcurrent.multiprocessing.internal.broker;

import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A socket whose server accepts connections and then says nothing does not hold a client forever. */
class SilentServerTest {
    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheConnectAfterTheHandshakeLimit() throws Exception {
        // Python: Client(address) to a listener that never sends the challenge blocks forever; here it fails
        Path dir = Files.createTempDirectory("pyc-silent");
        Path path = dir.resolve("s");
        List<SocketChannel> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        long before = BrokerClient.handshakeMillis;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());   // and never a byte
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            BrokerClient.handshakeMillis = 300;
            assertThatThrownBy(() -> BrokerClient.probe(path.toString(), BrokerClient.processKey()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not complete the handshake within 300 ms");
            assertThat(accepted).as("the server accepted it").isNotEmpty();
        } finally {
            BrokerClient.handshakeMillis = before;
            for (SocketChannel c : accepted) {
                c.close();
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }
}
