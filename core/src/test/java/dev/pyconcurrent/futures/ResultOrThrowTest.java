package dev.pyconcurrent.futures;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Python's {@code try: f.result() except IOError:} with the task's checked exception caught as itself. */
class ResultOrThrowTest {

    private static final IOException MISSING = new FileNotFoundException("no such page");

    @Test
    void theNamedCheckedExceptionIsThrownAsItself() {
        // Python: except IOError as e: catches the exception the task raised
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            Future<String> f = ex.submit(() -> {
                throw MISSING;
            });
            Throwable caught = null;
            try {
                f.resultOrThrow(IOException.class);
            } catch (IOException e) {
                caught = e;
            }
            assertThat(caught).isSameAs(MISSING);
        }
    }

    @Test
    void anyOtherFailureIsThrownAsResultThrowsIt() {
        // Python: an exception the except clause does not name propagates unchanged
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            Future<String> io = ex.submit(() -> {
                throw MISSING;
            });
            Throwable other = catchThrowable(() -> io.resultOrThrow(java.util.concurrent.TimeoutException.class));
            assertThat(other).isInstanceOf(CompletionException.class).hasCause(MISSING);

            IllegalStateException bug = new IllegalStateException("bug");
            Future<String> unchecked = ex.submit(() -> {
                throw bug;
            });
            assertThat(catchThrowable(() -> unchecked.resultOrThrow(IOException.class))).isSameAs(bug);
            UncheckedIOException wrapped = new UncheckedIOException(MISSING);
            Future<String> uncheckedIo = ex.submit(() -> {
                throw wrapped;
            });
            assertThat(catchThrowable(() -> uncheckedIo.resultOrThrow(IOException.class))).isSameAs(wrapped);
        }
    }

    @Test
    void aResultIsReturnedAndACancelledFutureThrowsCancellation() throws Exception {
        // Python: result() returns the value; a cancelled future raises CancelledError
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            assertThat(ex.submit(() -> "page").resultOrThrow(IOException.class)).isEqualTo("page");
            CountDownLatch release = new CountDownLatch(1);
            ex.submit(() -> {
                release.await();
                return null;
            });
            Future<String> queued = ex.submit(() -> "never");
            assertThat(queued.cancel()).isTrue();
            assertThatThrownBy(() -> queued.resultOrThrow(IOException.class)).isInstanceOf(CancellationException.class);
            assertThatThrownBy(() -> queued.resultOrThrow(null)).isInstanceOf(NullPointerException.class);
            release.countDown();
        }
    }

    @Test
    void aWorkerProcessesCheckedExceptionArrivesAsItself() {
        // Python: an OSError raised in a ProcessPoolExecutor worker is caught by except OSError in the parent
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
            Future<String> f = ex.submit(() -> {
                throw new FileNotFoundException("remote page");
            });
            assertThatThrownBy(() -> f.resultOrThrow(IOException.class))
                    .isInstanceOf(FileNotFoundException.class).hasMessage("remote page");
        }
    }
}
