package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.futures.BrokenThreadPoolException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadPoolTest {
    private static ThreadPool pool;

    @BeforeAll
    static void start() {
        pool = new ThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.terminate();
        pool.join();
    }

    private static Iterable<Integer> endless(AtomicInteger pulled) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
    }

    @Test
    void applyRunsOnAPoolThread() {
        // Python: ThreadPool.apply(f) returns f() computed by a worker thread
        String name = pool.apply(() -> java.lang.Thread.currentThread().getName());
        assertThat(name).startsWith("ThreadPoolWorker-").isNotEqualTo(java.lang.Thread.currentThread().getName());
    }

    @Test
    void applyAsyncRunsCallbacksBeforeReady() {
        // Python: apply_async(callback=cb) calls cb(result) before the result is ready
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(pool.applyAsync(() -> n * n, seen::add));
        }
        for (AsyncResult<Integer> r : results) {
            r.get();
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        assertThat(results.get(3).successful()).isTrue();
    }

    @Test
    void errorCallbackAndGetSeeTheException() {
        // Python: apply_async(error_callback=ecb) calls ecb(exc); get() raises exc
        CountDownLatch called = new CountDownLatch(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Object> r = pool.applyAsync(() -> {
            throw new IllegalArgumentException("bad");
        }, v -> { }, e -> {
            errors.add(e);
            called.countDown();
        });
        assertThatThrownBy(r::get).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
        assertThat(errors).hasSize(1);
        assertThat(r.ready()).isTrue();
        assertThat(r.successful()).isFalse();
    }

    @Test
    void checkedExceptionIsWrapped() {
        // Python: get() re-raises the task's exception; checked ones come wrapped in CompletionException
        assertThatThrownBy(() -> pool.apply(() -> {
            throw new IOException("io");
        })).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void successfulBeforeReadyIsAnError() {
        // Python: AsyncResult.successful() before ready raises ValueError
        CountDownLatch go = new CountDownLatch(1);
        AsyncResult<Integer> r = pool.applyAsync(() -> {
            go.await();
            return 1;
        });
        assertThat(r.ready()).isFalse();
        assertThatThrownBy(r::successful).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.get(0.01)).isInstanceOf(TimeoutException.class);
        assertThat(r.await(0.01)).isFalse();
        go.countDown();
        assertThat(r.await(10)).isTrue();
        assertThat(r.get()).isEqualTo(1);
    }

    @Test
    void mapKeepsOrderWithAutomaticChunks() {
        // Python: map(f, range(n)) returns [f(x) ...] in input order
        List<Integer> items = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        List<Integer> out = pool.map(i -> i + 1, items);
        assertThat(out).isEqualTo(IntStream.range(1, 10_001).boxed().collect(Collectors.toList()));
        assertThat(pool.map(i -> i, List.of())).isEmpty();
        assertThat(pool.map(i -> i * 2, List.of(1, 2, 3), 2)).containsExactly(2, 4, 6);
        assertThatThrownBy(() -> pool.map(i -> i, List.of(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Chunksize must be 1+");
    }

    @Test
    void mapFailsWithTheFirstFailure() {
        // Python: map raises the exception of a failing item
        assertThatThrownBy(() -> pool.map(i -> {
            if (i == 50) {
                throw new IllegalStateException("item 50");
            }
            return i;
        }, IntStream.range(0, 100).boxed().collect(Collectors.toList()), 5))
                .isInstanceOf(IllegalStateException.class).hasMessage("item 50");
    }

    @Test
    void imapIsLazyOverAnEndlessIterator() {
        // Python: imap over an endless generator yields results while reading ahead only a bounded distance
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Integer> it = pool.imap(i -> i * 2, endless(pulled), 2);
        for (int i = 0; i < 50; i++) {
            assertThat(it.next()).isEqualTo(2 * i);
        }
        assertThat(pulled.get()).isLessThanOrEqualTo(50 + 2 * 2 * 3 + 2);
    }

    @Test
    void imapUnorderedYieldsEveryResult() {
        // Python: imap_unordered yields all results, in completion order
        Iterator<Integer> it = pool.imapUnordered(i -> i + 100, IntStream.range(0, 200).boxed().collect(Collectors.toList()));
        Set<Integer> got = ConcurrentHashMap.newKeySet();
        it.forEachRemaining(got::add);
        assertThat(got).hasSize(200).contains(100, 299);
    }

    @Test
    void starmapAppliesToPairs() {
        // Python: starmap(f, [(a, b), ...]) returns [f(a, b), ...]
        List<Integer> out = pool.starmap((Integer a, Integer b) -> a * b,
                List.of(Map.entry(2, 3), Map.entry(4, 5), new java.util.AbstractMap.SimpleEntry<>(6, 7)));
        assertThat(out).containsExactly(6, 20, 42);
    }

    @Test
    void lifecycleCloseJoinTerminate() {
        // Python: join() before close raises ValueError; close() finishes outstanding tasks; then no new tasks
        ThreadPool p = new ThreadPool(2);
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessage("Pool is still running");
        List<AsyncResult<Integer>> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            rs.add(p.applyAsync(() -> {
                java.lang.Thread.sleep(5);
                return n;
            }));
        }
        p.close();
        assertThat(rs).allMatch(AsyncResult::ready);
        assertThatThrownBy(() -> p.apply(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Pool not running");
        p.join();
    }

    @Test
    void terminateFailsUnfinishedResults() {
        // Python: terminate() stops the workers at once; here pending results fail instead of hanging
        ThreadPool p = new ThreadPool(1);
        CountDownLatch never = new CountDownLatch(1);
        AsyncResult<Integer> running = p.applyAsync(() -> {
            never.await();
            return 1;
        });
        AsyncResult<Integer> queued = p.applyAsync(() -> 2);
        p.terminate();
        assertThatThrownBy(running::get).isInstanceOf(CancellationException.class);
        assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
        assertThat(p.join(10)).isTrue();
    }

    @Test
    void maxTasksPerChildRecyclesThreads() {
        // Python: maxtasksperchild=n replaces a worker after n tasks
        ThreadPool p = ThreadPool.builder().processes(1).maxTasksPerChild(2).build();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            names.add(p.apply(() -> java.lang.Thread.currentThread().getName()));
        }
        p.close();
        p.join();
        assertThat(names.get(0)).isEqualTo(names.get(1));
        assertThat(Set.copyOf(names)).hasSize(3);
    }

    @Test
    void initializerRunsInEachWorkerAndItsFailureBreaksThePool() {
        // Python: initializer runs once per worker; one that raises makes the pool unusable
        Set<String> initialized = ConcurrentHashMap.newKeySet();
        ThreadPool p = ThreadPool.builder().processes(2)
                .initializer(() -> initialized.add(java.lang.Thread.currentThread().getName())).build();
        String name = p.apply(() -> java.lang.Thread.currentThread().getName());
        assertThat(initialized).contains(name);
        p.terminate();
        p.join();

        ThreadPool broken = ThreadPool.builder().processes(1).initializer(() -> {
            throw new IllegalStateException("init failed");
        }).build();
        assertThatThrownBy(() -> broken.apply(() -> 1)).isInstanceOf(BrokenThreadPoolException.class);
        broken.terminate();
        broken.join();
    }
}
