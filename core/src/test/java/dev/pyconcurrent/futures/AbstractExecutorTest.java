package dev.pyconcurrent.futures;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An executor written outside the library, as Python's docs show subclassing Executor: only submit and shutdown. */
class AbstractExecutorTest {

    /** Runs every task at once in the caller's thread, completing a SettableFuture as an implementer would. */
    static final class InlineExecutor extends AbstractExecutor {
        final List<Object> submitted = new ArrayList<>();
        boolean shut;

        @Override
        public <T> Future<T> submit(Callable<T> fn) {
            if (shut) {
                throw new IllegalStateException("cannot schedule new futures after shutdown");
            }
            submitted.add(fn);
            SettableFuture<T> f = new SettableFuture<>();
            if (f.setRunningOrNotifyCancel()) {
                try {
                    f.setResult(fn.call());
                } catch (Exception e) {
                    f.setException(e);
                }
            }
            return f;
        }

        @Override
        public Future<Void> submit(Runnable fn) {
            return submit(() -> {
                fn.run();
                return null;
            });
        }

        @Override
        public void shutdown(boolean wait, boolean cancelFutures) {
            shut = true;
        }

        @Override
        protected List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        protected boolean isShutdown() {
            return shut;
        }

        @Override
        protected boolean isTerminated() {
            return shut;
        }

        @Override
        protected boolean awaitTermination(long nanos) {
            return shut;
        }
    }

    @Test
    void mapIsWrittenOnceOnSubmit() {
        // Python: Executor.map is implemented on submit, so a subclass that defines submit gets map for free
        InlineExecutor ex = new InlineExecutor();
        assertThat(ex.map((Integer x) -> x * 2, List.of(1, 2, 3)).toList()).containsExactly(2, 4, 6);
        assertThat(ex.submitted).hasSize(3);
        assertThat(ex.map((Integer a, String b) -> a + b, List.of(1, 2, 3), List.of("a", "b")).toList())
                .containsExactly("1a", "2b");
        assertThat(ex.map((Integer a, Integer b) -> a * b, List.of(2, 3), List.of(5, 7),
                MapOptions.defaults().buffersize(1)).toList()).containsExactly(10, 21);
    }

    @Test
    void aFailedItemRethrowsWhenReached() {
        // Python: map re-raises the exception of the first failing call when its result is reached
        InlineExecutor ex = new InlineExecutor();
        Function<Integer, Integer> f = x -> 10 / x;
        MapResult<Integer> r = ex.map(f, List.of(5, 0, 1));
        assertThat(r.next()).isEqualTo(2);
        assertThatThrownBy(r::next).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void closeShutsDownAndTheViewFollowsTheExecutor() throws Exception {
        // Python: leaving `with executor:` calls shutdown(wait=True); the ExecutorService view sees it
        InlineExecutor ex = new InlineExecutor();
        ExecutorService view = ex.asExecutorService();
        assertThat(view.submit(() -> "x").get()).isEqualTo("x");
        ex.close();
        assertThat(view.isShutdown()).isTrue();
        assertThat(view.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settableFutureRefusesASecondCompletion() {
        // Python: Future.set_result on a finished or cancelled future raises InvalidStateError
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(1);
        assertThatThrownBy(() -> f.setResult(2)).isInstanceOf(InvalidStateException.class);
        SettableFuture<Integer> c = new SettableFuture<>();
        assertThat(c.cancel()).isTrue();
        assertThat(c.setRunningOrNotifyCancel()).isFalse();
        assertThatThrownBy(() -> c.setException(new RuntimeException())).isInstanceOf(InvalidStateException.class)
                .isInstanceOf(IllegalStateException.class);
    }
}
