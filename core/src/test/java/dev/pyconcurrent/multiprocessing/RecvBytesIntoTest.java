package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecvBytesIntoTest {
    @Test
    void aPipeEndReceivesIntoABufferAndReportsWhatDoesNotFit() {
        // Python: Pipe() ends have recv_bytes_into(buf[, offset]); BufferTooShort.args[0] is the message
        ConnectionPair pair = Multiprocessing.pipe();
        try {
            byte[] buf = new byte[4];
            pair.second().sendBytes(new byte[] {1, 2});
            assertThat(pair.first().recvBytesInto(buf, 1)).isEqualTo(2);
            assertThat(buf).containsExactly(0, 1, 2, 0);
            pair.second().sendBytes(new byte[] {1, 2, 3, 4, 5});
            assertThatThrownBy(() -> pair.first().recvBytesInto(buf)).isInstanceOf(BufferTooShortException.class)
                    .hasMessageContaining("5 bytes")
                    .satisfies(e -> assertThat(((BufferTooShortException) e).getMessageBytes()).containsExactly(1, 2, 3, 4, 5));
            pair.second().sendBytes(new byte[] {7});
            ByteBuffer bb = ByteBuffer.allocate(2);
            assertThat(pair.first().recvBytesInto(bb)).isEqualTo(1);
            assertThat(bb.position()).isEqualTo(1);
            assertThat(pair.first().poll()).isFalse();
        } finally {
            pair.first().close();
            pair.second().close();
        }
    }
}
