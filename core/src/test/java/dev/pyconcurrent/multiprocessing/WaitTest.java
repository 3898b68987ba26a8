package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.multiprocessing.connection.Client;
import dev.pyconcurrent.multiprocessing.connection.Listener;
import dev.pyconcurrent.multiprocessing.connection.SocketConnection;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        ChildJvms.assertNoChildrenLeft();
    }

    /** Two connected socket connections: [accepted, client]. */
    private SocketConnection[] pair(Listener listener) throws InterruptedException {
        AtomicReference<SocketConnection> accepted = new AtomicReference<>();
        Thread t = new Thread(() -> accepted.set(listener.accept()));
        t.start();
        SocketConnection client = Client.connect(listener.getAddress());
        t.join(30_000);
        assertThat(accepted.get()).isNotNull();
        toClose.add(client);
        toClose.add(accepted.get());
        return new SocketConnection[] {accepted.get(), client};
    }

    private Listener listener() {
        Listener l = new Listener();
        toClose.add(l);
        return l;
    }

    @Test
    void waitReturnsOnlyTheConnectionsThatCanBeReceivedFrom() throws Exception {
        // Python: connection.wait([a, b], timeout) returns the readable ones, in order
        Listener l = listener();
        SocketConnection[] a = pair(l);
        SocketConnection[] b = pair(l);
        SocketConnection[] c = pair(l);
        List<SocketConnection> all = List.of(a[0], b[0], c[0]);
        assertThat(Multiprocessing.wait(all, 0)).isEmpty();
        c[1].send("c");
        a[1].send("a");
        Waits.until("both are ready", () -> Multiprocessing.wait(all, 0).size() == 2);
        assertThat(Multiprocessing.wait(all, 0)).containsExactly(a[0], c[0]);
        assertThat(Multiprocessing.wait(all)).containsExactly(a[0], c[0]);
        assertThat(a[0].recv()).isEqualTo("a");
        assertThat(Multiprocessing.wait(all, Duration.ofSeconds(30))).containsExactly(c[0]);
        b[1].close();
        assertThat(Multiprocessing.wait(List.of(b[0]), 30)).as("end of file is ready").containsExactly(b[0]);
    }

    @Test
    void waitBlocksUntilAMessageArrives() throws Exception {
        // Python: wait([conn]) without a timeout returns when something arrives
        Listener l = listener();
        for (int round = 0; round < 50; round++) {
            SocketConnection[] p = pair(l);
            AtomicReference<List<SocketConnection>> got = new AtomicReference<>();
            Thread waiter = new Thread(() -> got.set(Multiprocessing.wait(List.of(p[0]))));
            waiter.start();
            Waits.until("the waiter waits in a selector", () -> Arrays.stream(waiter.getStackTrace())
                    .anyMatch(e -> e.getClassName().contains("Selector") && e.getMethodName().startsWith("select")));
            p[1].sendBytes(new byte[] {1});
            waiter.join(30_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(got.get()).containsExactly(p[0]);
        }
    }

    @Test
    void aTimeoutWithNothingReadyReturnsAnEmptyList() throws Exception {
        // Python: wait(objects, timeout) returns [] when nothing became ready in time; wait([], t) sleeps t
        SocketConnection[] p = pair(listener());
        assertThat(Multiprocessing.wait(List.of(p[0]), 0.05)).isEmpty();
        assertThat(Multiprocessing.wait(List.of(), 0.01)).isEmpty();
        assertThat(Multiprocessing.wait(List.of(), Duration.ZERO)).isEmpty();
    }

    @Test
    void aProcessSentinelIsReadyWhenTheProcessEnds() {
        // Python: wait([p.sentinel]) returns once p has exited; p.exitcode is then known
        Process p = new Process(() -> System.exit(3));
        assertThatThrownBy(p::getSentinel).isInstanceOf(IllegalStateException.class).hasMessage("process not started");
        p.start();
        Sentinel s = p.getSentinel();
        assertThat(p.getSentinel()).isSameAs(s);
        assertThat(Multiprocessing.wait(List.of(s), 60)).containsExactly(s);
        assertThat(s.isReady()).isTrue();
        assertThat(p.getExitcode()).isEqualTo(3);
        assertThat(s.toString()).contains(p.getName()).contains("ready");
        p.join();
        p.close();
        assertThatThrownBy(p::getSentinel).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Multiprocessing.currentProcess().getSentinel()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitMixesSentinelsSocketsAndPipesAndKeepsTheirOrder() throws Exception {
        // Python: wait([conn, p.sentinel, ...]) over different kinds of objects
        SocketConnection[] sock = pair(listener());
        ConnectionPair pipe = Multiprocessing.pipe();
        toClose.add(pipe.first());
        toClose.add(pipe.second());
        Process p = new Process((Connection c) -> {
            c.send("from the child");
        }, pipe.second());
        p.start();
        Sentinel s = p.getSentinel();
        List<Object> objects = List.of(s, sock[0], pipe.first());
        List<Object> ready = Multiprocessing.wait(objects, 60);
        assertThat(ready).isNotEmpty().isSubsetOf(s, pipe.first());
        Waits.until("the child ended", s::isReady);
        Waits.until("the pipe is readable", () -> Multiprocessing.wait(objects, 0).equals(List.of(s, pipe.first())));
        assertThat(pipe.first().recv()).isEqualTo("from the child");
        sock[1].send(1);
        // the child's end of the pipe closed when it exited: end of file keeps the pipe ready
        Waits.until("the socket is readable", () -> Multiprocessing.wait(objects, 0).equals(List.of(s, sock[0], pipe.first())));
        p.join();
    }

    @Test
    void aPipeEndIsWaitedForByPolling() {
        // Python: wait([parent_conn]) returns when the child sends through the Pipe
        ConnectionPair pipe = Multiprocessing.pipe();
        toClose.add(pipe.first());
        toClose.add(pipe.second());
        Process p = new Process((Connection c) -> c.send(5), pipe.second());
        p.start();
        assertThat(Multiprocessing.wait(List.of(pipe.first()), 60)).containsExactly(pipe.first());
        assertThat(pipe.first().recv()).isEqualTo(5);
        p.join();
    }

    @Test
    void badObjectsTimeoutsAndClosedConnectionsAreRefused() throws Exception {
        // Python: wait() raises for objects without fileno(), negative timeouts and closed handles
        SocketConnection[] p = pair(listener());
        assertThatThrownBy(() -> Multiprocessing.wait(List.of("text"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> Multiprocessing.wait(Arrays.asList(p[0], null), 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Multiprocessing.wait(List.of(p[0]), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multiprocessing.wait(List.of(p[0]), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        p[0].close();
        assertThatThrownBy(() -> Multiprocessing.wait(List.of(p[0]), 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("handle is closed");
    }

    @Test
    void anInterruptedWaitThrowsThreadInterruptedException() throws Exception {
        // Python: KeyboardInterrupt ends wait(); here Thread.interrupt() does
        SocketConnection[] p = pair(listener());
        for (int round = 0; round < 50; round++) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    Multiprocessing.wait(List.of(p[0]));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            waiter.start();
            Waits.until("the waiter waits in a selector", () -> Arrays.stream(waiter.getStackTrace())
                    .anyMatch(e -> e.getClassName().contains("Selector") && e.getMethodName().startsWith("select")));
            waiter.interrupt();
            waiter.join(30_000);
            assertThat(failure.get()).isInstanceOf(ThreadInterruptedException.class);
        }
    }
}
