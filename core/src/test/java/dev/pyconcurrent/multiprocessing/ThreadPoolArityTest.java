package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Tuple;
import dev.pyconcurrent.function.Tuple3;
import dev.pyconcurrent.function.Tuple4;
import dev.pyconcurrent.function.Tuple5;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ThreadPool with functions of any arity, callbacks without a chunk size, and imap's next(timeout). */
class ThreadPoolArityTest {
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

    private static List<Tuple3<Integer, Integer, Integer>> triples(int n) {
        return IntStream.range(0, n).mapToObj(i -> Tuple.of(i, i + 1, i + 2)).collect(Collectors.toList());
    }

    /** Waits for the latch, bounded so that a failing test cannot leave a worker blocked for ever. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void starmapOfThreeFourAndFiveArguments() {
        // Python: pool.starmap(f, [(1, 2, 3), ...]) returns [f(1, 2, 3), ...] in input order
        assertThat(pool.starmap((a, b, c) -> a * 100 + b * 10 + c, List.of(Tuple.of(1, 2, 3), Tuple.of(4, 5, 6))))
                .containsExactly(123, 456);
        assertThat(pool.starmap((String a, Integer b, Character c, Boolean d) -> a + b + c + d,
                List.of(Tuple.of("x", 1, 'c', true), Tuple.of("y", 2, 'd', false))))
                .containsExactly("x1ctrue", "y2dfalse");
        List<Tuple5<Integer, Integer, Integer, Integer, Integer>> fives = IntStream.range(0, 50)
                .mapToObj(i -> Tuple.of(i, i, i, i, i)).collect(Collectors.toList());
        assertThat(pool.starmap((a, b, c, d, e) -> a + b + c + d + e, fives, 7))
                .isEqualTo(IntStream.range(0, 50).map(i -> 5 * i).boxed().collect(Collectors.toList()));
        Function3<Integer, Integer, Integer, Integer> sum = (a, b, c) -> a + b + c;
        assertThat(pool.starmap(sum, triples(20), 3))
                .isEqualTo(IntStream.range(0, 20).map(i -> 3 * i + 3).boxed().collect(Collectors.toList()));
        assertThat(pool.starmap(sum, List.of())).isEmpty();
    }

    @Test
    void pairsAsMapEntriesOrTupleOf() {
        // Python: pool.starmap(operator.sub, [(5, 3), (10, None)]) unpacks each pair, None included
        List<Map.Entry<Integer, Integer>> pairs = List.of(Map.entry(5, 3), Tuple.of(10, null));
        assertThat(pool.starmap((Integer a, Integer b) -> b == null ? -a : a - b, pairs)).containsExactly(2, -10);
    }

    @Test
    void starmapAsyncTakesCallbacksWithOrWithoutChunksize() {
        // Python: pool.starmap_async(f, args, callback=cb, error_callback=ecb); callbacks run before get() returns
        List<Object> seen = new CopyOnWriteArrayList<>();
        assertThat(pool.starmapAsync((Integer a, Integer b, Integer c) -> a + b + c, triples(3), seen::add).get())
                .containsExactly(3, 6, 9);
        assertThat(seen).containsExactly(List.of(3, 6, 9));
        seen.clear();
        AsyncResult<List<Integer>> failed = pool.starmapAsync(
                (Integer a, Integer b, Integer c, Integer d) -> a / d,
                List.of(Tuple.of(1, 2, 3, 1), Tuple.of(1, 2, 3, 0)), seen::add, seen::add);
        assertThatThrownBy(failed::get).isInstanceOf(ArithmeticException.class);
        assertThat(seen).singleElement().isInstanceOf(ArithmeticException.class);
        seen.clear();
        assertThat(pool.starmapAsync((Integer a, Integer b, Integer c) -> a, triples(10), 4, seen::add, null).get())
                .hasSize(10);
        assertThat(seen).hasSize(1);
        assertThat(pool.starmapAsync((Integer a, Integer b, Integer c) -> c, triples(4), 2).get())
                .containsExactly(2, 3, 4, 5);
        assertThat(pool.starmapAsync((Integer a, Integer b, Integer c) -> b, triples(2)).get()).containsExactly(1, 2);
        assertThat(pool.starmapAsync((Integer a, Integer b) -> a + b, List.of(Map.entry(1, 2)), seen::add, seen::add)
                .get()).containsExactly(3);
        List<Tuple5<Integer, Integer, Integer, Integer, Integer>> five = List.of(Tuple.of(1, 2, 3, 4, 5));
        assertThat(pool.starmapAsync((a, b, c, d, e) -> e, five, 1, null, null).get()).containsExactly(5);
        assertThatThrownBy(() -> pool.starmapAsync((Integer a, Integer b, Integer c) -> a, triples(2), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Chunksize must be 1+, not 0");
    }

    @Test
    void mapAsyncTakesCallbacksWithoutChunksize() {
        // Python: pool.map_async(f, items, callback=cb, error_callback=ecb), and map_async(f, items, chunksize)
        List<Object> seen = new CopyOnWriteArrayList<>();
        assertThat(pool.mapAsync((Integer x) -> x * 2, List.of(1, 2, 3), seen::add).get()).containsExactly(2, 4, 6);
        assertThat(seen).containsExactly(List.of(2, 4, 6));
        seen.clear();
        AsyncResult<List<Integer>> failed = pool.mapAsync((Integer x) -> 6 / x, List.of(1, 0), seen::add, seen::add);
        assertThatThrownBy(failed::get).isInstanceOf(ArithmeticException.class);
        assertThat(seen).singleElement().isInstanceOf(ArithmeticException.class);
        assertThat(pool.mapAsync((Integer x) -> x + 1, List.of(1, 2, 3, 4, 5), 2).get()).containsExactly(2, 3, 4, 5, 6);
        assertThatThrownBy(() -> pool.mapAsync((Integer x) -> x, List.of(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Chunksize must be 1+, not -1");
    }

    @Test
    void imapNextWithATimeout() {
        // Python: it = pool.imap(f, items); it.next(timeout) raises TimeoutError while the result is not ready,
        // and a later it.next() still returns it
        CountDownLatch release = new CountDownLatch(1);
        try {
            ImapIterator<Integer> it = pool.imap(x -> {
                await(release);
                return x * 10;
            }, List.of(1, 2, 3));
            assertThat(it.hasNext()).as("hasNext does not wait for a result").isTrue();
            assertThatThrownBy(() -> it.next(0.01)).isInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> it.next(Duration.ZERO)).isInstanceOf(TimeoutException.class)
                    .hasMessage("no result within PT0S");
            release.countDown();
            assertThat(it.next(20.0)).isEqualTo(10);
            assertThat(it.next(Duration.ofSeconds(20))).isEqualTo(20);
            assertThat(it.next()).isEqualTo(30);
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(() -> it.next(1.0)).isInstanceOf(NoSuchElementException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void imapUnorderedNextWithATimeout() {
        // Python: pool.imap_unordered(f, items).next(timeout) raises TimeoutError until some result is ready
        CountDownLatch release = new CountDownLatch(1);
        try {
            ImapIterator<Integer> it = pool.imapUnordered(x -> {
                await(release);
                return x;
            }, List.of(1, 2, 3, 4), 2);
            assertThatThrownBy(() -> it.next(0.01)).isInstanceOf(TimeoutException.class);
            release.countDown();
            HashSet<Integer> got = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                got.add(it.next(Duration.ofSeconds(20)));
            }
            assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4);
            assertThatThrownBy(() -> it.next(Duration.ZERO)).isInstanceOf(NoSuchElementException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void imapNextWithATimeoutRaisesAFailedItemAndGoesOn() {
        // Python: next(timeout) raises an item's exception at its position; the following items still come
        ImapIterator<Integer> it = pool.imap(x -> 12 / x, List.of(1, 0, 3));
        assertThat(it.next(20.0)).isEqualTo(12);
        assertThatThrownBy(() -> it.next(20.0)).isInstanceOf(ArithmeticException.class);
        assertThat(it.next(20.0)).isEqualTo(4);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void imapNextRefusesABadTimeout() {
        // Python: a negative timeout is a ValueError
        ImapIterator<Integer> it = pool.imap(x -> x, List.of(1));
        assertThatThrownBy(() -> it.next(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> it.next(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> it.next(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(it.next()).isEqualTo(1);
    }

    @Test
    void tupleTypesAreCheckedAtCompileTime() {
        // Python: starmap(f, iterable_of_tuples); here each position keeps its type
        List<Tuple4<String, Integer, Long, Double>> rows = List.of(Tuple.of("a", 1, 2L, 0.5));
        List<String> out = pool.starmap((s, i, l, d) -> s + (i + l + d), rows);
        assertThat(out).containsExactly("a3.5");
    }
}
