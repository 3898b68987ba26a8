package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first JVMs of a pool, started on a thread of their own before the pool's classes load. */
class EarlySpawnTest {
    private static final String PROPERTY = SpareWorkers.LINGER_PROPERTY;

    @AfterEach
    void noChildLeft() {
        System.setProperty(PROPERTY, "0");
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
        System.clearProperty(PROPERTY);
    }

    @Test
    void startsOneJvmPerWorkerInOrderAndHandsEachOutOnce() throws Exception {
        System.setProperty(PROPERTY, "0");   // no spare of another test counts
        long before = ChildProcess.spawnedCount();
        EarlySpawn early = EarlySpawn.start(2, List.of(), true);
        CompletableFuture<ChildProcess.Spawned> first = early.claim();
        CompletableFuture<ChildProcess.Spawned> second = early.claim();
        assertThat(early.claim()).as("a third claim").isNull();
        ChildProcess.Spawned a = first.get(60, TimeUnit.SECONDS);
        ChildProcess.Spawned b = second.get(60, TimeUnit.SECONDS);
        assertThat(a).isNotSameAs(b);
        assertThat(ChildProcess.spawnedCount() - before).isEqualTo(2);
        a.discard();
        b.discard();
        early.discardRest();   // nothing left: a no-op
    }

    @Test
    void whatNoWorkerClaimedIsEndedOrNeverStarted() throws Exception {
        long before = ChildProcess.spawnedCount();
        EarlySpawn early = EarlySpawn.start(3, List.of(), false);
        CompletableFuture<ChildProcess.Spawned> claimed = early.claim();
        early.discardRest();
        ChildProcess.Spawned mine = claimed.get(60, TimeUnit.SECONDS);
        mine.discard();
        // the two unclaimed ones: cancelled before they started, or ended once started
        Waits.until("the unclaimed JVMs are gone", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
        assertThat(ChildProcess.spawnedCount() - before).isBetween(1L, 3L);
    }

    @Test
    void aPoolWhoseInitializerCannotBeSentEndsTheJvmsItStartedAhead() {
        Object notSerializable = new Object();
        SerializableRunnable init = () -> System.out.println(notSerializable.hashCode());
        assertThatThrownBy(() -> Pool.builder().processes(2).initializer(init).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        Waits.until("the JVMs started ahead are gone", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
    }

    @Test
    void noJvmIsStartedForNoWorker() {
        long before = ChildProcess.spawnedCount();
        EarlySpawn early = EarlySpawn.start(0, List.of(), true);
        assertThat(early.claim()).isNull();
        assertThat(ChildProcess.spawnedCount()).isEqualTo(before);
    }
}
