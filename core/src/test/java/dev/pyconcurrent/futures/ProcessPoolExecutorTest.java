package dev.pyconcurrent.futures;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.multiprocessing.ProcessDiedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ProcessPoolExecutor: one shared executor of two child JVMs, plus executors with their own settings. */
class ProcessPoolExecutorTest {
    private static ProcessPoolExecutor pool;

    /** Set by the initializer in a worker JVM; stays null in the parent. */
    static volatile String initialized;

    @BeforeAll
    static void start() {
        pool = new ProcessPoolExecutor(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdown();
        assertNoChildrenLeft();
    }

    static void assertNoChildrenLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    @Test
    void submitRunsInAnotherProcess() {
        // Python: executor.submit(os.getpid).result() is a worker's pid, a child of this process
        long pid = pool.submit(() -> ProcessHandle.current().pid()).result();
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(pid);
        assertThat(pool.submit(() -> "a" + "b").result(30)).isEqualTo("ab");
        // what the worker prints reaches the parent's System.out (captured here, not left in the build's output)
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Future<Void> r = pool.submit(() -> System.out.println("printed in a worker"));
            assertThat(r.result()).isNull();
            assertThat(r.done()).isTrue();
            Waits.until("the worker's line on the parent's System.out",
                    () -> captured.toString(StandardCharsets.UTF_8).contains("printed in a worker"));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void exceptionsAreRebuiltAsTheirOwnClass() {
        // Python: the task's exception is re-raised by result() and returned by exception()
        Future<Integer> f = pool.submit(() -> {
            throw new ArithmeticException("boom in the worker");
        });
        assertThatThrownBy(f::result).isInstanceOf(ArithmeticException.class).hasMessage("boom in the worker");
        assertThat(f.exception()).isInstanceOf(ArithmeticException.class);
        Future<Integer> checked = pool.submit((SerializableCallable<Integer>) () -> {
            throw new IOException("checked");
        });
        assertThatThrownBy(checked::result).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(checked.exception()).isInstanceOf(IOException.class).hasMessage("checked");
    }

    @Test
    void mapKeepsInputOrderWithChunks() {
        // Python: executor.map(f, items, chunksize=7) yields f(item) in input order
        List<Integer> items = IntStream.range(0, 200).boxed().collect(Collectors.toList());
        List<Integer> squares = pool.<Integer, Integer>map(x -> x * x, items, MapOptions.defaults().chunksize(7))
                .toList();
        assertThat(squares).isEqualTo(items.stream().map(x -> x * x).collect(Collectors.toList()));
        assertThat(pool.<Integer, Integer>map(x -> x + 1, List.of(3, 1, 2)).toList()).containsExactly(4, 2, 3);
        assertThat(pool.<Integer, Integer, Integer>map((a, b) -> a * b, List.of(1, 2, 3), List.of(10, 20)).toList())
                .containsExactly(10, 40);
        assertThat(pool.<Integer, Integer>map(x -> x, List.of()).toList()).isEmpty();
    }

    @Test
    void mapFailureRaisesWhenReached() {
        // Python: a failing item raises from the iterator when its result is reached
        MapResult<Integer> r = pool.<Integer, Integer>map(x -> 10 / x, List.of(5, 2, 0, 1),
                MapOptions.defaults().chunksize(1));
        assertThat(r.next()).isEqualTo(2);
        assertThat(r.next()).isEqualTo(5);
        assertThatThrownBy(r::next).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void mapTimeoutAndBuffersize() {
        // Python: map(timeout=) raises TimeoutError from next(); buffersize reads an endless input lazily
        MapResult<Integer> slow = pool.<Integer, Integer>map(x -> {
            try {
                Thread.sleep(x);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return x;
        }, List.of(10_000, 10_000), MapOptions.defaults().timeout(0.3));
        assertThatThrownBy(slow::next).isInstanceOf(TimeoutException.class);
        slow.close();

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
        try (MapResult<Integer> r = pool.<Integer, Integer>map(x -> -x, endless,
                MapOptions.defaults().buffersize(2).chunksize(3))) {
            for (int i = 0; i < 12; i++) {
                assertThat(r.next()).isEqualTo(-i);
            }
        }
        assertThat(pulled.get()).isLessThanOrEqualTo(12 + 3 * 3);
    }

    @Test
    void plainInterfacesWorkWhenTheObjectIsSerializable() {
        // Python: any picklable callable can be submitted; an unpicklable one fails
        Callable<Integer> plain = (Callable<Integer> & java.io.Serializable) () -> 7;
        assertThat(pool.submit(plain).result()).isEqualTo(7);
        Function<Integer, Integer> f = (SerializableFunction<Integer, Integer>) x -> x * 3;
        assertThat(pool.map(f, List.of(1, 2)).toList()).containsExactly(3, 6);
    }

    @Test
    void nonSerializableTaskFailsAtTheCallNamingTheClass() {
        // Python: submitting an unpicklable callable raises (here at the call) naming what could not be pickled
        Callable<Integer> notSerializable = () -> 1;
        assertThatThrownBy(() -> pool.submit(notSerializable)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notSerializable.getClass().getName())
                .hasMessageContaining("SerializableCallable");
        Runnable r = () -> { };
        assertThatThrownBy(() -> pool.submit(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SerializableRunnable");
        Function<Integer, Integer> fn = x -> x;
        assertThatThrownBy(() -> pool.map(fn, List.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SerializableFunction");
        Object captured = new Object();
        assertThatThrownBy(() -> pool.submit(() -> captured.hashCode())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aWorkerThatDiesFailsOnlyItsFuture() {
        // Python raises BrokenProcessPool for every future; here only the dead worker's future fails
        Future<Integer> dies = pool.submit(() -> {
            Runtime.getRuntime().halt(3);
            return 0;
        });
        assertThatThrownBy(dies::result).isInstanceOf(ProcessDiedException.class).hasMessageContaining("exit code 3");
        List<Future<Integer>> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            after.add(pool.submit(() -> n * 10));
        }
        assertThat(after.stream().map(Future::result)).containsExactly(0, 10, 20, 30);
    }

    @Test
    void runningAndDoneCallbacks() {
        // Python: running() while a worker runs it; add_done_callback runs once done
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<String> f = pool.submit(() -> {
            Thread.sleep(300);
            return "ok";
        });
        f.addDoneCallback(x -> seen.add(x.result()));
        Waits.until("running or done", () -> f.running() || f.done());
        assertThat(f.cancel()).isFalse();
        assertThat(f.result()).isEqualTo("ok");
        Waits.until("callback ran", () -> seen.equals(List.of("ok")));
    }

    @Test
    void shutdownSemantics() {
        // Python: submit after shutdown raises RuntimeError; shutdown(cancel_futures=True) cancels what is pending
        ProcessPoolExecutor p = new ProcessPoolExecutor(1);
        Future<Integer> first = p.submit(() -> {
            Thread.sleep(500);
            return 1;
        });
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(p.submit(() -> 2));
        }
        Waits.until("first running", () -> first.running() || first.done(), Duration.ofSeconds(60));
        p.shutdown(false, true);
        // as in CPython, where max_workers + 1 calls sit in the call queue already marked running, a task
        // already sent to the worker behind the first cannot be cancelled; every other one is
        assertThat(queued.subList(1, 4)).allMatch(Future::cancelled);
        assertThat(queued.get(0).cancelled() || queued.get(0).result(60).equals(2)).isTrue();
        assertThatThrownBy(() -> p.submit(() -> 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        assertThat(first.result()).isEqualTo(1);
        p.shutdown(true);
        assertThat(p.getLiveWorkers()).isZero();
        assertThat(p.asExecutorService().isTerminated()).isTrue();
    }

    @Test
    void shutdownWaitsForOutstandingWork() {
        // Python: shutdown(wait=True) returns after every pending future is done and the workers exited
        ProcessPoolExecutor p = new ProcessPoolExecutor(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            fs.add(p.submit(() -> {
                Thread.sleep(50);
                return n;
            }));
        }
        p.close();
        assertThat(fs).allMatch(Future::done);
        assertThat(fs.stream().map(Future::result)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(p.getLiveWorkers()).isZero();
    }

    @Test
    void brokenPoolWhenWorkersCannotStart() {
        // Python: BrokenProcessPool when the workers cannot start (here: a JVM option the JVM rejects)
        ProcessPoolExecutor p = ProcessPoolExecutor.builder().maxWorkers(1)
                .jvmOptions(List.of("-XX:+NoSuchOptionForPyconcurrentTests")).build();
        Future<Integer> pending;
        try {
            pending = p.submit(() -> 1);
        } catch (BrokenProcessPoolException alreadyBroken) {
            pending = null;
        }
        if (pending != null) {
            Future<Integer> f = pending;
            assertThatThrownBy(f::result).isInstanceOf(BrokenProcessPoolException.class);
        }
        Waits.until("broken", () -> {
            try {
                p.submit(() -> 2).cancel();
                return false;
            } catch (BrokenProcessPoolException e) {
                return true;
            }
        }, Duration.ofSeconds(60));
        p.shutdown();
    }

    @Test
    void initializerRunsAndAFailingOneBreaksThePool() {
        // Python: initializer= runs in each worker; if it raises, the pool is broken
        try (ProcessPoolExecutor p = ProcessPoolExecutor.builder().maxWorkers(1)
                .initializer(() -> initialized = "yes").build()) {
            assertThat(p.submit(() -> initialized).result()).isEqualTo("yes");
        }
        assertThat(initialized).isNull();
        ProcessPoolExecutor bad = ProcessPoolExecutor.builder().maxWorkers(1).initializer(() -> {
            throw new IllegalStateException("init failed");
        }).build();
        Future<Integer> f;
        try {
            f = bad.submit(() -> 1);
            assertThatThrownBy(f::result).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("init failed");
        } catch (BrokenProcessPoolException alreadyBroken) {
            assertThat(alreadyBroken).hasMessageContaining("init failed");
        }
        bad.shutdown();
    }

    @Test
    void maxTasksPerChildReplacesWorkers() {
        // Python: max_tasks_per_child=2 gives a fresh worker process every two tasks
        try (ProcessPoolExecutor p = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(2).build()) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pids.add(p.submit(() -> ProcessHandle.current().pid()).result());
            }
            assertThat(new LinkedHashSet<>(pids)).hasSize(2);
            assertThat(pids.get(0)).isEqualTo(pids.get(1));
        }
    }

    @Test
    void argumentsAreChecked() {
        // Python: max_workers <= 0 raises ValueError
        assertThatThrownBy(() -> new ProcessPoolExecutor(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_workers must be greater than 0");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().maxTasksPerChild(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void executorServiceView() throws Exception {
        // Python has no ExecutorService; the JDK view submits to the same workers and refuses after shutdown
        ProcessPoolExecutor p = new ProcessPoolExecutor(1);
        ExecutorService es = p.asExecutorService();
        assertThat(es.submit((SerializableCallable<Integer>) () -> 41 + 1).get(60, TimeUnit.SECONDS)).isEqualTo(42);
        es.shutdown();
        assertThat(es.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(es.isTerminated()).isTrue();
        assertThatThrownBy(() -> es.submit((SerializableCallable<Integer>) () -> 1))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void executorServiceInvokeAllAndInvokeAnySendTheTasksThemselves() throws Exception {
        // JDK interop: invokeAll/invokeAny of serializable callables run in the worker processes
        try (ProcessPoolExecutor p = new ProcessPoolExecutor(2)) {
            ExecutorService es = p.asExecutorService();
            List<Callable<Integer>> tasks = List.of(
                    (SerializableCallable<Integer>) () -> 1,
                    (SerializableCallable<Integer>) () -> 2,
                    (SerializableCallable<Integer>) () -> {
                        throw new IllegalStateException("three");
                    });
            List<java.util.concurrent.Future<Integer>> all = es.invokeAll(tasks);
            assertThat(all.get(0).get()).isEqualTo(1);
            assertThat(all.get(1).get()).isEqualTo(2);
            assertThatThrownBy(() -> all.get(2).get()).isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(es.invokeAny(tasks.subList(1, 3))).isEqualTo(2);
            assertThatThrownBy(() -> es.invokeAny(tasks.subList(2, 3), 60, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void programThatNeverShutsDownStillExits() throws Exception {
        // Python: an executor left open does not keep the interpreter alive once its work is done
        String out = runChild(NoShutdownMain.class);
        assertThat(out).contains("sum=30", "late task done");
    }

    /** Runs {@code main} in a child JVM on this test's class path; returns its output; fails if it does not exit. */
    private static String runChild(Class<?> main) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(100, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child %s exited; output:%n%s", main.getSimpleName(), out).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
        return out;
    }

    /** Submits work, reads results, leaves one task running, returns from main without shutdown. */
    public static final class NoShutdownMain {
        public static void main(String[] args) {
            ProcessPoolExecutor p = new ProcessPoolExecutor(2);
            int sum = 0;
            for (int i = 0; i < 5; i++) {
                int n = i;
                sum += p.submit(() -> n * 3).result();
            }
            System.out.println("sum=" + sum);
            p.submit(() -> {
                Thread.sleep(500);
                System.out.println("late task done");
                return null;
            });
        }
    }
}
