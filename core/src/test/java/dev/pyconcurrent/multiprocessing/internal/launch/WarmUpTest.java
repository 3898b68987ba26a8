package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a child starts while it connects: decided by the parent, carried in START. */
class WarmUpTest {

    @Test
    void startCarriesTheWarmUpFlags() throws IOException {
        int both = Handshake.Start.WARM_SERIALIZATION | Handshake.Start.WARM_UNIX_SOCKETS;
        Handshake.Start sent = new Handshake.Start(new byte[Handshake.KEY_BYTES], new byte[Handshake.CHALLENGE_BYTES],
                new byte[ChildServer.TOKEN_BYTES], "127.0.0.1:4000", "Process-1", 42, 7, "MainProcess",
                new byte[] {1, 2, 3}, both);

        Handshake.Start read = Handshake.Start.read(sent.write());

        assertThat(read.warmUp()).isEqualTo(both);
        assertThat(read.initializer()).containsExactly(1, 2, 3);
        assertThat(read.name()).isEqualTo("Process-1");
        assertThat(read.pid()).isEqualTo(42);
    }

    @Test
    void aProcessWithAQueueWarmsUpUnixSocketsAndOnlyAJavaSerializedOneDeserialization() {
        Queue<Integer> results = new Queue<>();
        try {
            byte[] withQueue = ProcessLauncher.encode(new Process(() -> results.put(1)));
            byte[] alone = ProcessLauncher.encode(new Process((SerializableRunnable) () -> System.out.println("hi")));

            assertThat(RemoteRef.namedIn(withQueue)).isTrue();
            assertThat(RemoteRef.namedIn(alone)).isFalse();
            // the codec writes both without Java serialization: the child need not warm that up
            assertThat(ProcessLauncher.warmUp(withQueue, true)).isEqualTo(Handshake.Start.WARM_UNIX_SOCKETS);
            assertThat(ProcessLauncher.warmUp(alone, false)).isZero();
            byte[] withDate = ProcessLauncher.encode(new Process(
                    (dev.pyconcurrent.function.SerializableConsumer<java.util.Date>) d -> System.out.println(d),
                    new java.util.Date(0)));
            assertThat(ProcessLauncher.warmUp(withDate, false)).isEqualTo(Handshake.Start.WARM_SERIALIZATION);
        } finally {
            results.close();
        }
    }

    @Test
    void pidIsThisProcesssOwn() {
        assertThat(Pid.self()).isEqualTo(ProcessHandle.current().pid());
    }
}
