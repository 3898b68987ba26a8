package dev.pyconcurrent.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapResult;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.SharedEvent;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Members killed ({@code SIGKILL}) while they run tasks, on one cluster of four member JVMs that loses one
 * member per test: the lost tasks fail with {@link MemberLostException} naming the member, nothing hangs,
 * nothing runs twice, the other tasks complete; in durable mode the lost tasks run again instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberLossTest {
    private static final int TASKS_PER_MEMBER = 2;

    private static LocalCluster cluster;
    private static ClusterExecutor executor;
    private static List<Long> memberPids;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.builder().members(4).memberThreads(TASKS_PER_MEMBER).start();
        executor = cluster.executor();
        memberPids = cluster.getProcesses().stream().map(Process::getPid).toList();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster == null) {
            return;
        }
        HazelcastInstance lite = executor == null ? null : executor.getHazelcastInstance();
        if (executor != null) {
            executor.shutdown();
        }
        cluster.close();
        if (lite != null) {
            assertThat(lite.getLifecycleService().isRunning()).isFalse();
        }
        // no member process is left
        assertThat(Tasks.livingDescendants()).doesNotContainAnyElementsOf(memberPids);
    }

    /** Records of the tasks (how often each started, in which process, on which member port) and their gate. */
    private record Records(SharedEvent gate, Map<String, Long> map, int n) {
        static Records of(int n) {
            return new Records(Multiprocessing.event(), Tasks.records(), n);
        }

        long started(int i) {
            return Tasks.started(map, i);
        }

        long pid(int i) {
            return Tasks.get(map, "pid", i);
        }

        long port(int i) {
            return Tasks.get(map, "port", i);
        }

        long sumStarted() {
            return Tasks.sumStarted(map, n);
        }

        List<Integer> startedIn(long pid) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (started(i) > 0 && pid(i) == pid) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    private static List<Future<Long>> submitGated(ClusterExecutor ex, Records r, int n) {
        List<Future<Long>> fs = new ArrayList<>();
        SharedEvent gate = r.gate();
        Map<String, Long> map = r.map();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(ex.submit(() -> Tasks.gated(k, gate, map)));
        }
        return fs;
    }

    private static void assertLost(Throwable t, Records r, int i) {
        assertThat(t).isInstanceOf(MemberLostException.class);
        MemberLostException lost = (MemberLostException) t;
        String address = "127.0.0.1:" + r.port(i);
        assertThat(lost.getMemberAddress()).isEqualTo(address);
        assertThat(lost.getMemberUuid()).isNotNull();
        assertThat(lost.getMessage()).contains("cluster member " + address)
                .contains(lost.getMemberUuid().toString())
                .contains("is not run again");
    }

    @Test
    @Order(1)
    void aKilledMembersTasksFailClearlyAndTheOthersComplete() {
        // a worker killed mid-task fails only its tasks, with an error naming it; no waiting forever; never re-run
        int members = executor.getMembers().size();
        assertThat(members).isEqualTo(4);
        int inFlight = members * TASKS_PER_MEMBER;
        int n = inFlight + 6;
        Records r = Records.of(n);
        try {
            List<Future<Long>> fs = submitGated(executor, r, n);
            Waits.until("every member runs its share", () -> r.sumStarted() == inFlight, Waits.SLOW);
            long victim = memberPids.get(3);
            List<Integer> lostIdx = r.startedIn(victim);
            assertThat(lostIdx).hasSize(TASKS_PER_MEMBER);

            cluster.kill(3);
            for (int i : lostIdx) {
                assertLost(fs.get(i).exception(60), r, i);
            }
            Waits.until("the executor sees three members", () -> executor.getMembers().size() == 3, Waits.SLOW);

            r.gate().set();
            for (int i = 0; i < n; i++) {
                if (!lostIdx.contains(i)) {
                    assertThat(fs.get(i).result(60)).isEqualTo(i * 10L);
                    assertThat(r.pid(i)).isNotEqualTo(victim);
                }
                assertThat(r.started(i)).as("runs of task %d", i).isEqualTo(1);
            }
        } finally {
            r.gate().set();
        }
    }

    @Test
    @Order(2)
    void aMemberKilledMidMapFailsTheMapAtTheLostItem() {
        // Executor.map: a failed item re-raises when reached; the items before it are returned in order
        int members = executor.getMembers().size();
        assertThat(members).isEqualTo(3);
        int inFlight = members * TASKS_PER_MEMBER;
        int n = inFlight + 4;
        Records r = Records.of(n);
        try {
            SharedEvent gate = r.gate();
            Map<String, Long> map = r.map();
            MapResult<Long> results = executor.map((Integer i) -> Tasks.gated(i, gate, map),
                    IntStream.range(0, n).boxed().toList());
            Waits.until("every member runs its share", () -> r.sumStarted() == inFlight, Waits.SLOW);
            long victim = memberPids.get(2);
            List<Integer> lostIdx = r.startedIn(victim);
            assertThat(lostIdx).hasSize(TASKS_PER_MEMBER);

            cluster.kill(2);
            Waits.until("the executor sees two members", () -> executor.getMembers().size() == 2, Waits.SLOW);
            gate.set();
            int firstLost = lostIdx.get(0);
            for (int i = 0; i < firstLost; i++) {
                assertThat(results.next()).isEqualTo(i * 10L);
            }
            Throwable[] thrown = new Throwable[1];
            assertThatThrownBy(() -> {
                try {
                    results.next();
                } catch (RuntimeException e) {
                    thrown[0] = e;
                    throw e;
                }
            }).isInstanceOf(MemberLostException.class);
            assertLost(thrown[0], r, firstLost);
            assertThat(results.hasNext()).isFalse();
            for (int i = 0; i < n; i++) {
                assertThat(r.started(i)).as("runs of item %d", i).isLessThanOrEqualTo(1);
            }
        } finally {
            r.gate().set();
        }
        // the executor goes on with the members left
        List<Integer> after = executor.map((Integer i) -> i + 1, IntStream.range(0, 500).boxed().toList(),
                dev.pyconcurrent.futures.MapOptions.defaults().chunksize(25)).toList();
        assertThat(after).isEqualTo(IntStream.range(1, 501).boxed().toList());
    }

    @Test
    @Order(3)
    void durableModeRunsALostTaskAgain() {
        // opt-in durable mode: at-least-once; a killed member's tasks run again elsewhere and their futures succeed
        ClusterExecutor durable = cluster.executor(ClusterExecutor.builder().durable(true));
        int n = 8;
        Records r = Records.of(n);
        try {
            assertThat(durable.isDurable()).isTrue();
            List<Future<Long>> fs = submitGated(durable, r, n);
            Waits.until("tasks run", () -> r.sumStarted() >= 2, Waits.SLOW);
            long victim = -1;
            for (int i = 0; i < n && victim < 0; i++) {
                if (r.started(i) > 0) {
                    victim = r.pid(i);
                }
            }
            int victimIndex = memberPids.indexOf(victim);
            long survivor = memberPids.get(1 - victimIndex);
            assertThat(victimIndex).isBetween(0, 1);
            List<Integer> rerun = r.startedIn(victim);
            assertThat(rerun).isNotEmpty();

            cluster.kill(victimIndex);
            Waits.until("the executor sees one member", () -> durable.getMembers().size() == 1, Waits.SLOW);
            r.gate().set();
            for (int i = 0; i < n; i++) {
                assertThat(fs.get(i).result(90)).isEqualTo(i * 10L);
            }
            for (int i : rerun) {
                assertThat(r.started(i)).as("runs of task %d", i).isGreaterThanOrEqualTo(2);
                assertThat(r.pid(i)).isEqualTo(survivor);
            }
        } finally {
            r.gate().set();
            durable.shutdown();
        }
        assertThat(durable.getHazelcastInstance().getLifecycleService().isRunning()).isFalse();
    }
}
