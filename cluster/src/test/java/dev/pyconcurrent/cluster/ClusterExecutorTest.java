package dev.pyconcurrent.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.MapResult;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.RemoteException;
import dev.pyconcurrent.multiprocessing.SharedEvent;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ClusterExecutor} on a real cluster of three member JVMs on 127.0.0.1, submitting from a lite
 * member in the test JVM: the {@code concurrent.futures} behaviour of {@code ProcessPoolExecutor}.
 */
class ClusterExecutorTest {
    private static LocalCluster cluster;
    private static ClusterExecutor executor;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.builder().members(3).memberThreads(2).start();
        executor = cluster.executor();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster == null) {
            return;
        }
        List<Long> memberPids = cluster.getProcesses().stream().map(Process::getPid).toList();
        HazelcastInstance lite = executor == null ? null : executor.getHazelcastInstance();
        if (executor != null) {
            executor.shutdown();
        }
        cluster.close();
        // the executor's embedded lite member is gone, and so is every member process
        if (lite != null) {
            assertThat(lite.getLifecycleService().isRunning()).isFalse();
        }
        assertThat(Tasks.livingDescendants()).doesNotContainAnyElementsOf(memberPids);
        assertThat(memberPids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void primeCheckGivesTheSequentialAnswers() {
        // SCENARIOS.md F3: executor.map(is_prime, PRIMES) yields is_prime(n) for each n, in order
        List<Boolean> expected = Tasks.PRIMES.stream().map(Tasks::isPrime).toList();
        List<Boolean> results = executor.map((Long n) -> Tasks.isPrime(n), Tasks.PRIMES).toList();
        assertThat(results).isEqualTo(expected);
        assertThat(results).contains(true, false);
    }

    @Test
    void tenThousandItemMapReturnsEveryResultInOrder() {
        // Executor.map(fn, items, chunksize=100) over 10,000 items: every result, in input order
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        List<Long> results = executor.map((Integer i) -> (long) i * i + 7, items,
                MapOptions.defaults().chunksize(100)).toList();
        assertThat(results).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(results.get(i)).isEqualTo((long) i * i + 7);
        }
    }

    @Test
    void mapWithDefaultChunksizeSendsOneItemPerTask() {
        // Executor.map(fn, items) with chunksize 1 (Python's default): results in input order
        List<Integer> items = IntStream.range(0, 300).boxed().toList();
        assertThat(executor.map((Integer i) -> "v" + i, items).toList())
                .isEqualTo(items.stream().map(i -> "v" + i).toList());
    }

    @Test
    void mapOverThreeIterablesRunsOnTheMembers() {
        // Python: executor.map(f, xs, ys, zs, chunksize=7): f(x, y, z) for each position, in order, shortest input
        List<Integer> xs = IntStream.range(0, 100).boxed().toList();
        List<Long> results = executor.map((Integer x, Integer y, String z) -> (long) x * y + z.length(), xs, xs,
                xs.stream().limit(90).map(i -> "s".repeat(i % 3)).toList(), MapOptions.defaults().chunksize(7)).toList();
        assertThat(results).isEqualTo(IntStream.range(0, 90).mapToObj(i -> (long) i * i + i % 3).toList());
    }

    @Test
    void tasksRunOnTheMemberProcessesOnly() {
        // tasks run in the worker processes (here: every cluster member), never in the caller
        Set<Long> memberPids = new HashSet<>();
        for (Process p : cluster.getProcesses()) {
            memberPids.add(p.getPid());
        }
        List<Long> pids = executor.map((Integer i) -> {
            Tasks.sleep(5);
            return ProcessHandle.current().pid();
        }, IntStream.range(0, 120).boxed().toList()).toList();
        assertThat(new HashSet<>(pids)).isEqualTo(memberPids);
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
        assertThat(executor.getMembers()).hasSize(3);
    }

    @Test
    void mapOfTwoIterablesStopsAtTheShorter() {
        // Python map(fn, a, b): fn(a[i], b[i]) up to the shorter input
        List<String> out = executor.map((String s, Integer n) -> s.repeat(n),
                List.of("a", "b", "c"), List.of(1, 2)).toList();
        assertThat(out).containsExactly("a", "bb");
    }

    @Test
    void submitReturnsAFutureWithCallbacksAndCompletableView() throws Exception {
        // Future.result(), add_done_callback (runs at once when already done), and the CompletableFuture view
        Future<Integer> f = executor.submit(() -> 6 * 7);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        f.addDoneCallback(done -> seen.add(done.result()));
        assertThat(f.result(60)).isEqualTo(42);
        assertThat(f.toCompletableFuture().get(60, TimeUnit.SECONDS)).isEqualTo(42);
        Waits.until("the done-callback ran", () -> seen.size() == 1, Waits.SLOW);
        f.addDoneCallback(done -> seen.add(-done.result()));
        assertThat(seen).containsExactly(42, -42);
        assertThat(f.done()).isTrue();
        assertThat(f.cancel()).isFalse();
        Future<Void> r = executor.submit(() -> { });
        assertThat(r.result(60)).isNull();
    }

    @Test
    void remoteExceptionArrivesAsItsOwnClassWithTheRemoteStack() {
        // result() re-raises the task's exception; exception() returns it; get() wraps it in ExecutionException
        Future<Integer> f = executor.submit((SerializableCallable<Integer>) () -> {
            throw new IllegalArgumentException("bad value " + ProcessHandle.current().pid());
        });
        assertThatThrownBy(() -> f.result(60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad value ");
        Throwable t = f.exception(60);
        assertThat(t.getMessage()).doesNotEndWith(" " + ProcessHandle.current().pid());
        assertThat(t.getStackTrace()).anyMatch(e -> e.getClassName().startsWith(ClusterExecutorTest.class.getName()));
        assertThat(t.getSuppressed()).anyMatch(s -> s.getMessage().contains("raised on cluster member 127.0.0.1:"));
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseReference(t);

        Future<Integer> checked = executor.submit((SerializableCallable<Integer>) () -> {
            throw new IOException("disk");
        });
        assertThatThrownBy(() -> checked.result(60)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("disk");
        assertThat(checked.exception(60)).isInstanceOf(IOException.class);
    }

    /** An exception that cannot be serialized: it holds a plain Object. */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object payload = new Object();

        Unsendable(String m) {
            super(m);
        }
    }

    @Test
    void anExceptionThatCannotTravelArrivesAsRemoteException() {
        // an exception that cannot be rebuilt here arrives as RemoteException with class name and remote trace
        Future<Integer> f = executor.submit((SerializableCallable<Integer>) () -> {
            throw new Unsendable("cannot travel");
        });
        assertThatThrownBy(() -> f.result(60)).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.getRemoteClassName()).isEqualTo(Unsendable.class.getName());
            assertThat(e.getRemoteMessage()).isEqualTo("cannot travel");
            assertThat(e.getRemoteStackTrace()).contains(ClusterExecutorTest.class.getName());
        });
    }

    @Test
    void aTaskThatCannotBeSerializedFailsAtTheCallNamingTheClass() {
        // multiprocessing: sending an unpicklable object fails at the call, naming what could not be pickled
        Callable<Integer> plain = () -> 1;
        assertThatThrownBy(() -> executor.submit(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(plain.getClass().getName())
                .hasMessageContaining("is not Serializable");
        Thread captured = Thread.currentThread();
        assertThatThrownBy(() -> executor.submit((SerializableCallable<String>) captured::getName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Thread");
        List<Object> items = List.of(new Object());
        assertThatThrownBy(() -> executor.map((Object o) -> 1, items))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aResultThatCannotBeSerializedFailsItsFuture() {
        // the worker cannot send the result back: that future fails, naming the class, as a worker process's
        // does (Python: MaybeEncodingError); the executor goes on
        Future<Object> f = executor.submit((SerializableCallable<Object>) Object::new);
        assertThatThrownBy(() -> f.result(60)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(executor.submit(() -> 1).result(60)).isEqualTo(1);
    }

    @Test
    void cancelSucceedsOnlyForTasksNotYetSentToAMember() {
        // Future.cancel(): true while pending, false once running; a cancelled task never runs
        int capacity = executor.getTasksPerMember() * 3;
        SharedEvent gate = Multiprocessing.event();
        Map<String, Long> rec = Tasks.records();
        List<Future<Long>> running = new ArrayList<>();
        try {
            for (int i = 0; i < capacity; i++) {
                int k = i;
                running.add(executor.submit(() -> Tasks.gated(k, gate, rec)));
            }
            Future<Long> queued = executor.submit(() -> Tasks.gated(capacity, gate, rec));
            Waits.until("every member runs its share", () -> Tasks.sumStarted(rec, capacity) == capacity, Waits.SLOW);
            assertThat(running).allMatch(Future::running);
            assertThat(queued.running()).isFalse();
            assertThat(queued.cancel()).isTrue();
            assertThat(queued.cancelled()).isTrue();
            assertThat(running.get(0).cancel()).isFalse();
            assertThatThrownBy(queued::result).isInstanceOf(CancellationException.class);
            gate.set();
            for (int i = 0; i < capacity; i++) {
                assertThat(running.get(i).result(60)).isEqualTo(i * 10L);
            }
            // the next task runs; the cancelled one never did
            Future<Long> after = executor.submit(() -> Tasks.gated(capacity + 1, gate, rec));
            assertThat(after.result(60)).isEqualTo((capacity + 1) * 10L);
            assertThat(Tasks.started(rec, capacity)).isZero();
        } finally {
            gate.set();
        }
    }

    @Test
    void mapTimeoutRaisesFromNext() {
        // Executor.map(timeout=0.3): TimeoutError when a result is not ready 0.3 s after the call
        long t0 = System.nanoTime();
        MapResult<Integer> results = executor.map((Integer i) -> {
            Tasks.sleep(1500);
            return i;
        }, List.of(1, 2, 3), MapOptions.defaults().timeout(0.3));
        assertThatThrownBy(results::next).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void mapWithBuffersizeReadsAnEndlessInputLazily() {
        // Python 3.14 map(buffersize=4): at most 4 chunks in flight ahead of the consumer; endless input works
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> naturals = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
        try (MapResult<Integer> results = executor.map((Integer i) -> i + 1, naturals,
                MapOptions.defaults().buffersize(4).chunksize(2))) {
            for (int i = 0; i < 20; i++) {
                assertThat(results.next()).isEqualTo(i + 1);
            }
        }
        assertThat(pulled.get()).isBetween(20, 20 + 2 * 5);
    }

    @Test
    void aUsersInstanceStaysRunningAndShutdownRefusesNewWork() {
        // shutdown(wait=True) waits for running work, then submit raises "cannot schedule new futures after shutdown";
        // shutdown(cancel_futures=True) cancels what has not started
        HazelcastInstance own = Hazelcast.newHazelcastInstance(cluster.liteMemberConfig());
        try {
            ClusterExecutor mine = ClusterExecutor.builder().instance(own).tasksPerMember(1).build();
            SharedEvent gate = Multiprocessing.event();
            Map<String, Long> rec = Tasks.records();
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int k = i;
                fs.add(mine.submit(() -> Tasks.gated(k, gate, rec)));
            }
            Waits.until("three tasks run, one per member", () -> Tasks.sumStarted(rec, 5) == 3, Waits.SLOW);
            mine.shutdown(false, true);
            assertThat(fs.get(3).cancelled()).isTrue();
            assertThat(fs.get(4).cancelled()).isTrue();
            assertThatThrownBy(() -> mine.submit(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot schedule new futures after shutdown");
            assertThat(mine.asExecutorService().isShutdown()).isTrue();
            assertThat(mine.asExecutorService().isTerminated()).isFalse();
            gate.set();
            mine.shutdown(true);
            assertThat(fs.subList(0, 3)).allMatch(f -> f.done() && !f.cancelled());
            assertThat(fs.get(2).result()).isEqualTo(20L);
            assertThat(mine.asExecutorService().isTerminated()).isTrue();
            assertThat(own.getLifecycleService().isRunning()).isTrue();
            assertThat(Tasks.started(rec, 3) + Tasks.started(rec, 4)).isZero();
        } finally {
            own.shutdown();
        }
    }

    @Test
    void aClientInstanceSubmitsToTheMembers() throws Exception {
        // the executor over a user's Hazelcast client: tasks run on the members; the client stays up after shutdown
        ClientConfig cc = new ClientConfig();
        cc.setClusterName(cluster.getClusterName());
        cc.setProperty("hazelcast.phone.home.enabled", "false");
        cc.setProperty("hazelcast.logging.type", "slf4j");
        cc.getNetworkConfig().addAddress("127.0.0.1:" + cluster.getBasePort());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(cc);
        try {
            ClusterExecutor viaClient = new ClusterExecutor(client);
            assertThat(viaClient.getTasksPerMember()).isEqualTo(ClusterExecutor.DEFAULT_TASKS_PER_MEMBER);
            Waits.until("the client sees the members", () -> viaClient.getMembers().size() == 3, Waits.SLOW);
            Set<Long> memberPids = new HashSet<>(cluster.getProcesses().stream().map(Process::getPid).toList());
            long pid = viaClient.submit(() -> ProcessHandle.current().pid()).result(60);
            assertThat(memberPids).contains(pid);
            java.util.concurrent.Future<Integer> viaView = viaClient.asExecutorService()
                    .submit((SerializableCallable<Integer>) () -> 2 + 2);
            List<Integer> sums = List.of(viaClient.submit(() -> 1 + 1).result(60), viaView.get(60, TimeUnit.SECONDS));
            assertThat(sums).containsExactly(2, 4);
            viaClient.shutdown();
            assertThat(client.getLifecycleService().isRunning()).isTrue();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void everyMemberListensOnLoopbackOnly() throws Exception {
        // nothing listens beyond the local machine: each member's listening sockets are on 127.0.0.1
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux /proc");
        for (Process p : cluster.getProcesses()) {
            List<String> addrs = Tasks.listeningAddresses(p.getPid());
            assertThat(addrs).isNotEmpty();
            assertThat(addrs).allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"),
                    "a loopback address");
        }
    }
}
