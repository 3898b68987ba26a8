package dev.pyconcurrent.futures.internal;

import dev.pyconcurrent.futures.SettableFuture;

import dev.pyconcurrent.futures.MapResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reusable map machinery: chunks, zip, flatten (what a process pool builds on). */
class LazyMapTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void chunksGroupLazily() {
        // Python: process._get_chunks(range(7), chunksize=3) -> [0,1,2], [3,4,5], [6]
        Iterator<List<Integer>> it = LazyMap.chunks(range(7).iterator(), 3);
        List<List<Integer>> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        assertThat(all).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(LazyMap.chunks(List.<Integer>of().iterator(), 2).hasNext()).isFalse();
        assertThatThrownBy(() -> LazyMap.chunks(range(1).iterator(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zipStopsAtTheShorter() {
        // Python: zip([1,2,3], 'ab') -> (1,'a'), (2,'b')
        Iterator<Object[]> z = LazyMap.zip(List.of(List.of(1, 2, 3).iterator(), List.of("a", "b").iterator()));
        List<String> out = new ArrayList<>();
        z.forEachRemaining(t -> out.add("" + t[0] + t[1]));
        assertThat(out).containsExactly("1a", "2b");
        // Python: zip(a, b, c) stops at the shortest of three
        Iterator<Object[]> three = LazyMap.zip(List.of(List.of(1, 2).iterator(), List.of("x", "y", "z").iterator(),
                List.of(true).iterator()));
        assertThat(three.next()).containsExactly(1, "x", true);
        assertThat(three.hasNext()).isFalse();
    }

    @Test
    void chunkedMapFlattensInOrder() {
        // Python: ProcessPoolExecutor.map(chunksize=n) yields per-item results in order (_chain_from_iterable_of_lists)
        List<List<Integer>> submitted = new ArrayList<>();
        MapResult<Integer> r = LazyMap.flatten(LazyMap.<List<Integer>, List<Integer>>start(
                LazyMap.chunks(range(10).iterator(), 4),
                chunk -> {
                    submitted.add(chunk);
                    SettableFuture<List<Integer>> f = new SettableFuture<>();
                    f.setResult(chunk.stream().map(x -> x * 3).collect(Collectors.toList()));
                    return f;
                }, Long.MAX_VALUE, 2));
        assertThat(submitted).hasSize(2);   // buffersize counts chunks
        assertThat(r.toList()).isEqualTo(range(10).stream().map(x -> x * 3).collect(Collectors.toList()));
        assertThat(submitted).hasSize(3);
        assertThat(r.hasNext()).isFalse();
    }

    @Test
    void closingTheFlattenedResultCancelsPendingChunks() {
        // Python: closing the result generator cancels chunk futures not yet started
        List<SettableFuture<List<Integer>>> fs = new ArrayList<>();
        MapResult<Integer> r = LazyMap.flatten(LazyMap.<List<Integer>, List<Integer>>start(
                LazyMap.chunks(range(9).iterator(), 3),
                chunk -> {
                    SettableFuture<List<Integer>> f = new SettableFuture<>();
                    fs.add(f);
                    return f;
                }, Long.MAX_VALUE, 0));
        fs.get(0).setResult(List.of(0, 1, 2));
        assertThat(r.next()).isEqualTo(0);
        r.close();
        assertThat(fs.get(1).cancelled()).isTrue();
        assertThat(fs.get(2).cancelled()).isTrue();
        assertThat(r.hasNext()).isFalse();
    }

    @Test
    void submitFailureDuringEagerStartCancelsWhatWasSubmitted() {
        // Python: an exception while submitting propagates from map(); here the earlier futures are cancelled
        List<SettableFuture<Integer>> fs = new ArrayList<>();
        assertThatThrownBy(() -> LazyMap.<Integer, Integer>start(range(5).iterator(), x -> {
            if (x == 3) {
                throw new IllegalStateException("cannot schedule new futures after shutdown");
            }
            SettableFuture<Integer> f = new SettableFuture<>();
            fs.add(f);
            return f;
        }, Long.MAX_VALUE, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(fs).hasSize(3).allMatch(SettableFuture::cancelled);
    }

    @Test
    void zipOfIterablesStopsAtTheShortestAndRestarts() {
        // Python: zip([1, 2, 3], 'ab', [True, False, True]) -> (1, 'a', True), (2, 'b', False)
        Iterable<Object[]> z = LazyMap.zipIterables(List.of(1, 2, 3), List.of("a", "b"), List.of(true, false, true));
        List<Object[]> once = new ArrayList<>();
        z.forEach(once::add);
        assertThat(once).containsExactly(new Object[] {1, "a", true}, new Object[] {2, "b", false});
        List<Object[]> again = new ArrayList<>();
        z.forEach(again::add);
        assertThat(again).hasSize(2);
        assertThatThrownBy(() -> LazyMap.zipIterables(List.of(1), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("b");
    }
}
