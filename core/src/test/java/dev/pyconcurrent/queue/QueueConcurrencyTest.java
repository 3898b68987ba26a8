package dev.pyconcurrent.queue;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking, waking and many-thread behaviour of Queue, LifoQueue and PriorityQueue. */
class QueueConcurrencyTest {

    static Stream<Arguments> kinds() {
        return QueueTest.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void putBlocksWhenFullUntilAGet(String kind, IntFunction<Queue<Integer>> make) {
        // Python (SCENARIOS Q2): put() on a full queue blocks until a get() frees a slot
        Queue<Integer> q = make.apply(1);
        q.put(1);
        Spawned<Void> putter = Spawned.run("putter", () -> q.put(2));
        Waits.untilBlocked(putter.thread);
        assertThat(putter.isDone()).isFalse();
        assertThat(q.get()).isEqualTo(1);
        putter.result();
        assertThat(q.get()).isEqualTo(2);
        assertThat(q.getUnfinishedTasks()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void getBlocksUntilAPut(String kind, IntFunction<Queue<Integer>> make) {
        // Python: get() on an empty queue blocks until another thread puts
        Queue<Integer> q = make.apply(0);
        Spawned<Integer> getter = Spawned.start("getter", q::get);
        Waits.untilBlocked(getter.thread);
        assertThat(getter.isDone()).isFalse();
        q.put(42);
        assertThat(getter.result()).isEqualTo(42);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void timedGetAndPutWakeBeforeTheirTimeout() {
        // Python: get(timeout=...) returns the item put meanwhile; put(timeout=...) succeeds when a slot frees
        Queue<Integer> q = new Queue<>(1);
        Spawned<Integer> getter = Spawned.start("getter", () -> q.get(60.0));
        Waits.untilBlocked(getter.thread);
        q.put(5);
        assertThat(getter.result()).isEqualTo(5);
        q.put(6);
        Spawned<Void> putter = Spawned.run("putter", () -> q.put(7, Duration.ofSeconds(60)));
        Waits.untilBlocked(putter.thread);
        assertThat(q.get()).isEqualTo(6);
        putter.result();
        assertThat(q.get()).isEqualTo(7);
    }

    @Test
    void producerWaitsForConsumerWithJoin() {
        // Python (SCENARIOS Q3): the producer's join() returns once the consumer task_done()'d every item
        Queue<Integer> q = new Queue<>(3);
        List<Integer> consumed = Collections.synchronizedList(new ArrayList<>());
        Spawned<Void> consumer = Spawned.run("consumer", () -> {
            while (true) {
                int item;
                try {
                    item = q.get();
                } catch (ShutDownException done) {
                    return;
                }
                consumed.add(item);
                q.taskDone();
            }
        });
        for (int i = 0; i < 100; i++) {
            q.put(i);
        }
        q.join();
        assertThat(consumed).hasSize(100);
        assertThat(q.getUnfinishedTasks()).isZero();
        q.shutdown();
        consumer.result();
        for (int i = 0; i < 100; i++) {
            assertThat(consumed.get(i)).isEqualTo(i);
        }
    }

    @Test
    void joinBlocksUntilLastTaskDone() {
        // Python: join() blocks while unfinished_tasks > 0 and is woken by the task_done() that makes it 0
        Queue<String> q = new Queue<>();
        q.put("a");
        q.put("b");
        Spawned<Void> joiner = Spawned.run("joiner", q::join);
        Spawned<Boolean> timedJoiner = Spawned.start("timed joiner", () -> q.join(60.0));
        q.get();
        q.taskDone();
        Waits.untilBlocked(joiner.thread);
        Waits.untilBlocked(timedJoiner.thread);
        assertThat(joiner.isDone()).isFalse();
        q.get();
        q.taskDone();
        joiner.result();
        assertThat(timedJoiner.result()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void manyProducersAndConsumersLoseAndDuplicateNothing(String kind, IntFunction<Queue<Integer>> make) {
        // Python: a multi-producer, multi-consumer queue delivers every put item to exactly one get
        int producers = 4;
        int consumers = 4;
        int perProducer = 10_000;
        Queue<Integer> q = make.apply(16);
        List<Spawned<Void>> putters = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            putters.add(Spawned.run("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    q.put(base + i);
                }
            }));
        }
        List<Spawned<List<Integer>>> getters = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            getters.add(Spawned.start("consumer-" + c, () -> {
                List<Integer> got = new ArrayList<>();
                while (true) {
                    try {
                        got.add(q.get());
                    } catch (ShutDownException drained) {
                        return got;
                    }
                    q.taskDone();
                }
            }));
        }
        putters.forEach(Spawned::result);
        q.join();
        q.shutdown();
        int[] seen = new int[producers * perProducer];
        int total = 0;
        for (Spawned<List<Integer>> g : getters) {
            for (int item : g.result()) {
                seen[item]++;
                total++;
            }
        }
        assertThat(total).isEqualTo(producers * perProducer);
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] != 1) {
                throw new AssertionError("item " + i + " was taken " + seen[i] + " times");
            }
        }
        assertThat(q.qsize()).isZero();
        assertThat(q.getUnfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownWakesBlockedPutters(String kind, IntFunction<Queue<Integer>> make) {
        // Python 3.13: put() blocked on a full queue raises ShutDown when the queue is shut down; its item is not added
        Queue<Integer> q = make.apply(1);
        q.put(1);
        Spawned<Void> putter = Spawned.run("putter", () -> q.put(2));
        Spawned<Void> timedPutter = Spawned.run("timed putter", () -> q.put(3, 60.0));
        Waits.untilBlocked(putter.thread);
        Waits.untilBlocked(timedPutter.thread);
        q.shutdown();
        assertThat(putter.failure()).isInstanceOf(ShutDownException.class);
        assertThat(timedPutter.failure()).isInstanceOf(ShutDownException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownWakesBlockedGetters(String kind, IntFunction<Queue<Integer>> make) {
        // Python 3.13: get() blocked on an empty queue raises ShutDown when the queue is shut down
        Queue<Integer> q = make.apply(0);
        Spawned<Integer> getter = Spawned.start("getter", q::get);
        Spawned<Integer> timedGetter = Spawned.start("timed getter", () -> q.get(Duration.ofSeconds(60)));
        Waits.untilBlocked(getter.thread);
        Waits.untilBlocked(timedGetter.thread);
        q.shutdown();
        assertThat(getter.failure()).isInstanceOf(ShutDownException.class);
        assertThat(timedGetter.failure()).isInstanceOf(ShutDownException.class);
    }

    @Test
    void gettersDrainWhatIsLeftAfterShutdown() {
        // Python 3.13: after shutdown() consumers still get every queued item, then ShutDown
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        q.shutdown();
        AtomicInteger got = new AtomicInteger();
        List<Spawned<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            consumers.add(Spawned.run("consumer-" + c, () -> {
                while (true) {
                    try {
                        q.get();
                    } catch (ShutDownException e) {
                        return;
                    }
                    got.incrementAndGet();
                    q.taskDone();
                }
            }));
        }
        consumers.forEach(Spawned::result);
        assertThat(got.get()).isEqualTo(1000);
        q.join();
    }

    @Test
    void immediateShutdownReleasesJoinAndGetters() {
        // Python 3.13: shutdown(immediate=True) drains the queue, wakes get() with ShutDown and releases join()
        Queue<Integer> q = new Queue<>();
        q.put(1);
        q.put(2);
        Spawned<Void> joiner = Spawned.run("joiner", q::join);
        Waits.untilBlocked(joiner.thread);
        Queue<Integer> other = new Queue<>();
        Spawned<Integer> getter = Spawned.start("getter", other::get);
        Waits.untilBlocked(getter.thread);
        q.shutdown(true);
        other.shutdown(true);
        joiner.result();
        assertThat(getter.failure()).isInstanceOf(ShutDownException.class);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void interruptedBlockedCallsThrowAndLoseNothing() {
        // API.md §1: an interrupted blocked get/put/join throws ThreadInterruptedException with the flag set; the queue is intact
        Queue<Integer> q = new Queue<>(1);
        Spawned<Boolean> getter = Spawned.start("getter", () -> {
            try {
                q.get();
                return false;
            } catch (ThreadInterruptedException e) {
                return java.lang.Thread.currentThread().isInterrupted() && e.getCause() instanceof InterruptedException;
            }
        });
        Waits.untilBlocked(getter.thread);
        getter.thread.interrupt();
        assertThat(getter.result()).isTrue();

        q.put(1);
        Spawned<Boolean> putter = Spawned.start("putter", () -> {
            try {
                q.put(2, 60.0);
                return false;
            } catch (ThreadInterruptedException e) {
                return java.lang.Thread.currentThread().isInterrupted();
            }
        });
        Waits.untilBlocked(putter.thread);
        putter.thread.interrupt();
        assertThat(putter.result()).isTrue();

        Spawned<Boolean> joiner = Spawned.start("joiner", () -> {
            try {
                q.join();
                return false;
            } catch (ThreadInterruptedException e) {
                return java.lang.Thread.currentThread().isInterrupted();
            }
        });
        Waits.untilBlocked(joiner.thread);
        joiner.thread.interrupt();
        assertThat(joiner.result()).isTrue();

        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getUnfinishedTasks()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(1);
    }
}
