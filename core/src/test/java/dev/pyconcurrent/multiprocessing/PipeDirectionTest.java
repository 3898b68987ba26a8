package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipeDirectionTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void theSendingEndOfAOneWayPipeCannotReceiveOrPoll() {
        // Python: r, w = Pipe(duplex=False); w.recv() and w.poll() raise OSError("connection is write-only")
        ConnectionPair pair = Multiprocessing.pipe(false);
        Connection w = pair.second();
        assertThatThrownBy(w::poll).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connection is write-only");
        assertThatThrownBy(() -> w.poll(0.1)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connection is write-only");
        assertThatThrownBy(() -> w.poll(Duration.ofMillis(100))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::recv).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connection is write-only");
        assertThatThrownBy(w::recvBytes).isInstanceOf(IllegalStateException.class);
        w.send("still works");
        assertThat(pair.first().recv()).isEqualTo("still works");
    }

    @Test
    void theReceivingEndOfAOneWayPipeCannotSend() {
        // Python: r.send(obj) and r.send_bytes(b) raise OSError("connection is read-only")
        ConnectionPair pair = Multiprocessing.pipe(false);
        Connection r = pair.first();
        assertThatThrownBy(() -> r.send("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connection is read-only");
        assertThatThrownBy(() -> r.sendBytes(new byte[] {1})).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("connection is read-only");
        assertThat(r.poll()).isFalse();
    }

    @Test
    void theDirectionTravelsWithTheEndToAChild() {
        // Python: a read-only end sent to a child is still read-only there (its send raises in the child)
        ConnectionPair pair = Multiprocessing.pipe(false);
        Process p = new Process((Connection readEnd) -> {
            try {
                readEnd.send("not allowed");
            } catch (IllegalStateException expected) {
                System.exit(7);
            }
        }, pair.first());
        p.start();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isEqualTo(7);
    }
}
