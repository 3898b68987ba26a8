package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A manager in another JVM that dies: its clients get a clear exception, never a hang. */
class RemoteManagerDeathTest {
    private static final String KEY = "abracadabra";

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static java.lang.Process startServer(String address) throws Exception {
        return new ProcessBuilder(ChildJvms.javaBinary(), "-cp", ChildJvms.directoryClassPath(),
                RemoteManagerMain.class.getName(), address, KEY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String address(java.lang.Process server) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).startsWith("ADDRESS ");
        return line.substring("ADDRESS ".length());
    }

    @Test
    void aCallWaitingOnAManagerOverTcpFailsWhenItsJvmIsKilledAndSoDoesTheNext() throws Exception {
        // Python: a proxy call whose manager dies raises EOFError / ConnectionResetError; later calls ConnectionRefusedError
        killMidCall("127.0.0.1:0", "lost the connection to the manager at tcp://127.0.0.1:", "cannot reach the manager at tcp://");
    }

    @Test
    void aCallWaitingOnAManagerAtASocketPathFailsWhenItsJvmIsKilledAndSoDoesTheNext(@TempDir Path dir) throws Exception {
        // Python: the same over an AF_UNIX address
        killMidCall(dir.resolve("m.sock").toString(), "lost the connection", "cannot reach the process that owns this object");
    }

    /** Whether a thread is reading the answer of a call (not connecting or authenticating). */
    private static boolean waitsForAnswer(StackTraceElement[] stack) {
        List<StackTraceElement> frames = List.of(stack);
        boolean reading = frames.stream().anyMatch(f -> f.getClassName().endsWith(".NetClient") && f.getMethodName().equals("readFully")
                || f.getClassName().endsWith(".BrokerClient") && f.getMethodName().equals("read"));
        return reading && frames.stream().noneMatch(f -> f.getClassName().endsWith(".BrokerAuth"));
    }

    private static void killMidCall(String bind, String whileWaiting, String afterwards) throws Exception {
        java.lang.Process server = startServer(bind);
        try {
            String address = address(server);
            Manager client = Manager.builder().address(address).authkey(KEY.getBytes(StandardCharsets.UTF_8)).connect();
            BlockingQueue<String> q = client.create("get_queue", BlockingQueue.class);
            Map<String, Integer> d = client.dict();
            d.put("alive", 1);
            q.put("first");
            assertThat(q.take()).isEqualTo("first");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiting = new Thread(() -> {
                try {
                    q.take();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            waiting.start();
            Waits.until("take() is sent and waits for its answer", () -> waitsForAnswer(waiting.getStackTrace()));
            server.destroyForcibly();   // SIGKILL: no shutdown hook, the sockets are reset by the kernel
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            waiting.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(waiting.isAlive()).as("the waiting call ended").isFalse();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining(whileWaiting);
            // this thread's connection is dead too: its next call says so, every later one cannot connect
            assertThatThrownBy(() -> d.get("alive")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(whileWaiting.substring(0, whileWaiting.indexOf(" at ") < 0 ? whileWaiting.length()
                            : whileWaiting.indexOf(" at ")));
            assertThatThrownBy(() -> d.get("alive")).isInstanceOf(IllegalStateException.class).hasMessageContaining(afterwards);
            assertThatThrownBy(client::dict).isInstanceOf(IllegalStateException.class).hasMessageContaining(afterwards);
        } finally {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
