package dev.pyconcurrent.queue;

import dev.pyconcurrent.ThreadInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Single-threaded behaviour of Queue, LifoQueue and PriorityQueue (CPython's test_queue.py, translated). */
class QueueTest {

    /** Each kind of queue, built with a given maxsize: the shared behaviour must hold for all three. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("Queue", (IntFunction<Queue<Integer>>) Queue::new),
                Arguments.of("LifoQueue", (IntFunction<Queue<Integer>>) LifoQueue::new),
                Arguments.of("PriorityQueue", (IntFunction<Queue<Integer>>) PriorityQueue::new));
    }

    /** Python's (priority, data) tuple. */
    record Job(int priority, String data) implements Comparable<Job> {
        @Override
        public int compareTo(Job o) {
            return Integer.compare(priority, o.priority);
        }
    }

    private static <E> List<E> drain(Queue<E> q) {
        List<E> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @Test
    void fifoLifoAndPriorityOrderForTheSamePuts() {
        // Python (SCENARIOS Q1): the same puts come out FIFO, LIFO, and lowest-priority-first
        List<Job> puts = List.of(new Job(3, "c"), new Job(1, "a"), new Job(4, "d"), new Job(2, "b"));
        Queue<Job> fifo = new Queue<>();
        Queue<Job> lifo = new LifoQueue<>();
        Queue<Job> prio = new PriorityQueue<>();
        for (Job j : puts) {
            fifo.put(j);
            lifo.put(j);
            prio.put(j);
        }
        assertThat(drain(fifo)).extracting(Job::data).containsExactly("c", "a", "d", "b");
        assertThat(drain(lifo)).extracting(Job::data).containsExactly("b", "d", "a", "c");
        assertThat(drain(prio)).extracting(Job::data).containsExactly("a", "b", "c", "d");
    }

    @Test
    void priorityWithEntriesAndComparator() {
        // Python: PriorityQueue of (priority, data) tuples; here Map.entry ordered by key
        PriorityQueue<Map.Entry<Integer, String>> q = new PriorityQueue<>(0, Map.Entry.comparingByKey());
        q.put(Map.entry(2, "code"));
        q.put(Map.entry(1, "eat"));
        q.put(Map.entry(3, "sleep"));
        assertThat(q.get().getValue()).isEqualTo("eat");
        assertThat(q.get().getValue()).isEqualTo("code");
        assertThat(q.get().getValue()).isEqualTo("sleep");
    }

    @Test
    void priorityComparatorDecidesOrderAndMaxsizeStillHolds() {
        // Python: PriorityQueue(maxsize) retrieves lowest first; a reversed order makes the highest "lowest"
        PriorityQueue<Integer> q = new PriorityQueue<>(3, Comparator.reverseOrder());
        q.put(1);
        q.put(3);
        q.put(2);
        assertThat(q.full()).isTrue();
        assertThatThrownBy(() -> q.putNowait(0)).isInstanceOf(FullException.class);
        assertThat(drain(q)).containsExactly(3, 2, 1);
        PriorityQueue<Integer> unbounded = new PriorityQueue<>(Comparator.reverseOrder());
        unbounded.put(1);
        unbounded.put(5);
        assertThat(unbounded.get()).isEqualTo(5);
        assertThat(unbounded.getMaxsize()).isZero();
    }

    @Test
    void priorityNaturalOrderRejectsNonComparable() {
        // Python: heappush of items that cannot be compared raises TypeError; the queue is unchanged
        PriorityQueue<Object> q = new PriorityQueue<>();
        assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.getUnfinishedTasks()).isZero();
        q.put(1);
        assertThatThrownBy(() -> q.put("x")).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getUnfinishedTasks()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void boundedQueueReportsSizeFullAndEmpty(String kind, IntFunction<Queue<Integer>> make) {
        // Python: qsize()/empty()/full() follow puts and gets; maxsize is kept
        Queue<Integer> q = make.apply(2);
        assertThat(q.getMaxsize()).isEqualTo(2);
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        q.put(1);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.empty()).isFalse();
        assertThat(q.full()).isFalse();
        q.put(2);
        assertThat(q.full()).isTrue();
        q.get();
        assertThat(q.full()).isFalse();
        assertThat(q.qsize()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nonBlockingCallsRaiseFullAndEmpty(String kind, IntFunction<Queue<Integer>> make) {
        // Python (SCENARIOS Q2): put_nowait on a full queue raises Full, get_nowait on an empty one raises Empty
        Queue<Integer> q = make.apply(1);
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(false)).isInstanceOf(EmptyException.class);
        q.putNowait(7);
        assertThatThrownBy(() -> q.putNowait(8)).isInstanceOf(FullException.class);
        assertThatThrownBy(() -> q.put(8, false)).isInstanceOf(FullException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getUnfinishedTasks()).isEqualTo(1);
        assertThat(q.get(false)).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void timedCallsTimeOut(String kind, IntFunction<Queue<Integer>> make) {
        // Python (SCENARIOS Q2): get(timeout=...) on empty raises Empty, put(timeout=...) on full raises Full
        Queue<Integer> q = make.apply(1);
        assertThatThrownBy(() -> q.get(0.02)).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(20))).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(0.0)).isInstanceOf(EmptyException.class);
        q.put(1);
        assertThatThrownBy(() -> q.put(2, 0.02)).isInstanceOf(FullException.class);
        assertThatThrownBy(() -> q.put(2, Duration.ofMillis(20))).isInstanceOf(FullException.class);
        assertThatThrownBy(() -> q.put(2, 0.0)).isInstanceOf(FullException.class);
        assertThat(q.get(0.0)).isEqualTo(1);
        q.put(3, 0.0);
        assertThat(q.get(Duration.ZERO)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void maxsizeZeroOrNegativeIsUnbounded(String kind, IntFunction<Queue<Integer>> make) {
        // Python: maxsize <= 0 means the queue size is infinite; full() is always False
        for (int maxsize : new int[] {0, -1}) {
            Queue<Integer> q = make.apply(maxsize);
            assertThat(q.getMaxsize()).isEqualTo(maxsize);
            for (int i = 0; i < 1000; i++) {
                q.putNowait(i);
            }
            assertThat(q.full()).isFalse();
            assertThat(q.qsize()).isEqualTo(1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void taskDoneTooManyTimesIsAnError(String kind, IntFunction<Queue<Integer>> make) {
        // Python: ValueError('task_done() called too many times')
        Queue<Integer> q = make.apply(0);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessage("task_done() called too many times");
        q.put(1);
        q.get();
        q.taskDone();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessage("task_done() called too many times");
        assertThat(q.getUnfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void joinCountsUnfinishedTasks(String kind, IntFunction<Queue<Integer>> make) {
        // Python: join() returns at once with no tasks; waits while a put item is not task_done()
        Queue<Integer> q = make.apply(0);
        q.join();
        assertThat(q.join(0.0)).isTrue();
        q.put(1);
        q.put(2);
        assertThat(q.getUnfinishedTasks()).isEqualTo(2);
        q.get();
        q.get();
        assertThat(q.join(0.01)).isFalse();
        q.taskDone();
        assertThat(q.join(Duration.ofMillis(10))).isFalse();
        q.taskDone();
        assertThat(q.join(0.0)).isTrue();
        q.join();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nullItemsAreRejected(String kind, IntFunction<Queue<Integer>> make) {
        // API.md §1: None items -> NullPointerException, and nothing is added
        Queue<Integer> q = make.apply(1);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Python's None").hasMessageContaining("sentinel").hasMessageContaining("shutdown()");
        assertThatThrownBy(() -> q.put(null, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null, 1.0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.getUnfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void badTimeoutsAreRejected(String kind, IntFunction<Queue<Integer>> make) {
        // Python: ValueError("'timeout' must be a non-negative number"), in the library's one wording
        Queue<Integer> q = make.apply(1);
        String msg = "timeout must be a non-negative number of seconds, got ";
        assertThatThrownBy(() -> q.get(-1.0)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "-1.0");
        assertThatThrownBy(() -> q.get(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "NaN");
        assertThatThrownBy(() -> q.get(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "PT-0.001S");
        assertThatThrownBy(() -> q.put(1, -0.5)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "-0.5");
        assertThatThrownBy(() -> q.put(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "NaN");
        assertThatThrownBy(() -> q.put(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "PT-1S");
        assertThatThrownBy(() -> q.join(-1.0)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "-1.0");
        assertThatThrownBy(() -> q.join(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessage(msg + "PT-1S");
        assertThatThrownBy(() -> q.get((Duration) null)).isInstanceOf(NullPointerException.class);
        assertThat(q.qsize()).isZero();
        q.put(1, Double.POSITIVE_INFINITY);
        assertThat(q.get(Double.POSITIVE_INFINITY)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownInOneThread(String kind, IntFunction<Queue<Integer>> make) {
        // Python 3.13 test_shutdown_all_methods_in_one_thread: put raises ShutDown, get drains then raises
        Queue<Integer> q = make.apply(2);
        q.put(1);
        q.putNowait(2);
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
        assertThatThrownBy(() -> q.put(3)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.putNowait(3)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.put(3, 1.0)).isInstanceOf(ShutDownException.class);
        assertThat(List.of(q.get(), q.get())).containsExactlyInAnyOrder(1, 2);
        q.taskDone();
        q.taskDone();
        q.join();
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.get(1.0)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.get(false)).isInstanceOf(ShutDownException.class);
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void immediateShutdownInOneThread(String kind, IntFunction<Queue<Integer>> make) {
        // Python 3.13 test_shutdown_immediate_all_methods_in_one_thread: drained, get raises, task_done too many, join returns
        Queue<Integer> q = make.apply(2);
        q.put(1);
        q.put(2);
        q.shutdown(true);
        assertThat(q.qsize()).isZero();
        assertThat(q.getUnfinishedTasks()).isZero();
        assertThatThrownBy(() -> q.put(3)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
        q.join();
    }

    @Test
    void immediateShutdownLeavesTakenItemsUnfinished() {
        // Python 3.13: shutdown(immediate=True) only discounts the drained items; an item already got still needs task_done()
        Queue<String> q = new Queue<>();
        q.put("taken");
        q.put("dropped");
        assertThat(q.get()).isEqualTo("taken");
        q.shutdown(true);
        assertThat(q.getUnfinishedTasks()).isEqualTo(1);
        assertThat(q.join(0.0)).isFalse();
        q.taskDone();
        assertThat(q.join(0.0)).isTrue();
    }

    @Test
    void interruptFlagMakesBlockingCallsThrowAtOnce() {
        // API.md §1: a blocking call entered with the flag set throws ThreadInterruptedException, flag kept
        Queue<Integer> q = new Queue<>(1);
        q.put(1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> q.put(2)).isInstanceOf(ThreadInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> q.put(2, 5.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThatThrownBy(() -> q.join()).isInstanceOf(ThreadInterruptedException.class);
            // non-blocking calls are not interruption points
            assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(FullException.class);
            assertThat(q.getNowait()).isEqualTo(1);
            assertThatThrownBy(() -> q.get()).isInstanceOf(ThreadInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(q.qsize()).isZero();
        assertThat(q.getUnfinishedTasks()).isEqualTo(1);
    }

    @Test
    void subclassHooksDecideTheOrder() {
        // Python: subclasses override _init/_qsize/_put/_get to make other queue organisations
        class EvensFirstQueue extends Queue<Integer> {
            private ArrayList<Integer> evens;
            private ArrayList<Integer> odds;

            @Override
            protected void init(int maxsize) {
                evens = new ArrayList<>();
                odds = new ArrayList<>();
            }

            @Override
            protected int size() {
                return evens.size() + odds.size();
            }

            @Override
            protected void putItem(Integer item) {
                (item % 2 == 0 ? evens : odds).add(item);
            }

            @Override
            protected Integer takeItem() {
                return evens.isEmpty() ? odds.remove(0) : evens.remove(0);
            }
        }
        Queue<Integer> q = new EvensFirstQueue();
        for (int i = 1; i <= 5; i++) {
            q.put(i);
        }
        assertThat(q.qsize()).isEqualTo(5);
        assertThat(drain(q)).containsExactly(2, 4, 1, 3, 5);
    }

    @Test
    void reprNamesKindSizeAndShutdown() {
        // Python: repr of a queue object names its class (asyncio's repr adds maxsize, tasks, shutdown)
        Queue<Integer> q = new LifoQueue<>(5);
        q.put(1);
        assertThat(q.toString()).isEqualTo("<LifoQueue maxsize=5 qsize=1 tasks=1>");
        q.shutdown();
        assertThat(q.toString()).isEqualTo("<LifoQueue maxsize=5 qsize=1 tasks=1 shutdown>");
        assertThat(new PriorityQueue<Integer>().toString()).startsWith("<PriorityQueue maxsize=0 qsize=0");
    }
}
