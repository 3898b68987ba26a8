package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An input iterable that throws part-way through Pool and ThreadPool's map, imap and imapUnordered
 * (CPython: test_imap_handle_iterable_exception, test_imap_unordered_handle_iterable_exception,
 * test_map_handle_iterable_exception).
 */
class IterableFailureTest {

    /** CPython's SayWhenError. */
    static final class SayWhenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SayWhenException() {
            super("Somebody said when");
        }
    }

    /** CPython's exception_throwing_generator(total, when): 0, 1, ... and throws at index {@code when}. */
    static Iterable<Integer> throwingAt(int total, int when) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (when == -1) {
                    throw new SayWhenException();
                }
                return i < total;
            }

            @Override
            public Integer next() {
                if (i >= total) {
                    throw new NoSuchElementException();
                }
                if (i == when) {
                    throw new SayWhenException();
                }
                return i++;
            }
        };
    }

    private static final SerializableFunction<Integer, Integer> SQR = x -> x * x;

    @AfterAll
    static void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    /** Takes {@code n} results, then expects the input's own exception, then the end. */
    private static List<Integer> takeThenFail(Iterator<Integer> it, int n) {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            assertThat(it.hasNext()).isTrue();
            got.add(it.next());
        }
        assertThatThrownBy(it::next).isInstanceOf(SayWhenException.class);
        assertThat(it.hasNext()).isFalse();
        return got;
    }

    private static void checkAll(ImapCall imap, ImapCall imapUnordered, Function<Iterable<Integer>, List<Integer>> map,
                                 Function<List<Integer>, List<Integer>> stillUsable) {
        // Python: SayWhenError seen at the very first item, twice (the pool is reentrant)
        assertThatThrownBy(() -> imap.call(throwingAt(1, -1), 1).next()).isInstanceOf(SayWhenException.class);
        assertThatThrownBy(() -> imap.call(throwingAt(1, -1), 1).next()).isInstanceOf(SayWhenException.class);
        // Python: three results, then SayWhenError
        assertThat(takeThenFail(imap.call(throwingAt(10, 3), 1), 3)).containsExactly(0, 1, 4);
        // Python yields 6 (chunksize 2) or 4 (chunksize 4) results, dropping the partial chunk; here all 7 come first
        assertThat(takeThenFail(imap.call(throwingAt(20, 7), 2), 7)).containsExactly(0, 1, 4, 9, 16, 25, 36);
        assertThat(takeThenFail(imap.call(throwingAt(20, 7), 4), 7)).containsExactly(0, 1, 4, 9, 16, 25, 36);
        // Python imap_unordered: the results of the items before the failure (any order), then SayWhenError
        assertThatThrownBy(() -> imapUnordered.call(throwingAt(1, -1), 1).next())
                .isInstanceOf(SayWhenException.class);
        assertThat(new HashSet<>(takeThenFail(imapUnordered.call(throwingAt(10, 3), 1), 3)))
                .isEqualTo(Set.of(0, 1, 4));
        assertThat(new HashSet<>(takeThenFail(imapUnordered.call(throwingAt(20, 7), 2), 7)))
                .isEqualTo(Set.of(0, 1, 4, 9, 16, 25, 36));
        // Python: map raises the iterable's exception
        assertThatThrownBy(() -> map.apply(throwingAt(1, -1))).isInstanceOf(SayWhenException.class);
        assertThatThrownBy(() -> map.apply(throwingAt(10, 3))).isInstanceOf(SayWhenException.class);
        // Python: the pool is still usable afterwards
        assertThat(stillUsable.apply(List.of(1, 2, 3))).containsExactly(1, 4, 9);
    }

    interface ImapCall {
        Iterator<Integer> call(Iterable<Integer> items, int chunksize);
    }

    @Test
    void threadPool() {
        // Python: multiprocessing.pool.ThreadPool with an input that raises part-way
        try (ThreadPool pool = new ThreadPool(2)) {
            checkAll((items, c) -> pool.imap(SQR, items, c), (items, c) -> pool.imapUnordered(SQR, items, c),
                    items -> pool.map(SQR, items), items -> pool.map(SQR, items));
        }
    }

    @Test
    void processPool() {
        // Python: multiprocessing.Pool with an input that raises part-way
        try (Pool pool = new Pool(2)) {
            checkAll((items, c) -> pool.imap(SQR, items, c), (items, c) -> pool.imapUnordered(SQR, items, c),
                    items -> pool.map(SQR, items), items -> pool.map(SQR, items));
            assertThatThrownBy(() -> pool.mapAsync(SQR, throwingAt(5, 2))).isInstanceOf(SayWhenException.class);
        }
    }
}
