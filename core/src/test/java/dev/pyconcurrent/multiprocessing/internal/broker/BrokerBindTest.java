package dev.pyconcurrent.multiprocessing.internal.broker;

import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** This JVM's broker returns while its socket is bound in the background; its address goes out only once bound. */
class BrokerBindTest {
    @Test
    void itsAddressGoesOutOnlyOnceASocketListensThere() throws Exception {
        Broker b = Broker.startBinding();
        try {
            Path socket = Path.of(b.socketPath());   // waits for the bind
            assertThat(Files.exists(socket)).isTrue();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertThat(ch.connect(UnixDomainSocketAddress.of(socket))).isTrue();
            }
        } finally {
            b.close();
        }
    }

    @Test
    void aBrokerClosedWhileItBindsLeavesNoSocketAndNoDirectory() {
        for (int i = 0; i < 20; i++) {
            Broker b = Broker.startBinding();
            Path dir = b.directory();
            b.close();   // at once: the accept thread may not have bound yet
            assertThat(Files.exists(dir)).as("directory %s", dir).isFalse();
        }
    }

    @Test
    void aQueueSerializedRightAfterItIsMadeNamesABoundSocket() throws Exception {
        dev.pyconcurrent.multiprocessing.Queue<Integer> q = new dev.pyconcurrent.multiprocessing.Queue<>();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())) {
            out.writeObject(q);   // what sending it to a child does
        }
        assertThat(Files.exists(Broker.local().directory().resolve("s"))).isTrue();
    }
}
