package dev.pyconcurrent.queue;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Python's queue.SimpleQueue, translated (CPython test_queue.py SimpleQueue tests). */
class SimpleQueueTest {

    @Test
    void fifoOrderAndSizes() {
        // Python: SimpleQueue is FIFO; qsize()/empty() follow puts and gets
        SimpleQueue<String> q = new SimpleQueue<>();
        assertThat(q.empty()).isTrue();
        q.put("a");
        q.putNowait("b");
        q.put("c", false);
        q.put("d", 0.5);
        assertThat(q.qsize()).isEqualTo(4);
        assertThat(q.empty()).isFalse();
        assertThat(List.of(q.get(), q.get(false), q.get(1.0), q.get(Duration.ofSeconds(1))))
                .containsExactly("a", "b", "c", "d");
        assertThat(q.empty()).isTrue();
    }

    @Test
    void putIgnoresBlockAndTimeout() {
        // Python: SimpleQueue.put(item, block, timeout) ignores both arguments and never blocks
        SimpleQueue<Integer> q = new SimpleQueue<>();
        for (int i = 0; i < 10_000; i++) {
            q.put(i, -1.0);
        }
        assertThat(q.qsize()).isEqualTo(10_000);
    }

    @Test
    void emptyRaisesEmpty() {
        // Python: get_nowait()/get(False)/get(timeout=...) on an empty SimpleQueue raise Empty
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(false)).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(0.02)).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(0.0)).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(20))).isInstanceOf(EmptyException.class);
    }

    @Test
    void nullAndBadTimeoutsAreRejected() {
        // Python: ValueError("'timeout' must be a non-negative number") (the library's one wording); None -> NullPointerException
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Python's None").hasMessageContaining("sentinel").hasMessageContaining("Queue and its shutdown()");
        assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.get(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be a non-negative number of seconds, got -1.0");
        assertThatThrownBy(() -> q.get(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be a non-negative number of seconds, got PT-1S");
        assertThat(q.qsize()).isZero();
    }

    @Test
    void getBlocksUntilPut() {
        // Python: SimpleQueue.get() blocks until another thread puts
        SimpleQueue<Integer> q = new SimpleQueue<>();
        Spawned<Integer> getter = Spawned.start("getter", q::get);
        Spawned<Integer> timedGetter = Spawned.start("timed getter", () -> q.get(60.0));
        Waits.untilBlocked(getter.thread);
        Waits.untilBlocked(timedGetter.thread);
        q.put(1);
        q.put(2);
        assertThat(List.of(getter.result(), timedGetter.result())).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void interruptedGetThrowsWithFlagSet() {
        // API.md §1: an interrupted blocked get throws ThreadInterruptedException, flag set again
        SimpleQueue<Integer> q = new SimpleQueue<>();
        Spawned<Boolean> getter = Spawned.start("getter", () -> {
            try {
                q.get();
                return false;
            } catch (ThreadInterruptedException e) {
                return java.lang.Thread.currentThread().isInterrupted();
            }
        });
        Waits.untilBlocked(getter.thread);
        getter.thread.interrupt();
        assertThat(getter.result()).isTrue();
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> q.get(1.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            q.put(1);   // put never blocks, so it is not an interruption point
            assertThat(q.getNowait()).isEqualTo(1);
        } finally {
            java.lang.Thread.interrupted();
        }
    }

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() {
        // Python: SimpleQueue is a multi-producer, multi-consumer queue: every item reaches exactly one get
        int producers = 4;
        int perProducer = 10_000;
        SimpleQueue<Integer> q = new SimpleQueue<>();
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
        for (int c = 0; c < 4; c++) {
            getters.add(Spawned.start("consumer-" + c, () -> {
                List<Integer> got = new ArrayList<>();
                while (true) {
                    int item = q.get();
                    if (item < 0) {
                        return got;
                    }
                    got.add(item);
                }
            }));
        }
        putters.forEach(Spawned::result);
        for (int c = 0; c < 4; c++) {
            q.put(-1);   // one stop sentinel per consumer
        }
        int[] seen = new int[producers * perProducer];
        int total = 0;
        for (Spawned<List<Integer>> g : getters) {
            for (int item : g.result()) {
                seen[item]++;
                total++;
            }
        }
        assertThat(total).isEqualTo(seen.length);
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] != 1) {
                throw new AssertionError("item " + i + " was taken " + seen[i] + " times");
            }
        }
        assertThat(q.empty()).isTrue();
    }

    @Test
    void reprShowsSize() {
        // Python: repr of a SimpleQueue names its class
        SimpleQueue<Integer> q = new SimpleQueue<>();
        q.put(1);
        assertThat(q.toString()).isEqualTo("<SimpleQueue qsize=1>");
    }
}
