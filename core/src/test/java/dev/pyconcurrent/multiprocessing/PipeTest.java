package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipeTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void aChildSendsAListThroughItsEndAndTheParentReceivesIt() {
        // Python P6: parent_conn, child_conn = Pipe(); the child sends [42, None, 'hello']; the parent recv()s it
        ConnectionPair pair = Multiprocessing.pipe();
        Process p = new Process((Connection c) -> {
            c.send(new ArrayList<>(java.util.Arrays.asList(42, null, "hello")));
            c.close();
        }, pair.second());
        p.start();
        assertThat(pair.first().poll(60)).isTrue();
        assertThat((List<?>) pair.first().recv()).isEqualTo(java.util.Arrays.asList(42, null, "hello"));
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThatThrownBy(() -> pair.first().recv()).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(EOFException.class);
    }

    @Test
    void bothEndsSendAndReceiveAcrossProcesses() {
        // Python: a duplex Pipe carries messages both ways; send_bytes/recv_bytes carry raw bytes
        ConnectionPair pair = Multiprocessing.pipe(true);
        Connection child = pair.second();
        Process p = new Process(() -> {
            for (Object o = child.recv(); !"stop".equals(o); o = child.recv()) {
                child.send("echo " + o);
            }
            child.sendBytes(child.recvBytes());
        });
        p.start();
        Connection me = pair.first();
        assertThat(me.poll()).isFalse();
        me.send(1);
        assertThat(me.recv()).isEqualTo("echo 1");
        me.send("x");
        assertThat(me.recv()).isEqualTo("echo x");
        me.send("stop");
        me.sendBytes(new byte[] {1, 2, 3});
        assertThat(me.recvBytes()).containsExactly(1, 2, 3);
        p.join();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void recvAfterThePeerClosedDrainsThenReportsEndOfFile() {
        // Python: recv() on a connection whose peer closed raises EOFError once the buffered messages are read
        ConnectionPair pair = Multiprocessing.pipe();
        pair.second().send("last");
        pair.second().close();
        assertThat(pair.first().poll(0.0)).isTrue();
        assertThat(pair.first().recv()).isEqualTo("last");
        assertThat(pair.first().poll(0.0)).as("end of file is readable").isTrue();
        assertThatThrownBy(() -> pair.first().recv()).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(EOFException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> pair.second().send("more")).isInstanceOf(IllegalStateException.class)
                .hasMessage("handle is closed");
        assertThatThrownBy(() -> pair.first().send("x")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aPeerProcessKilledWhileTheParentWaitsEndsTheWaitWithEndOfFile() {
        // Python: the parent's recv() does not hang when the child holding the other end dies
        ConnectionPair pair = Multiprocessing.pipe();
        Process p = new Process((Connection c) -> {
            c.send("started");
            try {
                java.lang.Thread.sleep(120_000);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }, pair.second());
        p.start();
        assertThat(pair.first().recv()).isEqualTo("started");
        p.kill();
        assertThatThrownBy(() -> pair.first().recv()).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(EOFException.class);
        p.join();
    }

    @Test
    void aOneWayPipeOnlyReceivesOnTheFirstEndAndOnlySendsOnTheSecond() {
        // Python: Pipe(duplex=False) returns (reader, writer)
        ConnectionPair pair = Multiprocessing.pipe(false);
        assertThatThrownBy(() -> pair.first().send("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pair.second().recv()).isInstanceOf(IllegalStateException.class);
        pair.second().send("y");
        assertThat(pair.first().recv()).isEqualTo("y");
        assertThat(pair.first().poll(0.05)).isFalse();
        assertThatThrownBy(() -> pair.first().poll(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildWaitingInRecvGetsEndOfFileWhenTheParentClosesItsEnd() {
        // Python: the child's recv() raises EOFError when the parent closes its end; here the child's
        // recv waits in the parent's object server, and the close answers it
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = new Process((Connection c) -> {
            c.send("waiting");
            try {
                c.recv();
                System.exit(3);
            } catch (UncheckedIOException e) {
                System.exit(e.getCause() instanceof EOFException ? 7 : 4);
            }
        }, pair.second());
        p.start();
        assertThat(pair.first().recv()).isEqualTo("waiting");
        pair.first().close();
        p.join();
        assertThat(p.getExitcode()).isEqualTo(7);
    }

    @Test
    void anInterruptedRecvInAChildLosesNoMessage() {
        // Python: an interrupted recv() raises; Java: ThreadInterruptedException. The message sent after it
        // goes to the next recv, not to the one that was interrupted
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = new Process((Connection c) -> {
            String[] outcome = new String[1];
            java.lang.Thread t = new java.lang.Thread(() -> {
                try {
                    outcome[0] = "received " + c.recv();
                } catch (RuntimeException e) {
                    outcome[0] = e.getClass().getSimpleName();
                }
            });
            t.start();
            try {
                java.lang.Thread.sleep(200);   // either way the recv fails: waiting, or about to wait
                t.interrupt();
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            c.send(outcome[0]);
            c.send("then " + c.recv());
        }, pair.second());
        p.start();
        try {
            assertThat(pair.first().recv()).isEqualTo("ThreadInterruptedException");
            pair.first().send("next");
            assertThat(pair.first().recv()).isEqualTo("then next");
            p.join();
            assertThat(p.getExitcode()).isZero();
        } finally {
            if (p.isAlive()) {
                p.kill();
            }
        }
    }
}
