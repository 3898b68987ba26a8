package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JVM spawned before it is needed: launched later as a child, or discarded. */
class SpawnAheadTest {
    @AfterEach
    void noChildLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    private static ChildProcess.Spec spec(String name, List<String> options) {
        return new ChildProcess.Spec(name, options, true, new byte[0], true, List.of(), null);
    }

    @Test
    void aSpawnedJvmLaunchedLaterBecomesAWorkingChild() throws Exception {
        ChildProcess.Spawned spawned = ChildProcess.spawn(spec("PoolWorker", List.of()));
        CompletableFuture<Long> ready = new CompletableFuture<>();
        ChildProcess c = ChildProcess.launch(spawned, spec("Ahead-1", List.of()), new ChildProcess.Listener() {
            @Override
            public void onFrame(ChildProcess child, Wire.Frame frame) {
                if (frame.type() == Wire.READY) {
                    ready.complete(java.nio.ByteBuffer.wrap(frame.payload()).getLong());
                }
            }

            @Override
            public void onExit(ChildProcess child) {
                ready.completeExceptionally(new AssertionError("exited before READY"));
            }
        });
        assertThat(ready.get(60, TimeUnit.SECONDS)).isEqualTo(c.pid());
        assertThat(c.name()).isEqualTo("Ahead-1");
        c.trySend(Wire.SHUTDOWN, 0, new byte[0]);
        assertThat(c.awaitExit(TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(c.exitValue()).isEqualTo(0);
    }

    @Test
    void aDiscardedSpawnedJvmEnds() throws Exception {
        ChildProcess.Spawned spawned = ChildProcess.spawn(spec("PoolWorker", List.of()));
        assertThat(ProcessHandle.current().children().count()).isGreaterThanOrEqualTo(1);
        spawned.discard();
        // noChildLeft checks that it is gone
    }

    @Test
    void aSpawnedJvmIsNotLaunchedWithOtherOptions() throws Exception {
        ChildProcess.Spawned spawned = ChildProcess.spawn(spec("PoolWorker", List.of()));
        try {
            assertThatThrownBy(() -> ChildProcess.launch(spawned, spec("Other", List.of("-Xmx64m")),
                    new ChildProcess.Listener() {
                        @Override
                        public void onFrame(ChildProcess child, Wire.Frame frame) {
                        }

                        @Override
                        public void onExit(ChildProcess child) {
                        }
                    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other options");
        } finally {
            spawned.discard();
        }
    }
}
