package dev.pyconcurrent.futures;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Function5;
import dev.pyconcurrent.function.SerializableFunction3;
import dev.pyconcurrent.function.SerializableFunction4;
import dev.pyconcurrent.function.SerializableFunction5;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Executor.map over three to five iterables, with every MapOptions, on threads, processes and any Executor. */
class ExecutorArityTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts how far the executor read it. */
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
    void threadPoolMapsThreeFourAndFiveIterablesStoppingAtTheShortest() {
        // Python: list(ex.map(f, xs, ys, zs)) == list(map(f, xs, ys, zs)), stopping at the shortest input
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(3)) {
            assertThat(ex.map((a, b, c) -> a + b + c, range(5), List.of(10, 20, 30), range(4)).toList())
                    .containsExactly(10, 22, 34);
            assertThat(ex.map((String a, String b, String c, String d) -> a + b + c + d,
                    List.of("a", "e"), List.of("b", "f"), List.of("c", "g"), List.of("d", "h")).toList())
                    .containsExactly("abcd", "efgh");
            assertThat(ex.map((Integer a, Integer b, Integer c, Integer d, Integer e) -> a * b * c * d * e,
                    range(4), range(4), range(4), range(4), range(4)).toList()).containsExactly(0, 1, 32, 243);
            assertThat(ex.map((a, b, c) -> a, List.<Integer>of(), range(3), range(3)).toList()).isEmpty();
        }
    }

    @Test
    void everyMapOptionAppliesToSeveralIterables() {
        // Python: ex.map(f, xs, ys, zs, timeout=, buffersize=) raises TimeoutError from next(); buffersize reads lazily
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            CountDownLatch release = new CountDownLatch(1);
            try {
                MapResult<Integer> slow = ex.map((Integer a, Integer b, Integer c) -> {
                    await(release);   // holds the only worker past the timeout
                    return a;
                }, range(3), range(3), range(3), MapOptions.defaults().timeout(0.05));
                assertThatThrownBy(slow::next).isInstanceOf(TimeoutException.class);
            } finally {
                release.countDown();
            }
            AtomicInteger pulled = new AtomicInteger();
            try (MapResult<Integer> r = ex.map((Integer a, Integer b, Integer c, Integer d) -> a + b + c + d,
                    endless(pulled), range(1000), range(1000), range(1000), MapOptions.defaults().buffersize(2))) {
                for (int i = 0; i < 10; i++) {
                    assertThat(r.next()).isEqualTo(4 * i);
                }
            }
            assertThat(pulled.get()).isLessThanOrEqualTo(10 + 2);
            assertThat(ex.map((Integer a, Integer b, Integer c, Integer d, Integer e) -> a - e, range(5), range(5),
                    range(5), range(5), List.of(1, 1, 1, 1, 1), MapOptions.defaults().chunksize(2)).toList())
                    .containsExactly(-1, 0, 1, 2, 3);
            assertThat(ex.map((Integer a, Integer b) -> a * b, range(3), range(3), MapOptions.defaults().buffersize(1))
                    .toList()).containsExactly(0, 1, 4);
        }
    }

    @Test
    void aFailingItemRaisesWhenReached() {
        // Python: an exception in f(a, b, c) is raised by next() at that item
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
            MapResult<Integer> r = ex.map((Integer a, Integer b, Integer c) -> a / b, List.of(1, 2), List.of(1, 0),
                    List.of(0, 0));
            assertThat(r.next()).isEqualTo(1);
            assertThatThrownBy(r::next).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> ex.map((Function3<Integer, Integer, Integer, Integer>) null, range(1), range(1),
                    range(1))).isInstanceOf(NullPointerException.class).hasMessage("fn");
            assertThatThrownBy(() -> ex.map((a, b, c) -> a, range(1), null, range(1)))
                    .isInstanceOf(NullPointerException.class).hasMessage("b");
        }
    }

    @Test
    void processPoolMapsSeveralIterablesInChunks() {
        // Python: ProcessPoolExecutor().map(f, xs, ys, zs, chunksize=2) runs f in worker processes
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            long me = ProcessHandle.current().pid();
            assertThat(ex.map((Integer a, Integer b, Integer c) -> a * 100 + b * 10 + c, List.of(1, 4), List.of(2, 5),
                    List.of(3, 6)).toList()).containsExactly(123, 456);
            assertThat(ex.map((Integer a, Integer b, Integer c) -> ProcessHandle.current().pid(), range(6), range(6),
                    range(6), MapOptions.defaults().chunksize(2)).toList()).doesNotContain(me);
            SerializableFunction4<String, String, String, String, String> concat = (a, b, c, d) -> a + b + c + d;
            assertThat(ex.map(concat, List.of("a"), List.of("b"), List.of("c"), List.of("d")).toList())
                    .containsExactly("abcd");
            SerializableFunction5<Integer, Integer, Integer, Integer, Integer, Integer> sum =
                    (a, b, c, d, e) -> a + b + c + d + e;
            assertThat(ex.map(sum, range(10), range(10), range(10), range(10), range(10),
                    MapOptions.defaults().chunksize(3).buffersize(2)).toList())
                    .isEqualTo(IntStream.range(0, 10).map(i -> 5 * i).boxed().collect(Collectors.toList()));
        }
    }

    @Test
    void aFunctionThatCannotTravelFailsAtTheCallNamingTheTypeToUse() {
        // Python: ProcessPoolExecutor().map(lambda a, b, c: ..., ...) fails: a lambda cannot be pickled
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
            Function3<Integer, Integer, Integer, Integer> plain = (a, b, c) -> a;
            assertThatThrownBy(() -> ex.map(plain, range(1), range(1), range(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(plain.getClass().getName())
                    .hasMessageContaining("SerializableFunction3");
            Executor asInterface = ex;
            Function5<Integer, Integer, Integer, Integer, Integer, Integer> plain5 = (a, b, c, d, e) -> a;
            assertThatThrownBy(() -> asInterface.map(plain5, range(1), range(1), range(1), range(1), range(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SerializableFunction5");
            Function3<Integer, Integer, Integer, Integer> serializable =
                    (SerializableFunction3<Integer, Integer, Integer, Integer>) (a, b, c) -> a + b + c;
            assertThat(asInterface.map(serializable, range(2), range(2), range(2)).toList()).containsExactly(0, 3);
        }
    }

    /** An Executor written outside the library, on the interface alone: only the abstract methods. */
    private static final class Delegating implements Executor {
        private final ThreadPoolExecutor inner = new ThreadPoolExecutor(2);
        final AtomicInteger singleMaps = new AtomicInteger();

        @Override
        public <T> Future<T> submit(Callable<T> fn) {
            return inner.submit(fn);
        }

        @Override
        public Future<Void> submit(Runnable fn) {
            return inner.submit(fn);
        }

        @Override
        public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
            return map(fn, items, MapOptions.defaults());
        }

        @Override
        public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                       MapOptions options) {
            singleMaps.incrementAndGet();
            return inner.map(fn, items, options);
        }

        @Override
        public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends A> a,
                                          Iterable<? extends B> b) {
            return inner.map(fn, a, b);
        }

        @Override
        public void shutdown() {
            inner.shutdown();
        }

        @Override
        public void shutdown(boolean wait) {
            inner.shutdown(wait);
        }

        @Override
        public void shutdown(boolean wait, boolean cancelFutures) {
            inner.shutdown(wait, cancelFutures);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public ExecutorService asExecutorService() {
            return inner.asExecutorService();
        }

        @Override
        public void execute(Runnable command) {
            inner.execute(command);
        }
    }

    @Test
    void anyExecutorGetsTheManyIterableMapFromItsSingleMap() {
        // Python: Executor.map(fn, *iterables) is written once in the base class, on the single-input machinery
        try (Delegating ex = new Delegating()) {
            assertThat(ex.map((Integer a, Integer b, Integer c) -> a + b + c, range(3), range(3), range(3)).toList())
                    .containsExactly(0, 3, 6);
            assertThat(ex.map((Integer a, Integer b, Integer c, Integer d) -> d, range(2), range(2), range(2),
                    List.of(7, 8), MapOptions.defaults().buffersize(1)).toList()).containsExactly(7, 8);
            assertThat(ex.map((Integer a, Integer b) -> a - b, List.of(5), List.of(3), MapOptions.defaults()).toList())
                    .containsExactly(2);
            assertThat(ex.singleMaps.get()).isEqualTo(3);
        }
    }
}
