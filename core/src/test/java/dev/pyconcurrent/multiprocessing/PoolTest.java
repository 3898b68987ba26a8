package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One shared Pool(2) of child JVMs; each test leaves it usable. */
class PoolTest {
    private static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stop() {
        pool.terminate();
        pool.join();
        ChildJvms.assertNoChildrenLeft();
    }

    private static long workerPid() {
        return pool.apply(() -> ProcessHandle.current().pid());
    }

    @Test
    void applyRunsInAnotherProcess() {
        // Python: Pool.apply(os.getpid) returns a worker's pid, not the parent's
        long pid = workerPid();
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);
        assertThat(pool.apply(() -> Multiprocessing.parentProcess().getPid())).isEqualTo(ProcessHandle.current().pid());
        assertThat(pool.apply(() -> Multiprocessing.currentProcess().getName())).startsWith("PoolWorker-");
    }

    @Test
    void everyTaskGetsItsOwnCopyOfWhatItCaptures() {
        // Python: apply(f, (lst,)) pickles its arguments anew for every call; a worker never sees another call's changes
        ArrayList<Integer> captured = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(pool.apply(() -> {
                captured.add(1);
                return captured.size();
            })).isEqualTo(1);
        }
        AtomicInteger counter = new AtomicInteger();
        assertThat(pool.map((Integer x) -> counter.incrementAndGet() + x * 0, List.of(0, 0, 0, 0), 1))
                .containsOnly(1);
        for (int i = 0; i < 6; i++) {
            assertThat(pool.apply(() -> 7)).isEqualTo(7);
        }
        assertThat(pool.map((Integer x) -> x * 2, List.of(1, 2, 3), 1)).containsExactly(2, 4, 6);
    }

    @Test
    void applyAsyncWithCallbacks() {
        // Python P9: apply_async(f, callback=cb) ten times; every callback runs before get() returns
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<AsyncResult<Integer>> rs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            rs.add(pool.applyAsync(() -> n * n, seen::add));
        }
        List<Integer> got = rs.stream().map(AsyncResult::get).collect(Collectors.toList());
        assertThat(got).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(got);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Object> bad = pool.applyAsync(() -> {
            throw new ArithmeticException("x");
        }, v -> { }, errors::add);
        assertThatThrownBy(bad::get).isInstanceOf(ArithmeticException.class);
        assertThat(errors).singleElement().isInstanceOf(ArithmeticException.class);
        assertThat(bad.successful()).isFalse();
    }

    @Test
    void mapOfAHundredThousandItems() {
        // Python P10: pool.map(lambda i: i + 1, range(100000)) with the automatic chunksize
        List<Integer> items = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());
        List<Integer> out = pool.map(i -> i + 1, items);
        assertThat(out).hasSize(100_000);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) != i + 1) {
                throw new AssertionError("wrong result at " + i + ": " + out.get(i));
            }
        }
        assertThat(pool.map(s -> s.length(), List.of("a", "bb", "ccc"), 1)).containsExactly(1, 2, 3);
        assertThat(pool.mapAsync(i -> i * 3, List.of(1, 2)).get()).containsExactly(3, 6);
    }

    @Test
    void imapReadsAnEndlessIteratorLazily() {
        // Python: imap over an endless generator yields in order and only reads a bounded distance ahead
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
        Iterator<Integer> it = pool.imap(i -> i * 2, endless, 3);
        for (int i = 0; i < 30; i++) {
            assertThat(it.next()).isEqualTo(2 * i);
        }
        int window = 2 * pool.getProcesses();
        assertThat(pulled.get()).isLessThanOrEqualTo(30 + (window + 1) * 3);
    }

    @Test
    void imapUnorderedAndStarmap() {
        // Python: imap_unordered yields every result; starmap(f, pairs) calls f(a, b)
        Set<Integer> got = new java.util.HashSet<>();
        pool.imapUnordered(i -> i * i, List.of(1, 2, 3, 4, 5)).forEachRemaining(got::add);
        assertThat(got).containsExactlyInAnyOrder(1, 4, 9, 16, 25);
        List<String> out = pool.starmap((String s, Integer n) -> s.repeat(n),
                List.of(Map.entry("a", 1), Map.entry("b", 2), new java.util.AbstractMap.SimpleEntry<>("c", 3)));
        assertThat(out).containsExactly("a", "bb", "ccc");
    }

    @Test
    void nonSerializableTaskFailsAtTheCall() {
        // Python: a task that cannot be pickled raises at the call (PicklingError), the pool stays usable
        java.lang.Thread notSerializable = new java.lang.Thread(() -> { });
        assertThatThrownBy(() -> pool.apply(() -> notSerializable.getName()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Thread");
        Object plain = new Object();
        assertThatThrownBy(() -> pool.map(x -> x, List.of(plain)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThat(pool.apply(() -> 7)).isEqualTo(7);
    }

    @Test
    void nonSerializableResultFailsThatResultOnly() {
        // Python: a result that cannot be pickled fails that task (MaybeEncodingError); the worker stays usable
        assertThatThrownBy(() -> pool.apply(() -> new Object()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.lang.Object");
        assertThat(pool.apply(() -> "fine")).isEqualTo("fine");
    }

    @Test
    void remoteExceptionKeepsItsClassAndBothStacks() {
        // Python: the worker's exception is re-raised in the parent with the remote traceback attached
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> pool.apply(() -> {
            throw new IllegalArgumentException("boom");
        }));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
        assertThat(Arrays.stream(t.getStackTrace()).map(StackTraceElement::getClassName))
                .contains("dev.pyconcurrent.multiprocessing.internal.launch.WorkerMain");
        assertThat(t.getSuppressed()).singleElement().isInstanceOf(CallerStackTrace.class);
        assertThat(Arrays.stream(t.getSuppressed()[0].getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("remoteExceptionKeepsItsClassAndBothStacks");

        assertThatThrownBy(() -> pool.apply(() -> {
            throw new IOException("io");
        })).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void exceptionThatCannotBeRebuiltBecomesRemoteException() {
        // Python: an exception that cannot be unpickled still reports its class, message and traceback
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> pool.apply(() -> {
            throw new UnreadableException("unreadable");
        }));
        assertThat(t).isInstanceOf(RemoteException.class);
        RemoteException r = (RemoteException) t;
        assertThat(r.getRemoteClassName()).isEqualTo(UnreadableException.class.getName());
        assertThat(r.getRemoteMessage()).isEqualTo("unreadable");
        assertThat(r.getRemoteStackTrace()).contains("UnreadableException: unreadable").contains("WorkerMain");

        java.lang.Thread field = null;
        Throwable t2 = org.assertj.core.api.Assertions.catchThrowable(() -> pool.apply(() -> {
            throw new NotSerializableFailure("has a thread");
        }));
        assertThat(t2).isInstanceOf(RemoteException.class).hasMessageContaining("NotSerializableFailure");
        assertThat(field).isNull();
    }

    /** An exception with a field that cannot be serialized. */
    static final class NotSerializableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        NotSerializableFailure(String m) {
            super(m);
        }
    }

    @Test
    void systemExitAndHaltFailOnlyThatTask() {
        // Python would hang; here the task held by a dying worker fails, a replacement starts, others go on
        AsyncResult<Integer> other = pool.applyAsync(() -> {
            java.lang.Thread.sleep(200);
            return 5;
        });
        assertThatThrownBy(() -> pool.apply(() -> {
            System.exit(3);
            return 0;
        })).isInstanceOf(ProcessDiedException.class).hasMessageContaining("exit code 3");
        assertThat(other.get()).isEqualTo(5);
        assertThatThrownBy(() -> pool.apply(() -> {
            Runtime.getRuntime().halt(4);
            return 0;
        })).isInstanceOf(ProcessDiedException.class).hasMessageContaining("exit code 4");
        assertThat(pool.map(i -> i + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
    }

    @Test
    void killedWorkerFailsItsTaskWithProcessDied() throws Exception {
        // Python would hang on a SIGKILLed worker; here its task fails with ProcessDiedException naming signal 9
        Path pidFile = Files.createTempFile("pyconcurrent-worker", ".pid");
        String path = pidFile.toString();
        try {
            AsyncResult<Integer> victim = pool.applyAsync(() -> {
                Files.writeString(Path.of(path), Long.toString(ProcessHandle.current().pid()));
                java.lang.Thread.sleep(60_000);
                return 1;
            });
            Waits.until("the worker wrote its pid", () -> {
                try {
                    return !Files.readString(pidFile).isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
            assertThatThrownBy(victim::get).isInstanceOf(ProcessDiedException.class)
                    .hasMessageContaining("pid " + pid).hasMessageContaining("signal 9");
            assertThat(workerPid()).isNotEqualTo(pid);
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }
}
