package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.SharedEvent;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stopping what runs on a ProcessPoolExecutor: Python 3.14's terminate_workers() / kill_workers(), the
 * ExecutorService view's shutdownNow(), and workers ending once nothing runs on them after shutdown.
 */
class ProcessPoolStopTest {

    @AfterEach
    void noChildLeft() {
        ProcessPoolExecutorTest.assertNoChildrenLeft();
    }

    /** A task that tells it started, then never returns. */
    private static SerializableCallable<Integer> forever(SharedEvent started) {
        return () -> {
            started.set();
            Thread.sleep(Long.MAX_VALUE);
            return 0;
        };
    }

    private static List<Future<Integer>> queue(ProcessPoolExecutor p, int n) {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(p.submit(() -> 2));
        }
        return fs;
    }

    /** Every future is done: cancelled, or failed with BrokenProcessPoolException naming {@code by}. */
    private static void assertStopped(List<Future<Integer>> fs, String by) {
        for (Future<Integer> f : fs) {
            assertThat(f.done()).isTrue();
            if (!f.cancelled()) {
                assertThat(f.exception()).isInstanceOf(BrokenProcessPoolException.class).hasMessageContaining(by);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void terminateOrKillWorkersEndsANeverReturningTask(boolean kill) {
        // Python 3.14: terminate_workers()/kill_workers() shut down; the running future raises BrokenProcessPool
        SharedEvent started = Multiprocessing.event();
        ProcessPoolExecutor p = new ProcessPoolExecutor(1);
        Future<Integer> running = p.submit(forever(started));
        List<Future<Integer>> queued = queue(p, 4);
        assertThat(started.await(60)).isTrue();
        String by = kill ? "killed by killWorkers()" : "terminated by terminateWorkers()";
        if (kill) {
            p.killWorkers();
        } else {
            p.terminateWorkers();
        }
        assertThat(running.done()).isTrue();
        assertThat(running.exception()).isInstanceOf(BrokenProcessPoolException.class).hasMessageContaining(by);
        assertStopped(queued, by);
        assertThatThrownBy(() -> p.submit(() -> 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        p.close();   // returns: the workers are gone
        assertThat(p.getLiveWorkers()).isZero();
        assertThat(p.asExecutorService().isTerminated()).isTrue();
    }

    @Test
    void terminateWorkersKillsAWorkerWhoseShutdownHookHangs() {
        // Python's terminate() is SIGTERM; a worker that does not end on it is killed after a grace period
        SharedEvent started = Multiprocessing.event();
        ProcessPoolExecutor p = new ProcessPoolExecutor(1);
        Future<Integer> running = p.submit(() -> {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(TimeUnit.HOURS.toMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            started.set();
            Thread.sleep(Long.MAX_VALUE);
            return 0;
        });
        assertThat(started.await(60)).isTrue();
        p.terminateWorkers();
        assertThat(running.exception()).isInstanceOf(BrokenProcessPoolException.class);
        p.close();
        assertThat(p.getLiveWorkers()).isZero();
    }

    @Test
    void shutdownWithCancelThenShutdownNowSettlesEveryFuture() throws Exception {
        // JDK ExecutorService.shutdownNow stops what runs (here: the workers are terminated); Python: cancel_futures
        SharedEvent started = Multiprocessing.event();
        ProcessPoolExecutor p = new ProcessPoolExecutor(2);
        ExecutorService view = p.asExecutorService();
        Future<Integer> running = p.submit(forever(started));
        List<Future<Integer>> queued = queue(p, 6);
        assertThat(started.await(60)).isTrue();
        p.shutdown(false, true);
        assertThat(running.done()).isFalse();
        List<Runnable> neverRan = view.shutdownNow();
        assertThat(neverRan).isEmpty();   // shutdown(cancelFutures) took them already
        assertThat(running.exception()).isInstanceOf(BrokenProcessPoolException.class)
                .hasMessageContaining("shutdownNow()");
        for (Future<Integer> f : queued) {
            // the other worker may have run some before shutdown: those succeeded
            assertThat(f.done()).isTrue();
            assertThat(f.cancelled() || f.exception() instanceof BrokenProcessPoolException
                    || Integer.valueOf(2).equals(f.result())).isTrue();
        }
        assertThat(view.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.getLiveWorkers()).isZero();
    }

    @Test
    void shutdownWithoutWaitEndsTheWorkersOnceNothingRuns() {
        // Python: after shutdown(wait=False) the workers exit once their work is done, without a join
        SharedEvent go = Multiprocessing.event();
        SharedEvent started = Multiprocessing.event();
        ProcessPoolExecutor p = new ProcessPoolExecutor(2);
        assertThat(p.submit(() -> 1).result(60)).isEqualTo(1);
        Future<Boolean> busy = p.submit(() -> {
            started.set();
            return go.await(120);
        });
        assertThat(started.await(60)).isTrue();
        p.shutdown(false);
        Waits.until("the idle worker exited", () -> p.getLiveWorkers() == 1, Duration.ofSeconds(30));
        go.set();
        assertThat(busy.result(60)).isTrue();
        Waits.until("every worker exited", () -> p.getLiveWorkers() == 0, Duration.ofSeconds(30));
        assertThat(p.asExecutorService().isTerminated()).isTrue();
    }

    @Test
    void cancellingWhatCannotRunAnyMoreSettlesItAndNoWorkerStartsForIt() {
        // Python: Future.cancel() of a pending call after shutdown; the executor then ends with the running call
        SharedEvent go = Multiprocessing.event();
        SharedEvent started = Multiprocessing.event();
        ProcessPoolExecutor p = new ProcessPoolExecutor(1);
        Future<Boolean> busy = p.submit(() -> {
            started.set();
            return go.await(120);
        });
        List<Future<Integer>> queued = queue(p, 5);
        assertThat(started.await(60)).isTrue();
        p.shutdown(false);
        for (Future<Integer> f : queued) {
            f.cancel();
        }
        go.set();
        assertThat(busy.result(60)).isTrue();
        for (Future<Integer> f : queued) {
            // the one already sent to the worker behind the running task could not be cancelled: it runs
            if (!f.cancelled()) {
                assertThat(f.result(60)).isEqualTo(2);
            }
        }
        Waits.until("every worker exited", () -> p.getLiveWorkers() == 0, Duration.ofSeconds(30));
    }
}
