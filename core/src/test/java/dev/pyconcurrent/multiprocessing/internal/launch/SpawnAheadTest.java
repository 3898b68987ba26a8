package dev.pyconcurrent.multiprocessing.internal.launch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JVM spawned before it is needed: launched later as a child, or discarded. */
class SpawnAheadTest {
    @AfterEach
    void noChildLeft() {
        LaunchTesting.awaitNoChildLeft();
    }

    private static ChildProcess.Spec spec(String name, List<String> options) {
        return LaunchTesting.spec(name, options);
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

    @Test
    void theNextJvmIsStartedOnlyWhenTheOneBeforeHasBooted() throws Exception {
        List<CompletableFuture<ChildProcess.Spawned>> fs =
                ChildProcess.spawnAhead(spec("PoolWorker", List.of()), 2, "spawn-ahead-test", 1, 120_000);
        ChildProcess.Spawned first = fs.get(0).get(60, TimeUnit.SECONDS);
        ChildProcess c = null;
        try {
            // not launched, the first never connects: the second is not started for two minutes
            assertThatThrownBy(() -> fs.get(1).get(500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            CompletableFuture<Void> ready = new CompletableFuture<>();
            c = ChildProcess.launch(first, spec("Ahead-1", List.of()), new ChildProcess.Listener() {
                @Override
                public void onFrame(ChildProcess child, Wire.Frame frame) {
                    if (frame.type() == Wire.READY) {
                        ready.complete(null);
                    }
                }

                @Override
                public void onExit(ChildProcess child) {
                    ready.completeExceptionally(new AssertionError("exited before READY"));
                }
            });
            ready.get(60, TimeUnit.SECONDS);
            // connected, it has booted: the second is started now, long before the two minutes are over
            fs.get(1).get(60, TimeUnit.SECONDS).discard();
        } finally {
            if (c != null) {
                c.trySend(Wire.SHUTDOWN, 0, new byte[0]);
            } else {
                first.discard();
            }
            fs.get(1).thenAccept(ChildProcess.Spawned::discard);
        }
    }

    @Test
    void aJvmThatExitsWhileBootingLetsTheNextStart() throws Exception {
        List<CompletableFuture<ChildProcess.Spawned>> fs =
                ChildProcess.spawnAhead(spec("PoolWorker", List.of()), 2, "spawn-ahead-test", 1, 120_000);
        fs.get(0).get(60, TimeUnit.SECONDS).discard();   // ended: the second need not wait for it
        fs.get(1).get(60, TimeUnit.SECONDS).discard();
    }

    @Test
    void asManyBootAtOnceAsTheMachineHasCoresBesidesThisJvmsOwn() {
        assertThat(ChildProcess.bootingAtOnce())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
