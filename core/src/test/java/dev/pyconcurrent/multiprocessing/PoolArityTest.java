package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.function.SerializableFunction3;
import dev.pyconcurrent.function.Tuple;
import dev.pyconcurrent.function.Tuple3;
import dev.pyconcurrent.function.Tuple5;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pool (child JVMs) with functions of any arity, callbacks without a chunk size, and imap's next(timeout). */
class PoolArityTest {
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

    /** Cannot be serialized: a result of this class cannot come back, an argument of it cannot go. */
    static final class Unsendable {
    }

    @Test
    void starmapOfThreeToFiveArgumentsRunsInWorkers() {
        // Python: pool.starmap(f, [(1, 2, 3), ...]) runs f(1, 2, 3) in a worker process; results in input order
        long me = ProcessHandle.current().pid();
        List<Tuple3<Integer, Integer, Integer>> triples = IntStream.range(0, 30)
                .mapToObj(i -> Tuple.of(i, 2 * i, 3 * i)).collect(Collectors.toList());
        assertThat(pool.starmap((a, b, c) -> a + b + c, triples))
                .isEqualTo(IntStream.range(0, 30).map(i -> 6 * i).boxed().collect(Collectors.toList()));
        assertThat(pool.starmap((Integer a, Integer b, Integer c) -> ProcessHandle.current().pid(), triples, 4))
                .doesNotContain(me);
        assertThat(pool.starmap((String a, String b, String c, String d) -> a + b + c + d,
                List.of(Tuple.of("a", "b", "c", "d"), Tuple.of("e", "f", "g", null))))
                .containsExactly("abcd", "efgnull");
        List<Tuple5<Integer, Long, Double, String, Boolean>> fives = List.of(Tuple.of(1, 2L, 3.0, "x", true),
                Tuple.of(4, 5L, 6.0, "y", false));
        assertThat(pool.starmap((a, b, c, d, e) -> d + (a + b + c) + e, fives, 1))
                .containsExactly("x6.0true", "y15.0false");
    }

    @Test
    void starmapAsyncWithCallbacksAndTheWorkersExceptions() {
        // Python: starmap_async(f, args, callback=cb, error_callback=ecb); the worker's exception keeps its class
        List<Object> seen = new CopyOnWriteArrayList<>();
        SerializableFunction3<Integer, Integer, Integer, Integer> div = (a, b, c) -> a / b / c;
        assertThat(pool.starmapAsync(div, List.of(Tuple.of(12, 2, 3)), seen::add).get()).containsExactly(2);
        assertThat(seen).containsExactly(List.of(2));
        seen.clear();
        AsyncResult<List<Integer>> failed = pool.starmapAsync(div, List.of(Tuple.of(1, 1, 1), Tuple.of(1, 0, 1)),
                seen::add, seen::add);
        assertThatThrownBy(failed::get).isInstanceOf(ArithmeticException.class);
        assertThat(seen).singleElement().isInstanceOf(ArithmeticException.class);
        assertThat(pool.starmapAsync(div, List.of(Tuple.of(8, 2, 2), Tuple.of(9, 3, 1)), 1, null, null).get())
                .containsExactly(2, 3);
        seen.clear();
        assertThat(pool.mapAsync((Integer x) -> x * x, List.of(1, 2, 3), seen::add, seen::add).get())
                .containsExactly(1, 4, 9);
        assertThat(seen).containsExactly(List.of(1, 4, 9));
    }

    @Test
    void argumentsAndResultsThatCannotTravel() {
        // Python: an unpicklable starmap argument fails the call; an unpicklable result names f(args) and the class
        assertThatThrownBy(() -> pool.starmap((Object a, Object b, Object c) -> 1,
                List.of(Tuple.of(1, new Unsendable(), 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Unsendable.class.getName());
        assertThatThrownBy(() -> pool.starmap((Integer a, String b, Boolean c) -> new Unsendable(),
                List.of(Tuple.of(1, "a", true))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the result of fn(1, a, true), an object of " + Unsendable.class.getName());
        assertThat(pool.apply(() -> 42)).as("the pool goes on").isEqualTo(42);
    }

    @Test
    void imapNextWithATimeout() {
        // Python: pool.imap(f, items).next(timeout) raises TimeoutError while the result is not ready; the
        // iterator stays usable
        SharedEvent go = Multiprocessing.event();
        try {
            ImapIterator<Integer> it = pool.imap(x -> {
                go.await(60.0);
                return x + 1;
            }, List.of(1, 2));
            assertThatThrownBy(() -> it.next(0.05)).isInstanceOf(TimeoutException.class);
            go.set();
            assertThat(it.next(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(it.next(30.0)).isEqualTo(3);
            assertThatThrownBy(() -> it.next(30.0)).isInstanceOf(NoSuchElementException.class);
        } finally {
            go.set();
        }
    }

    @Test
    void imapRaisesAnItemThatCannotBeSentAtItsPlace() {
        // Python: imap raises the pickling error of an item when the iteration reaches it, and goes on
        ImapIterator<Object> it = pool.imap(x -> x, List.of(1, new Unsendable(), 3));
        assertThat(it.next(30.0)).isEqualTo(1);
        assertThatThrownBy(() -> it.next(30.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Unsendable.class.getName());
        assertThat(it.next(30.0)).isEqualTo(3);
        assertThat(it.hasNext()).isFalse();
        ImapIterator<Object> unordered = pool.imapUnordered(x -> x, List.of(new Unsendable()));
        assertThatThrownBy(unordered::next).isInstanceOf(IllegalArgumentException.class);
        assertThat(unordered.hasNext()).isFalse();
    }
}
