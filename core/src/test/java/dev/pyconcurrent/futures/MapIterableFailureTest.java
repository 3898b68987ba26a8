package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Executor.map over an input that throws part-way (CPython: an iterable raising in Executor.map). */
class MapIterableFailureTest {

    static final class SayWhenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SayWhenException() {
            super("Somebody said when");
        }
    }

    static Iterable<Integer> throwingAt(int total, int when) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
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

    private static void check(Executor ex, MapOptions buffered) {
        // Python: without buffersize the input is read by the map call, which raises the input's exception
        assertThatThrownBy(() -> ex.map(SQR, throwingAt(10, 3))).isInstanceOf(SayWhenException.class);
        assertThatThrownBy(() -> ex.map(SQR, throwingAt(10, 0))).isInstanceOf(SayWhenException.class);
        // with buffersize (3.14) the input is read lazily: the results before the failure, then the exception
        MapResult<Integer> r = ex.map(SQR, throwingAt(10, 3), buffered);
        assertThat(r.next()).isEqualTo(0);
        assertThat(r.next()).isEqualTo(1);
        assertThat(r.next()).isEqualTo(4);
        assertThatThrownBy(r::next).isInstanceOf(SayWhenException.class);
        assertThat(r.hasNext()).isFalse();
        // the executor is still usable
        assertThat(ex.map(SQR, List.of(1, 2, 3)).toList()).containsExactly(1, 4, 9);
    }

    @Test
    void threadPoolExecutor() {
        // Python: ThreadPoolExecutor.map(fn, iterable_that_raises)
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
            check(ex, MapOptions.defaults().buffersize(2));
        }
    }

    @Test
    void processPoolExecutorWithChunks() {
        // Python: ProcessPoolExecutor.map(fn, iterable_that_raises, chunksize=2); the partial chunk is not lost
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
            check(ex, MapOptions.defaults().buffersize(2).chunksize(2));
            MapResult<Integer> r = ex.map(SQR, throwingAt(10, 5), MapOptions.defaults().buffersize(1).chunksize(2));
            assertThat(List.of(r.next(), r.next(), r.next(), r.next(), r.next())).containsExactly(0, 1, 4, 9, 16);
            assertThatThrownBy(r::next).isInstanceOf(SayWhenException.class);
        }
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }
}
