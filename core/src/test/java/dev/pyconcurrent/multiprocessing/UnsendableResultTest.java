package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A result that cannot be pickled fails its task, naming the result (Python: MaybeEncodingError). */
class UnsendableResultTest {

    /** Not Serializable. */
    static final class Box {
    }

    /** Serializable, but refers to a {@link Box}. */
    static final class Outer implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Box box = new Box();
    }

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void applyNamesTheResultsClassAndKeepsBothStacks() {
        // Python: Pool.apply of a function returning an unpicklable object raises MaybeEncodingError naming it
        try (Pool pool = new Pool(1)) {
            IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> pool.apply(Box::new));
            assertThat(e).hasMessage("the task's result, an object of " + Box.class.getName()
                    + ", cannot be sent back from the worker process: " + Box.class.getName()
                    + " is not Serializable (a result must be Serializable, and so must everything it refers to)");
            assertThat(e).hasCauseInstanceOf(NotSerializableException.class);
            assertThat(e.getStackTrace()).as("the worker's stack").isNotEmpty();
            assertThat(Arrays.stream(e.getSuppressed()).flatMap(s -> Arrays.stream(s.getStackTrace())))
                    .as("where the parent received it")
                    .anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("applyNamesTheResultsClassAndKeepsBothStacks"));
            assertThat(pool.apply(() -> 42)).as("the worker goes on").isEqualTo(42);
        }
    }

    @Test
    void mapNamesTheItemAndTheNestedClass() {
        // Python: a map result that cannot be pickled fails the map, naming the value
        try (Pool pool = new Pool(1)) {
            IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                    () -> pool.map(x -> x == 2 ? new Outer() : (Object) x, List.of(1, 2, 3)));
            assertThat(e).hasMessageStartingWith("the result of fn(2), an object of " + Outer.class.getName()
                    + ", cannot be sent back from the worker process: " + Box.class.getName() + " is not Serializable");
            IllegalStateException star = catchThrowableOfType(IllegalStateException.class,
                    () -> pool.starmap((a, b) -> new Box(), List.of(Map.entry(1, "a"))));
            assertThat(star).hasMessageStartingWith("the result of fn(1, a), an object of " + Box.class.getName());
        }
    }

    @Test
    void anExecutorFutureFailsWithTheSameMessage() {
        // Python: ProcessPoolExecutor's future.result() raises the pickling error of the result
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
            IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> ex.submit(Box::new).result());
            assertThat(e).hasMessageStartingWith("the task's result, an object of " + Box.class.getName());
            assertThat(e.getStackTrace()).isNotEmpty();
        }
    }
}
