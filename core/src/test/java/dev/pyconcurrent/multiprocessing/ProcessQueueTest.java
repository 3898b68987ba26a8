package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessQueueTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void aListPutByAChildArrivesInTheParent() {
        // Python P5: the child puts [42, None, 'hello'], the parent gets it
        Queue<ArrayList<Object>> q = new Queue<>();
        Process p = new Process((Queue<ArrayList<Object>> qq) -> qq.put(new ArrayList<>(Arrays.asList(42, null, "hello"))), q);
        p.start();
        assertThat(q.get(60)).containsExactly(42, null, "hello");
        p.join();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void resultsFromSeveralProcessesComeBackThroughOneQueue() {
        // Python P11: workers put their results into a shared Queue
        Queue<Integer> results = new Queue<>();
        List<Process> ps = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            ps.add(new Process(() -> results.put(n * n)));
        }
        ps.forEach(Process::start);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(results.get(60));
        }
        ps.forEach(Process::join);
        assertThat(got).containsExactlyInAnyOrder(1, 4, 9);
        assertThat(results.empty()).isTrue();
    }

    @Test
    void twoChildrenPlayPingPongUpToFifty() {
        // Python P4: two processes pass a counter back and forth through queues until 50
        Queue<Integer> toA = new Queue<>();
        Queue<Integer> toB = new Queue<>();
        Queue<String> log = new Queue<>();
        Process a = new Process(() -> bounce("ping", toA, toB, log));
        Process b = new Process(() -> bounce("pong", toB, toA, log));
        a.start();
        b.start();
        toA.put(1);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            lines.add(log.get(60));
        }
        a.join();
        b.join();
        assertThat(lines).hasSize(50);
        for (int i = 1; i <= 50; i++) {
            assertThat(lines.get(i - 1)).isEqualTo((i % 2 == 1 ? "ping " : "pong ") + i);
        }
        assertThat(a.getExitcode()).isZero();
        assertThat(b.getExitcode()).isZero();
    }

    static void bounce(String name, Queue<Integer> in, Queue<Integer> out, Queue<String> log) {
        while (true) {
            int n = in.get();
            if (n > 50) {
                out.put(n);
                return;
            }
            log.put(name + " " + n);
            out.put(n + 1);
        }
    }

    @Test
    void twoProducersAndTwoConsumersPassTwentyThousandItemsNoneLostOrRepeated() {
        // Python: a multiprocessing.Queue delivers every item exactly once across producers and consumers
        Queue<Integer> q = new Queue<>(1000);
        Array seen = Array.ofLongs(20_000);
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int base = p * 10_000;
            ps.add(new Process(() -> {
                for (int i = 0; i < 10_000; i++) {
                    q.put(base + i);
                }
                q.put(-1);
            }));
        }
        for (int c = 0; c < 2; c++) {
            ps.add(new Process(() -> {
                for (int item = q.get(); item >= 0; item = q.get()) {
                    seen.getAndAddLong(item, 1);
                }
            }));
        }
        ps.forEach(Process::start);
        for (Process p : ps) {
            p.join();
            assertThat(p.getExitcode()).isZero();
        }
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.getLong(i)).as("times item %d was received", i).isEqualTo(1);
        }
        assertThat(q.empty()).isTrue();
    }

    @Test
    void anUnserializableItemFailsInPutAndNothingIsEnqueued() {
        // Python: put() of an unpicklable object fails (here in the caller, not in a feeder thread)
        Queue<Serializable2> q = new Queue<>();
        assertThatThrownBy(() -> q.put(new Serializable2())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Serializable2.class.getName());
        assertThat(q.qsize()).isZero();
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Python's None").hasMessageContaining("sentinel").hasMessageContaining("equals()");
    }

    /** Declared Serializable but holds a field that is not. */
    static final class Serializable2 implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object inner = new Object();
    }

    @Test
    void boundsTimeoutsAndCloseBehaveAsQueueQueue() {
        // Python: get_nowait on empty raises Empty, put_nowait on full raises Full, put after close() raises
        Queue<String> q = new Queue<>(1);
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(0.05)).isInstanceOf(EmptyException.class);
        q.put("a");
        assertThat(q.full()).isTrue();
        assertThatThrownBy(() -> q.putNowait("b")).isInstanceOf(FullException.class);
        assertThatThrownBy(() -> q.put("b", 0.05)).isInstanceOf(FullException.class);
        assertThat(q.qsize()).isEqualTo(1);
        q.close();
        assertThatThrownBy(() -> q.put("c")).isInstanceOf(IllegalStateException.class);
        assertThat(q.get(false)).isEqualTo("a");
    }

    @Test
    void aJoinableQueueJoinsWhenAChildHasMarkedEveryTaskDone() {
        // Python: JoinableQueue.join() returns once task_done() was called for every item, from any process
        JoinableQueue<Integer> q = new JoinableQueue<>();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertThat(q.join(0.05)).isFalse();
        Process p = new Process(() -> {
            for (int i = 0; i < 5; i++) {
                q.get();
                q.taskDone();
            }
        });
        p.start();
        assertThat(q.join(60)).isTrue();
        p.join();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsumerKilledWhileWaitingInGetLeavesTheNextItemToTheOthers() {
        // Python: a process dying mid-operation must not leave the others blocked forever; the dead one's wait is cancelled
        Queue<Integer> q = new Queue<>();
        Process doomed = new Process(() -> q.get());
        Process survivor = new Process(() -> System.exit(q.get() == 7 ? 0 : 9));
        doomed.start();
        Waits.until("the first consumer waits in get", () -> waitingGets() == 1);
        survivor.start();
        Waits.until("both consumers wait in get", () -> waitingGets() == 2);
        doomed.kill();
        doomed.join();
        assertThat(doomed.getExitcode()).isEqualTo(-9);
        Waits.until("the killed consumer's get is cancelled", () -> waitingGets() == 1);
        q.put(7);
        assertThat(survivor.join(60)).isTrue();
        assertThat(survivor.getExitcode()).isZero();
        assertThat(q.empty()).isTrue();
    }

    /**
     * @return how many calls of other processes wait in a get of a queue this JVM owns: parked ones (a get with no
     *         timeout waits with no thread) and those run by a thread (a get with a timeout); no pipe is in use here
     */
    static long waitingGets() {
        return dev.pyconcurrent.multiprocessing.internal.broker.Broker.parkedCalls() + java.lang.Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("pyconcurrent-broker-call-"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(dev.pyconcurrent.queue.Queue.class.getName())
                        && f.getMethodName().equals("get")))
                .count();
    }
}
