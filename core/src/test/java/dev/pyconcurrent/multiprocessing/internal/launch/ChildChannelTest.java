package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channel between a parent and its child: two named pipes ({@link FifoPair}), or the loopback socket
 * of the {@link ChildServer} where the pipes cannot be made.
 */
@DisabledOnOs(OS.WINDOWS)
class ChildChannelTest {
    @AfterEach
    void noChildLeft() {
        LaunchTesting.awaitNoChildLeft();
    }

    private static ChildProcess.Spec spec(String name, List<String> options) {
        return LaunchTesting.spec(name, options);
    }

    /** Launches a child and waits for its READY (its pid), or for its end. */
    private static final class Launched implements ChildProcess.Listener {
        final CompletableFuture<Long> ready = new CompletableFuture<>();
        final CompletableFuture<Integer> exited = new CompletableFuture<>();

        @Override
        public void onFrame(ChildProcess child, Wire.Frame frame) {
            if (frame.type() == Wire.READY) {
                ready.complete(ByteBuffer.wrap(frame.payload()).getLong());
            }
        }

        @Override
        public void onExit(ChildProcess child) {
            exited.complete(child.exitValue());
            ready.completeExceptionally(new AssertionError("exited before READY"));
        }
    }

    private static void shutDown(ChildProcess c) throws InterruptedException {
        c.trySend(Wire.SHUTDOWN, 0, new byte[0]);
        assertThat(c.awaitExit(TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(c.exitValue()).isEqualTo(0);
    }

    @Test
    void aChildTalksOverNamedPipesWhoseFilesAreGoneOnceOpened() throws Exception {
        Launched l = new Launched();
        ChildProcess c = ChildProcess.launch(spec("Pipes-1", List.of()), l);
        assertThat(l.ready.get(60, TimeUnit.SECONDS)).isEqualTo(c.pid());
        assertThat(c.namedPipes()).isNotNull();
        assertThat(c.namedPipes().removed()).isTrue();
        shutDown(c);
    }

    @Test
    void withTcpChosenAChildConnectsToTheServer() throws Exception {
        System.setProperty("pyconcurrent.childChannel", "tcp");
        ChildProcess c;
        Launched l = new Launched();
        try {
            c = ChildProcess.launch(spec("Tcp-1", List.of()), l);
        } finally {
            System.clearProperty("pyconcurrent.childChannel");
        }
        assertThat(l.ready.get(60, TimeUnit.SECONDS)).isEqualTo(c.pid());
        assertThat(c.namedPipes()).isNull();
        shutDown(c);
    }

    @Test
    void aChildThatDiesBeforeOpeningItsPipesIsReportedAndLeavesNoWaitingThreadNorFile() throws Exception {
        Launched l = new Launched();
        ChildProcess c = ChildProcess.launch(spec("Dead-1", List.of("-XX:+NoSuchOptionAnywhere")), l);
        assertThat(l.exited.get(60, TimeUnit.SECONDS)).isNotEqualTo(0);
        assertThatThrownBy(() -> l.ready.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(c.namedPipes()).isNotNull();
        Waits.until("the handshake thread ends", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("pyconcurrent-Dead-1-handshake")), Duration.ofSeconds(30));
        assertThat(c.namedPipes().removed()).isTrue();
    }

    @Test
    void aChildTerminatedBeforeItConnectedEndsAsTerminatedEvenIfItsJvmExitsWithOne() throws Exception {
        // a JVM that gets SIGTERM while it starts may exit with 1; this one exits with 1 whatever the timing
        Launched plain = new Launched();
        ChildProcess failed = ChildProcess.launch(spec("Dead-2", List.of("-XX:+NoSuchOptionAnywhere")), plain);
        assertThat(plain.exited.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(failed.rawExitValue()).isEqualTo(1);
        Launched terminated = new Launched();
        ChildProcess c = ChildProcess.launch(spec("Dead-3", List.of("-XX:+NoSuchOptionAnywhere")), terminated);
        c.terminate();
        assertThat(terminated.exited.get(60, TimeUnit.SECONDS)).isEqualTo(128 + 15);
        assertThat(ChildProcess.pythonExitcode(c.rawExitValue())).isEqualTo(-15);
    }

    @Test
    void aParentOpensWithoutWaitingAndReadsTheEndOnceReleasedWithNoChild() throws Exception {
        FifoPair f = FifoPair.make();
        assertThat(f).isNotNull();
        CompletableFuture<Integer> read = new CompletableFuture<>();
        StreamChannel parent = CompletableFuture.supplyAsync(() -> {
            try {
                return f.openParent();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);   // no child ever opens: the opens do not wait for one
        Thread reader = new Thread(() -> {
            try {
                read.complete(parent.read(ByteBuffer.allocate(16)));
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        }, "fifo-test-reader");
        reader.start();
        f.release();
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(-1);   // no writer left: the end of the stream
        assertThat(f.removed()).isTrue();
        parent.close();
    }

    @Test
    void aChildWhoseParentDiedBeforeOpeningReadsTheEndAtOnce() throws Exception {
        FifoPair f = FifoPair.make();   // made, never opened by a parent: as if it was killed after START
        assertThat(f).isNotNull();
        try {
            CompletableFuture<StreamChannel> opened = CompletableFuture.supplyAsync(() -> {
                try {
                    return FifoPair.openChild(f.address());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (StreamChannel child = opened.get(30, TimeUnit.SECONDS)) {
                assertThat(child.read(ByteBuffer.allocate(16))).isEqualTo(-1);
                assertThatThrownBy(() -> child.write(ByteBuffer.wrap(new byte[] {1})))
                        .isInstanceOf(IOException.class);   // no reader: a broken pipe
            }
        } finally {
            f.release();
        }
        assertThat(f.removed()).isTrue();
    }

    @Test
    void aChildCannotOpenReleasedPipes() throws Exception {
        FifoPair f = FifoPair.make();
        assertThat(f).isNotNull();
        f.openParent().close();
        f.release();
        assertThatThrownBy(() -> FifoPair.openChild(f.address())).isInstanceOf(IOException.class)
                .hasMessageContaining("gone");
    }

    @Test
    void aChildActsOnNothingFromAParentThatDoesNotProveTheKey() throws Exception {
        FifoPair f = FifoPair.make();
        assertThat(f).isNotNull();
        StreamChannel parentEnd = f.openParent();
        Process p = new ProcessBuilder(ChildProcess.command(List.of(), true, List.of()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (FrameChannel parent = new FrameChannel(parentEnd, 1024)) {
            byte[] token = Handshake.random(ChildServer.TOKEN_BYTES);
            Handshake.Start start = new Handshake.Start(Handshake.key(), Handshake.random(Handshake.CHALLENGE_BYTES),
                    token, f.address(), "Fake-1", p.pid(), ProcessHandle.current().pid(), "MainProcess", new byte[0], 0);
            try (java.io.OutputStream stdin = p.getOutputStream()) {
                Wire.writeStart(stdin, start.write());
            }
            Wire.Frame hello = CompletableFuture.supplyAsync(() -> read(parent)).get(60, TimeUnit.SECONDS);
            assertThat(hello.type()).isEqualTo(Wire.HELLO);
            f.release();
            parent.send(Wire.WELCOME, 0, new byte[32]);   // not the proof of the key
            try {
                parent.send(Wire.TASK, 1, new byte[] {1, 2, 3});
            } catch (IOException halted) {
                // the child may be gone already: a broken pipe
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(WorkerMain.EXIT_ORPHANED);
            // it halted without a word more: no READY, and no answer to the task (which would be an ERROR)
            assertThat(CompletableFuture.supplyAsync(() -> read(parent)).get(60, TimeUnit.SECONDS)).isNull();
        } finally {
            p.destroyForcibly();
            f.release();
        }
    }

    private static Wire.Frame read(FrameChannel ch) {
        try {
            return ch.read();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void bothEndsCarryFramesEachWay() throws Exception {
        FifoPair f = FifoPair.make();
        assertThat(f).isNotNull();
        CompletableFuture<StreamChannel> parent = CompletableFuture.supplyAsync(() -> {
            try {
                return f.openParent();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (FrameChannel child = new FrameChannel(FifoPair.openChild(f.address()), 1024);
             FrameChannel p = new FrameChannel(parent.get(30, TimeUnit.SECONDS), 1024)) {
            p.send(Wire.TASK, 7, new byte[] {1, 2, 3});
            Wire.Frame down = child.read();
            assertThat(down.type()).isEqualTo(Wire.TASK);
            assertThat(down.id()).isEqualTo(7);
            assertThat(down.payload()).containsExactly(1, 2, 3);
            child.send(Wire.RESULT, 7, new byte[] {4});
            Wire.Frame up = p.read();
            assertThat(up.type()).isEqualTo(Wire.RESULT);
            assertThat(up.payload()).containsExactly(4);
            f.release();
            assertThat(f.removed()).isTrue();
            child.close();
            assertThat(p.read()).isNull();   // the child's end closed: the end of the stream
        }
    }
}
