package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipe's owner waiting in {@code recv} reads the connection of the child that feeds it itself (the object
 * server lends it the connection): whatever happens meanwhile, the wait ends as it would without.
 */
class PipeLeadTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    /** The child: answers commands until "stop"; "lock" takes and gives back the lock, then says so. */
    private static void child(Connection c, SharedLock lock, Queue<String> q) {
        while (true) {
            Object o = c.recv();
            if ("stop".equals(o)) {
                return;
            } else if ("silent".equals(o)) {
                continue;
            } else if ("lock".equals(o)) {
                lock.acquire();   // a call on another object of the owner while it waits on the pipe
                lock.release();
                q.put("locked");
                c.send("after lock");
            } else if ("big".equals(o)) {
                byte[] b = new byte[1 << 20];
                Arrays.fill(b, (byte) 7);
                c.send(b);
            } else {
                c.send("echo " + o);
            }
        }
    }

    private static Process start(ConnectionPair pair, SharedLock lock, Queue<String> q) {
        Connection end = pair.second();
        Process p = new Process(() -> child(end, lock, q));
        p.start();
        pair.first().send("hello");
        assertThat(pair.first().recv()).isEqualTo("echo hello");   // the child's connection now feeds the pipe
        return p;
    }

    /** A thread receiving once from {@code c}, and what it got: the message, or what its {@code recv} threw. */
    private record Receiver(java.lang.Thread thread, CompletableFuture<Object> outcome) {
        static Receiver start(Connection c) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            java.lang.Thread t = new java.lang.Thread(() -> {
                try {
                    outcome.complete(c.recv());
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            }, "receiver");
            t.start();
            Leaders.awaitLeading(t);
            return new Receiver(t, outcome);
        }

        Object got() throws Exception {
            return outcome.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOwnersRecvReadsTheFeedingChildsConnectionAndRoundTripsStayInOrder() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        SharedLock lock = Multiprocessing.lock();
        Queue<String> q = new Queue<>();
        Process p = start(pair, lock, q);
        pair.first().send("silent");
        Receiver receiver = Receiver.start(pair.first());
        pair.first().send(1);
        assertThat(receiver.got()).isEqualTo("echo 1");
        for (int i = 0; i < 2_000; i++) {
            pair.first().send(i);
            assertThat(pair.first().recv()).isEqualTo("echo " + i);
        }
        pair.first().send("stop");
        p.join();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void aMessageFromAnotherThreadOfTheOwnerEndsTheWait() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        Receiver receiver = Receiver.start(pair.first());
        pair.second().send("from the owner");   // the child's end, used in this process: not through the child
        assertThat(receiver.got()).isEqualTo("from the owner");
        pair.first().send("stop");
        p.join();
    }

    @Test
    void theChildsCallsOnOtherObjectsAreServedWhileTheOwnerWaits() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        SharedLock lock = Multiprocessing.lock();
        Queue<String> q = new Queue<>();
        Process p = start(pair, lock, q);
        lock.acquire();
        Receiver receiver = Receiver.start(pair.first());
        pair.first().send("lock");   // the child asks for the lock: a call that the receiver reads
        lock.release();
        assertThat(receiver.got()).isEqualTo("after lock");
        assertThat(q.get(60.0)).isEqualTo("locked");
        pair.first().send("stop");
        p.join();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void aMessageLargerThanTheReadBufferArrivesWhole() {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        for (int i = 0; i < 3; i++) {
            pair.first().send("big");
            byte[] b = (byte[]) pair.first().recv();
            assertThat(b).hasSize(1 << 20);
            assertThat(b[0]).isEqualTo((byte) 7);
            assertThat(b[b.length - 1]).isEqualTo((byte) 7);
        }
        pair.first().send(2);
        assertThat(pair.first().recv()).isEqualTo("echo 2");
        pair.first().send("stop");
        p.join();
    }

    @Test
    void anInterruptedWaitLeavesTheConnectionInStep() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        Receiver receiver = Receiver.start(pair.first());
        receiver.thread().interrupt();
        assertThat(receiver.got()).isInstanceOf(ThreadInterruptedException.class);
        pair.first().send(3);
        assertThat(pair.first().recv()).isEqualTo("echo 3");
        pair.first().send("stop");
        p.join();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void theChildsDeathEndsTheWaitWithEndOfFile() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        Receiver receiver = Receiver.start(pair.first());
        p.kill();
        assertThat((Throwable) receiver.got()).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(EOFException.class);
        p.join();
    }

    @Test
    void closingTheOwnersOtherEndEndsTheWait() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        pair.first().send("silent");
        Receiver receiver = Receiver.start(pair.first());
        pair.first().close();   // Python: recv() on a closed handle raises OSError
        assertThat((Throwable) receiver.got()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        p.kill();
        p.join();
    }

    @Test
    void receiversOnShortLivedThreadsLeaveNothingOpen() throws Exception {
        ConnectionPair pair = Multiprocessing.pipe(true);
        Process p = start(pair, Multiprocessing.lock(), new Queue<>());
        long left = Leaders.descriptorsLeftByThreads(100, k -> {
            pair.first().send(k);
            return pair.first().recv();   // leads the child's connection while it waits
        }, k -> "echo " + k);
        assertThat(left).as("file descriptors left by 100 threads that received").isLessThan(20);
        pair.first().send("stop");
        p.join();
    }
}
