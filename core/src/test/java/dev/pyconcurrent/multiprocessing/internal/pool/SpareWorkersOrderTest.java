package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.multiprocessing.AsyncResult;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.SharedEvent;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle workers a closed pool leaves are handed out warm first: the next pool gives its first task to
 * the worker it took first, and a JVM's first task costs it tens of milliseconds more.
 */
class SpareWorkersOrderTest {
    private static final String PROPERTY = SpareWorkers.LINGER_PROPERTY;

    @AfterEach
    void sparesEndOnTheirOwn() {
        System.setProperty(PROPERTY, "0");
        Waits.until("the parked workers shut down after their linger", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    private static long pidWhenSet(SharedEvent go) {
        go.await();
        return ProcessHandle.current().pid();
    }

    @Test
    void aWorkerThatRanATaskIsTakenBeforeOneParkedEarlierThatRanNone() throws InterruptedException {
        SpareWorkers.Key key = new SpareWorkers.Key(List.of(), ChildProcess.executable());
        Waits.until("the workers other tests left are gone", () -> SpareWorkers.count(key) == 0);
        System.setProperty(PROPERTY, "20000");
        long warm;
        try (Pool first = new Pool(1)) {
            warm = first.apply(SpareWorkersOrderTest::pid);
        }
        SharedEvent go = Multiprocessing.event();
        Pool second = new Pool(2);   // takes the warm worker, which gets the task; starts a new JVM beside it
        AsyncResult<Long> held = second.applyAsync(() -> pidWhenSet(go));
        java.lang.Thread closer = new java.lang.Thread(second::close, "closer");   // close() waits for the task
        closer.start();
        // the new JVM, never given a task, retires as soon as it is ready and is parked first
        Waits.until("the second pool's new worker is parked", () -> SpareWorkers.count(key) == 1);
        go.set();
        assertThat(held.get(60.0)).isEqualTo(warm);
        closer.join(60_000);
        assertThat(closer.isAlive()).as("close() returned").isFalse();
        second.join();
        Waits.until("both workers are parked", () -> SpareWorkers.count(key) == 2);

        try (Pool third = new Pool(2)) {
            assertThat(SpareWorkers.count(key)).as("the third pool took both").isZero();
            assertThat(third.apply(SpareWorkersOrderTest::pid))
                    .as("the third pool's first task runs on the worker that has run tasks before")
                    .isEqualTo(warm);
            System.setProperty(PROPERTY, "0");   // its workers end when it closes
        }
    }
}
