package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers of a closed pool that were still starting are promised to the next pool: it waits for them
 * instead of booting JVMs beside them.
 */
class SparePromisesTest {
    private static final String PROPERTY = SpareWorkers.LINGER_PROPERTY;

    @AfterEach
    void sparesEnd() {
        System.setProperty(PROPERTY, "0");
        Waits.until("the parked workers shut down", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
        System.clearProperty(PROPERTY);
    }

    /** Counts its calls. */
    private static final class CountingWaiter implements SpareWorkers.Waiter {
        final AtomicInteger spares = new AtomicInteger();
        final AtomicInteger nones = new AtomicInteger();

        @Override
        public void spare(SpareWorkers.Parked spare) {
            spares.incrementAndGet();
        }

        @Override
        public void none() {
            nones.incrementAndGet();
        }
    }

    @Test
    void nothingIsPromisedWhenSparesAreOff() {
        System.setProperty(PROPERTY, "0");
        SpareWorkers.Key key = new SpareWorkers.Key(List.of("-Dpromise.test=off"), "java");
        assertThat(SpareWorkers.promise(key)).isFalse();
        assertThat(SpareWorkers.count(key)).isZero();
        assertThat(SpareWorkers.awaitPromised(key, new CountingWaiter())).isFalse();
    }

    @Test
    void aPromiseCountsAsASpareUntilAWorkerWaitsForIt() {
        System.setProperty(PROPERTY, "2000");
        SpareWorkers.Key key = new SpareWorkers.Key(List.of("-Dpromise.test=count"), "java");
        assertThat(SpareWorkers.count(key)).isZero();
        assertThat(SpareWorkers.promise(key)).isTrue();
        assertThat(SpareWorkers.count(key)).isEqualTo(1);
        CountingWaiter w = new CountingWaiter();
        assertThat(SpareWorkers.awaitPromised(key, w)).isTrue();
        assertThat(SpareWorkers.count(key)).isZero();
        assertThat(SpareWorkers.awaitPromised(key, new CountingWaiter())).as("one promise, one waiter").isFalse();
        assertThat(SpareWorkers.cancelWait(key, w)).isTrue();
        assertThat(SpareWorkers.cancelWait(key, w)).as("only once").isFalse();
        assertThat(SpareWorkers.count(key)).isEqualTo(1);
        SpareWorkers.withdraw(key);
        assertThat(SpareWorkers.count(key)).isZero();
        assertThat(w.spares.get() + w.nones.get()).as("a cancelled waiter is not called").isZero();
    }

    @Test
    void aWithdrawnPromiseSendsItsWaiterToStartAJvm() {
        System.setProperty(PROPERTY, "2000");
        SpareWorkers.Key key = new SpareWorkers.Key(List.of("-Dpromise.test=withdraw"), "java");
        SpareWorkers.promise(key);
        SpareWorkers.promise(key);
        CountingWaiter first = new CountingWaiter();
        CountingWaiter second = new CountingWaiter();
        assertThat(SpareWorkers.awaitPromised(key, first)).isTrue();
        assertThat(SpareWorkers.awaitPromised(key, second)).isTrue();
        SpareWorkers.withdraw(key);
        assertThat(first.nones.get()).as("the one that waited longest").isEqualTo(1);
        assertThat(second.nones.get()).isZero();
        SpareWorkers.withdraw(key);
        assertThat(second.nones.get()).isEqualTo(1);
        assertThat(first.nones.get()).as("called once").isEqualTo(1);
        assertThat(SpareWorkers.count(key)).isZero();
    }

    private static long pid(int ignored) {
        return ProcessHandle.current().pid();
    }

    @Test
    void aPoolOpenedRightAfterAShortOneStartsNoJvmBesideTheOnesStillBooting() {
        System.setProperty(PROPERTY, "30000");   // nothing parked expires during the test
        SpareWorkers.Key key = new SpareWorkers.Key(List.of(), ChildProcess.executable());
        Waits.until("the workers other tests left are gone", () -> SpareWorkers.count(key) == 0);
        long before = ChildProcess.spawnedCount();
        try (Pool first = new Pool(2)) {
            first.apply(() -> pid(0));   // on a small machine its second JVM is still booting when it closes
        }
        Set<Long> pids = new HashSet<>();
        try (Pool second = new Pool(2)) {
            List<Integer> xs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                xs.add(i);
            }
            Waits.until("the second pool ran tasks on two workers", () -> {
                pids.addAll(second.map(SparePromisesTest::pid, xs, 1));
                return pids.size() == 2;
            }, Waits.SLOW);
            System.setProperty(PROPERTY, "0");   // its workers end when it closes
        }
        assertThat(ChildProcess.spawnedCount() - before).as("JVMs started for both pools").isEqualTo(2);
    }

    @Test
    void aPoolTerminatedWhileItWaitsForAPromisedSpareEndsAndStartsNoJvm() {
        System.setProperty(PROPERTY, "2000");
        SpareWorkers.Key key = new SpareWorkers.Key(List.of(), ChildProcess.executable());
        Waits.until("the workers other tests left are gone", () -> SpareWorkers.count(key) == 0);
        try (Pool first = new Pool(2)) {
            first.apply(() -> pid(0));
        }
        long before = ChildProcess.spawnedCount();
        Pool second = new Pool(2);   // takes the parked worker, waits for the promised one (on two cores)
        second.terminate();
        second.join();   // returns: a waiting worker ends without a process of its own
        assertThat(ChildProcess.spawnedCount() - before).as("JVMs the terminated pool started").isZero();
        try (Pool third = new Pool(1)) {
            assertThat(third.apply(() -> pid(0))).as("the pool after it still works").isPositive();
        }
    }
}
