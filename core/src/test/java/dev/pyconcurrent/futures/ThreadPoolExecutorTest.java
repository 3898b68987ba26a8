package dev.pyconcurrent.futures;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ThreadPoolExecutor, after CPython's test_thread_pool.py and executor.py (ExecutorTest). */
class ThreadPoolExecutorTest {

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void defaultMaxWorkersIsMin32CpuPlus4() {
        // Python: ThreadPoolExecutor() uses min(32, os.cpu_count() + 4) workers
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor()) {
            assertThat(pool.getMaxWorkers()).isEqualTo(Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
        }
    }

    @Test
    void nonPositiveMaxWorkersIsAValueError() {
        // Python: ThreadPoolExecutor(max_workers=0) raises ValueError("max_workers must be greater than 0")
        assertThatThrownBy(() -> new ThreadPoolExecutor(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_workers must be greater than 0");
        assertThatThrownBy(() -> new ThreadPoolExecutor(-1, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadNamesUseThePrefix() {
        // Python: test_thread_names_assigned: workers are named <prefix>_<n>
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1, "SpecialPool")) {
            assertThat(pool.submit(() -> Thread.currentThread().getName()).result()).isEqualTo("SpecialPool_0");
            assertThat(pool.getThreadNamePrefix()).isEqualTo("SpecialPool");
        }
    }

    @Test
    void defaultThreadNamesCountPools() {
        // Python: test_thread_names_default: ThreadPoolExecutor-<k>_<n>
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            String name = pool.submit(() -> Thread.currentThread().getName()).result();
            assertThat(name).matches("ThreadPoolExecutor-\\d+_0");
            assertThat(name).startsWith(pool.getThreadNamePrefix() + "_");
        }
    }

    @Test
    void workersAreDaemonThreads() {
        // Python 3.9+: workers do not block exit by themselves (see JvmExitTest for the exit join)
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            assertThat(pool.submit(() -> Thread.currentThread().isDaemon()).result()).isTrue();
        }
    }

    @Test
    void submitReturnsTheResult() {
        // Python: test_submit: submit(pow, 2, 8).result() == 256
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            assertThat(pool.submit(() -> (int) Math.pow(2, 8)).result()).isEqualTo(256);
            AtomicInteger ran = new AtomicInteger();
            Future<Void> f = pool.submit((Runnable) ran::incrementAndGet);
            assertThat(f.result()).isNull();
            assertThat(ran).hasValue(1);
        }
    }

    @Test
    void submitNullIsRejected() {
        // Python: submit(None) fails (TypeError when called); here at once
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            assertThatThrownBy(() -> pool.submit((java.util.concurrent.Callable<Integer>) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> pool.submit((Runnable) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> pool.map(null, List.of(1))).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void taskExceptionReachesTheFuture() {
        // Python: a task that raises stores the exception in its future; the worker survives
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            IllegalStateException boom = new IllegalStateException("boom");
            Future<Integer> f = pool.submit(() -> {
                throw boom;
            });
            assertThatThrownBy(f::result).isSameAs(boom);
            assertThat(f.exception()).isSameAs(boom);
            Future<Integer> checked = pool.submit(() -> {
                throw new java.io.IOException("io");
            });
            assertThatThrownBy(checked::result).isInstanceOf(java.util.concurrent.CompletionException.class)
                    .hasCauseInstanceOf(java.io.IOException.class);
            assertThat(pool.submit(() -> 1).result()).isEqualTo(1);
        }
    }

    @Test
    void submitAfterShutdownIsARuntimeError() {
        // Python: RuntimeError('cannot schedule new futures after shutdown')
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        pool.shutdown();
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.map(x -> x, List.of(1))).isInstanceOf(IllegalStateException.class);
        ThreadPoolExecutor closed = new ThreadPoolExecutor(1);
        closed.close();
        assertThatThrownBy(() -> closed.submit(() -> 1)).isInstanceOf(IllegalStateException.class);
        closed.shutdown(true, true);   // shutting down twice is harmless
    }

    @Test
    void executeRunsTheTask() throws Exception {
        // java.util.concurrent.Executor.execute: runs the command on a worker
        CountDownLatch ran = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            pool.execute(ran::countDown);
            assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void scenarioF2FiveSubmitsShutdownResults() {
        // SCENARIOS F2 / Python: submit five tasks, shutdown(), results [0,1,4,9,16]; done callbacks see each result
        ThreadPoolExecutor pool = new ThreadPoolExecutor(5);
        List<Future<Integer>> fs = new ArrayList<>();
        List<Integer> fromCallbacks = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            int n = i;
            Future<Integer> f = pool.submit(() -> n * n);
            f.addDoneCallback(done -> fromCallbacks.add(done.result()));
            fs.add(f);
        }
        pool.shutdown();
        assertThat(fs.stream().map(Future::result)).containsExactly(0, 1, 4, 9, 16);
        assertThat(fromCallbacks).containsExactlyInAnyOrder(0, 1, 4, 9, 16);
    }

    @Test
    void scenarioF1MapSquaresInOrder() {
        // SCENARIOS F1 / Python: list(ThreadPoolExecutor(20).map(square, range(1000))) is ordered
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(20)) {
            List<Integer> squares = pool.map((Integer x) -> x * x, range(1000)).toList();
            assertThat(squares).isEqualTo(range(1000).stream().map(x -> x * x).collect(Collectors.toList()));
        }
    }

    @Test
    void mapIsLazyAboutResults() {
        // SCENARIOS F1 / Python: map() returns at once; only next() waits for a result
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            MapResult<Integer> results = pool.map((Integer x) -> {
                await(release);
                return x + 1;
            }, List.of(1, 2, 3));
            assertThat(results.hasNext()).isTrue();   // does not block either
            release.countDown();
            List<Integer> got = new ArrayList<>();
            for (Integer r : results) {
                got.add(r);
            }
            assertThat(got).containsExactly(2, 3, 4);
            assertThat(results.hasNext()).isFalse();
            assertThatThrownBy(results::next).isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    @Test
    void mapWithoutBuffersizeReadsAllInputAtTheCall() {
        // Python < 3.14 semantics without buffersize: every item is submitted when map() is called
        AtomicInteger pulled = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            MapResult<Integer> results = pool.map((Integer x) -> {
                await(release);
                return x;
            }, counting(range(50), pulled));
            assertThat(pulled).hasValue(50);
            release.countDown();
            assertThat(results.toList()).isEqualTo(range(50));
        }
    }

    private static <T> Iterable<T> counting(Iterable<T> items, AtomicInteger pulled) {
        return () -> new java.util.Iterator<>() {
            final java.util.Iterator<T> it = items.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                pulled.incrementAndGet();
                return it.next();
            }
        };
    }

    private static Iterable<Integer> endless(AtomicInteger pulled) {
        return () -> new java.util.Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                pulled.incrementAndGet();
                return next++;
            }
        };
    }

    @Test
    void mapWithBuffersizeWorksOnAnEndlessIterable() {
        // Python 3.14: test_map_buffersize_on_infinite_iterable: each next() submits one more input
        AtomicInteger pulled = new AtomicInteger();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(4)) {
            MapResult<Integer> results = pool.map((Integer x) -> x * 2, endless(pulled),
                    MapOptions.defaults().buffersize(4));
            assertThat(pulled).hasValue(4);
            for (int i = 0; i < 100; i++) {
                assertThat(results.next()).isEqualTo(2 * i);
            }
            assertThat(pulled).hasValue(104);
            results.close();
            assertThat(results.hasNext()).isFalse();
        }
    }

    @Test
    void buffersizeBoundsTheWorkAheadOfTheConsumer() {
        // Python 3.14: test_map_buffersize_when_buffer_is_full: no more than buffersize tasks are submitted
        AtomicInteger started = new AtomicInteger();
        AtomicInteger pulled = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(8)) {
            MapResult<Integer> results = pool.map((Integer x) -> {
                started.incrementAndGet();
                await(release);
                return x;
            }, counting(range(100), pulled), MapOptions.defaults().buffersize(3));
            Waits.until("3 tasks started", () -> started.get() == 3);
            assertThat(pulled).hasValue(3);
            assertThat(started).hasValue(3);
            release.countDown();
            assertThat(results.toList()).isEqualTo(range(100));
        }
    }

    @Test
    void mapRethrowsTheFirstFailureAndCancelsTheRest() {
        // Python: test_map_exception: the error is raised when its result is reached; later work is cancelled
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        IllegalArgumentException boom = new IllegalArgumentException("item 1");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        MapResult<Integer> results = pool.map((Integer x) -> {
            ran.add(x);
            if (x == 1) {
                throw boom;
            }
            if (x == 2) {
                await(release);   // holds the only worker while the consumer sees the failure
            }
            return x;
        }, range(10));
        assertThat(results.next()).isEqualTo(0);
        assertThatThrownBy(results::next).isSameAs(boom);
        assertThat(results.hasNext()).isFalse();
        release.countDown();
        pool.shutdown();
        assertThat(ran).doesNotContain(3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void closingTheMapResultCancelsWhatHasNotStarted() {
        // Python: closing the map generator cancels the pending futures (test_map_cancel / gh-issue 8 close)
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        MapResult<Integer> results = pool.map((Integer x) -> {
            ran.add(x);
            started.countDown();
            await(release);
            return x;
        }, range(10));
        await(started);
        results.close();
        assertThat(results.hasNext()).isFalse();
        release.countDown();
        pool.shutdown();
        assertThat(ran).containsExactly(0);
    }

    @Test
    void mapTimeoutRaisesFromNextAndCancels() {
        // Python: test_map_timeout: TimeoutError from the result iterator when the timeout passes
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        MapResult<Integer> results = pool.map((Integer x) -> {
            ran.add(x);
            if (x == 0) {
                await(release);   // holds the only worker past the timeout
            }
            return x;
        }, range(5), MapOptions.defaults().timeout(0.2));
        assertThatThrownBy(results::next).isInstanceOf(dev.pyconcurrent.TimeoutException.class);
        assertThat(results.hasNext()).isFalse();
        release.countDown();
        pool.shutdown();
        assertThat(ran).doesNotContain(1, 2, 3, 4);
    }

    @Test
    void mapTimeoutCountsFromTheCall() throws Exception {
        // Python: end_time = timeout + monotonic() at the map() call, not at each next()
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            AtomicInteger firstRan = new AtomicInteger();
            MapResult<Integer> results = pool.map((Integer x) -> {
                if (x == 1) {
                    await(release);
                } else {
                    firstRan.set(1);
                }
                return x;
            }, range(2), MapOptions.defaults().timeout(Duration.ofMillis(1500)));
            Waits.until("item 0 to run", () -> firstRan.get() == 1);
            Thread.sleep(1600);   // the whole budget is spent before the first next()
            assertThat(results.next()).isEqualTo(0);   // already done: no wait needed
            long t0 = System.nanoTime();
            assertThatThrownBy(results::next).isInstanceOf(dev.pyconcurrent.TimeoutException.class);
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(1400));
            release.countDown();
        }
    }

    @Test
    void twoIterableMapZipsToTheShorter() {
        // Python: map(pow, [1,2,3], [10,20]) stops at the shorter iterable, like zip
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            assertThat(pool.map((Integer a, Integer b) -> a + b, List.of(1, 2, 3), List.of(10, 20)).toList())
                    .containsExactly(11, 22);
            assertThat(pool.map((Integer a, String b) -> b + a, List.of(1), List.<String>of()).toList()).isEmpty();
        }
    }

    @Test
    void mapResultStreamsAndIteratesOnce() {
        // Python: the map generator can be consumed once; here also as a Stream
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            MapResult<Integer> r = pool.map((Integer x) -> x + 1, range(5));
            assertThat(r.iterator()).isSameAs(r);
            assertThat(r.stream().collect(Collectors.toList())).containsExactly(1, 2, 3, 4, 5);
            assertThat(r.hasNext()).isFalse();
            assertThat(pool.map((Integer x) -> x, List.<Integer>of()).hasNext()).isFalse();
        }
    }

    @Test
    void chunksizeIsIgnoredByThreadPools() {
        // Python: ThreadPoolExecutor.map accepts chunksize and ignores it
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            assertThat(pool.map((Integer x) -> -x, range(7), MapOptions.defaults().chunksize(3)).toList())
                    .containsExactly(0, -1, -2, -3, -4, -5, -6);
        }
    }

    @Test
    void shutdownWaitsForRunningAndQueuedWork() {
        // Python: test_shutdown: shutdown(wait=True) returns once every submitted task has run
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
        List<Future<Integer>> fs = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            int n = i;
            fs.add(pool.submit(() -> {
                await(release);
                return n;
            }));
        }
        Thread shutter = new Thread(pool::shutdown);
        shutter.start();
        Waits.untilBlocked(shutter);
        assertThat(fs.stream().allMatch(Future::done)).isFalse();
        release.countDown();
        Waits.until("shutdown to return", () -> !shutter.isAlive());
        assertThat(fs.stream().allMatch(Future::done)).isTrue();
        assertThat(pool.asExecutorService().isTerminated()).isTrue();
    }

    @Test
    void shutdownWithoutWaitStillRunsQueuedWork() {
        // Python: test_shutdown_no_wait: shutdown(wait=False) returns at once; queued tasks still run
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> {
            await(release);
            return 1;
        });
        Future<Integer> second = pool.submit(() -> 2);
        pool.shutdown(false);
        assertThat(first.done()).isFalse();
        release.countDown();
        assertThat(first.result(30.0)).isEqualTo(1);
        assertThat(second.result(30.0)).isEqualTo(2);
    }

    @Test
    void shutdownCancelFuturesCancelsPendingWork() {
        // Python: test_cancel_futures: shutdown(cancel_futures=True) cancels what has not started
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> running = pool.submit(() -> {
            started.countDown();
            await(release);
            return 1;
        });
        await(started);
        List<Future<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(pool.submit(() -> 2));
        }
        pool.shutdown(false, true);
        assertThat(pending).allMatch(Future::cancelled);
        assertThatThrownBy(() -> pending.get(0).result()).isInstanceOf(CancellationException.class);
        release.countDown();
        assertThat(running.result(30.0)).isEqualTo(1);
        pool.shutdown(true);
    }

    @Test
    void aTaskMayShutDownItsOwnPool() {
        // Python: shutdown() called from a worker must not deadlock (it cannot join itself)
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
        Future<String> f = pool.submit(() -> {
            pool.shutdown(true);
            return "ok";
        });
        assertThat(f.result(30.0)).isEqualTo("ok");
    }

    @Test
    void idleWorkersAreReused() {
        // Python: test_idle_thread_reuse: sequential tasks run on the one idle thread
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(4, "Reuse")) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                names.add(pool.submit(() -> Thread.currentThread().getName()).result());
                Thread worker = findThread("Reuse_0");
                Waits.untilBlocked(worker);   // the worker is idle again before the next submit
            }
            assertThat(names).containsExactly("Reuse_0");
        }
    }

    private static Thread findThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread named " + name);
    }

    @Test
    void workersGrowOnDemandUpToMaxWorkers() {
        // Python: test_saturation: 15 * max_workers blocking tasks use exactly max_workers threads
        int max = 4;
        CountDownLatch release = new CountDownLatch(1);
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicInteger started = new AtomicInteger();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(max)) {
            List<Future<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 15 * max; i++) {
                fs.add(pool.submit((Runnable) () -> {
                    names.add(Thread.currentThread().getName());
                    started.incrementAndGet();
                    await(release);
                }));
            }
            Waits.until("max workers busy", () -> started.get() == max);
            assertThat(names).hasSize(max);
            release.countDown();
            fs.forEach(Future::result);
            assertThat(names).hasSize(max);
        }
    }

    @Test
    void initializerRunsOncePerWorker() {
        // Python: test_initializer (InitializerMixin): the initializer runs in each worker before its tasks
        List<String> initialized = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(3, "Init",
                () -> initialized.add(Thread.currentThread().getName()))) {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(pool.submit(() -> {
                    started.incrementAndGet();
                    await(release);
                    return Thread.currentThread().getName();
                }));
            }
            Waits.until("three workers", () -> started.get() == 3);
            release.countDown();
            for (int i = 0; i < 20; i++) {
                fs.add(pool.submit(() -> Thread.currentThread().getName()));
            }
            fs.forEach(Future::result);
        }
        assertThat(initialized).containsExactlyInAnyOrder("Init_0", "Init_1", "Init_2");
    }

    @Test
    void failingInitializerBreaksThePool() {
        // Python: FailingInitializerMixin: pending futures raise BrokenThreadPool, then submit raises it
        CountDownLatch gate = new CountDownLatch(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, null, () -> {
            await(gate);
            throw new IllegalStateException("init failed");
        });
        List<Future<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(pool.submit(() -> 1));
        }
        gate.countDown();
        for (Future<Integer> f : pending) {
            assertThatThrownBy(() -> f.result(30.0)).isInstanceOf(BrokenThreadPoolException.class)
                    .hasMessage("A thread initializer failed, the thread pool is not usable anymore");
        }
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(BrokenThreadPoolException.class)
                .isInstanceOf(BrokenExecutorException.class)
                .hasMessage("A thread initializer failed, the thread pool is not usable anymore");
        pool.shutdown();
    }

    @Test
    void scenarioF3PrimeCheckMatchesSequential() {
        // SCENARIOS F3 (thread side): the pool gives the same is-prime list as a sequential loop
        List<Long> primes = List.of(1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
                982451653L, 1L, 2L, 9L, 1000003L * 1000033L);
        List<Boolean> sequential = primes.stream().map(ThreadPoolExecutorTest::isPrime).collect(Collectors.toList());
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor()) {
            assertThat(pool.map(ThreadPoolExecutorTest::isPrime, primes).toList()).isEqualTo(sequential);
        }
        assertThat(sequential).containsExactly(true, true, true, true, true, true, true, false, true, false, false);
    }

    static boolean isPrime(long n) {
        if (n == 1) {
            return false;
        }
        long limit = (long) Math.floor(Math.sqrt((double) n));
        for (long d = 2; d <= limit; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void executorServiceViewSubmitsInvokesAndTerminates() throws Exception {
        // interop: asExecutorService() gives a java.util.concurrent.ExecutorService over the same pool
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
        ExecutorService es = pool.asExecutorService();
        assertThat(pool.asExecutorService()).isSameAs(es);
        assertThat(es.submit(() -> 5).get()).isEqualTo(5);
        assertThat(es.submit(() -> { }, "r").get()).isEqualTo("r");
        assertThat(es.submit((Runnable) () -> { })).isInstanceOf(Future.class);
        List<java.util.concurrent.Future<Integer>> all = es.invokeAll(List.<java.util.concurrent.Callable<Integer>>of(() -> 1, () -> 2, () -> 3));
        List<Integer> values = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : all) {
            values.add(f.get());
        }
        assertThat(values).containsExactly(1, 2, 3);
        List<java.util.concurrent.Callable<Integer>> one = List.of(() -> 7);
        assertThat(es.invokeAny(one)).isEqualTo(7);
        assertThat(es.isShutdown()).isFalse();
        es.shutdown();
        assertThat(es.isShutdown()).isTrue();
        assertThat(es.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(es.isTerminated()).isTrue();
        assertThatThrownBy(() -> es.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("cannot schedule new futures after shutdown");
    }

    @Test
    void executorServiceShutdownNowReturnsWhatDidNotStart() throws Exception {
        // interop: shutdownNow() cancels and returns the tasks that never started
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        ExecutorService es = pool.asExecutorService();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        es.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        await(started);
        Runnable queued = () -> { };
        es.execute(queued);
        Future<Integer> queuedFuture = pool.submit(() -> 1);
        List<Runnable> notStarted = es.shutdownNow();
        assertThat(notStarted).hasSize(2).contains(queued);
        assertThat(queuedFuture.cancelled()).isTrue();
        assertThat(es.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted.get()).isTrue();
    }

    @Test
    void awaitTerminationTimesOutWhileWorkRuns() throws Exception {
        // java.util.concurrent contract: awaitTermination returns false when the time is up
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit((Runnable) () -> await(release));
        pool.shutdown(false);
        assertThat(pool.asExecutorService().awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(pool.asExecutorService().isTerminated()).isFalse();
        release.countDown();
        assertThat(pool.asExecutorService().awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void toCompletableFutureOfASubmittedTask() throws Exception {
        // interop: a pool future converts to a CompletableFuture that completes with the task
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            assertThat(pool.submit(() -> "cf").toCompletableFuture().thenApply(String::length).get(30, TimeUnit.SECONDS))
                    .isEqualTo(2);
        }
    }
}
