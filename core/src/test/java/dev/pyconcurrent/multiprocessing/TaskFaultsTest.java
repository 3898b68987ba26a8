package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.futures.BrokenProcessPoolException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tasks that do to their worker what user code does: read stdin, hand fd 1 to a subprocess, write to
 * fd 1 natively, exit while a shutdown hook hangs, throw an exception that cannot describe itself,
 * leave the thread interrupted, never return (stopped with terminateWorkers() or terminate()). Each
 * leaves the pool (or, for a stopped one, the next pool) working for the next 100 tasks, and close()
 * returning. Python gives children an empty stdin (os.devnull) and keeps its pool channel off fd 0/1.
 */
class TaskFaultsTest {

    /** The two process pool kinds behind one call. */
    enum Kind { POOL, EXECUTOR }

    private Pool pool;
    private ProcessPoolExecutor executor;

    private <R> R run(Kind kind, SerializableCallable<R> task) {
        if (kind == Kind.POOL) {
            if (pool == null) {
                pool = new Pool(2);
            }
            return pool.apply(task);
        }
        if (executor == null) {
            executor = new ProcessPoolExecutor(2);
        }
        return executor.submit(task).result(60);
    }

    /** The next 100 tasks give the right results. */
    private void nextHundredWork(Kind kind) {
        for (int i = 0; i < 100; i++) {
            int x = i;
            assertThat(run(kind, () -> x * 3)).isEqualTo(i * 3);
        }
    }

    @AfterEach
    void closeReturns() {
        if (pool != null) {
            pool.close();
            pool.join();
        }
        if (executor != null) {
            executor.shutdown(true);
        }
        ChildJvms.assertNoChildrenLeft();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBackgroundThreadReadingStdinFindsItEmpty(Kind kind) {
        // Python: a child's sys.stdin is os.devnull: reading it gives end of file, and the pool is unaffected
        int read = run(kind, () -> {
            int[] got = {-2};
            java.lang.Thread t = new java.lang.Thread(() -> {
                try {
                    got[0] = System.in.read();
                    while (System.in.read() >= 0) {
                        got[0]++;
                    }
                } catch (IOException e) {
                    got[0] = -3;
                }
            });
            t.setDaemon(true);
            t.start();
            t.join(10_000);
            return got[0];
        });
        assertThat(read).isEqualTo(-1);
        nextHundredWork(kind);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSubprocessWithInheritedIoWritesPlainOutput(Kind kind) {
        // Python: a subprocess sharing the worker's stdout writes output, never into the pool's channel
        String[] out = ChildJvms.capture(() -> {
            int status = run(kind, () -> new ProcessBuilder("head", "-c", "200000", "/dev/urandom").inheritIO().start()
                    .waitFor());
            assertThat(status).isZero();
            nextHundredWork(kind);
        });
        assertThat(out[0].length()).isGreaterThan(100_000);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nativeWritesToFdOneStayOutput(Kind kind) {
        // Python: os.write(1, ...) in a worker is output; the pool goes on
        String[] out = ChildJvms.capture(() -> {
            int n = run(kind, () -> {
                FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
                byte[] noise = new byte[100_000];
                new java.util.Random(7).nextBytes(noise);
                noise[noise.length - 1] = '\n';
                fd1.write(noise);
                fd1.write("written to fd 1\n".getBytes());
                fd1.flush();
                return noise.length;
            });
            assertThat(n).isEqualTo(100_000);
            nextHundredWork(kind);
        });
        assertThat(out[0]).contains("written to fd 1");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exitWithAHangingShutdownHookFailsOnlyThatTask(Kind kind) {
        // Python: a worker that calls sys.exit fails its task; here its JVM is killed if a shutdown hook hangs
        Throwable t = catchThrowable(() -> run(kind, () -> {
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> {
                try {
                    java.lang.Thread.sleep(TimeUnit.HOURS.toMillis(1));
                } catch (InterruptedException e) {
                    java.lang.Thread.currentThread().interrupt();
                }
            }));
            System.exit(3);
            return 0;
        }));
        assertThat(t).isInstanceOf(ProcessDiedException.class);
        nextHundredWork(kind);
    }

    /** An exception whose message cannot be had. */
    static final class Unspeakable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message for you");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anExceptionWhoseGetMessageThrowsArrivesAsItselfAndTheWorkerLives(Kind kind) {
        // Python: the task's exception is re-raised in the parent as its own class; the worker goes on
        long pid = run(kind, () -> ProcessHandle.current().pid());
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Throwable t = catchThrowable(() -> run(kind, () -> {
                throw new Unspeakable();
            }));
            assertThat(t).isInstanceOf(Unspeakable.class);
            assertThat(t.getStackTrace()).isNotEmpty();
            pids.add(run(kind, () -> ProcessHandle.current().pid()));
        }
        pids.add(pid);
        assertThat(pids.stream().distinct()).hasSizeLessThanOrEqualTo(2);   // the same two workers throughout
        nextHundredWork(kind);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTaskThatLeavesItsThreadInterruptedDoesNotFailTheNext(Kind kind) {
        // Python has no interrupt flag; a task's leftovers must not reach the next task on the same worker
        for (int i = 0; i < 6; i++) {
            run(kind, () -> {
                java.lang.Thread.currentThread().interrupt();
                return 0;
            });
            assertThat(run(kind, () -> {
                java.lang.Thread.sleep(10);
                return 1;
            })).isEqualTo(1);
        }
        nextHundredWork(kind);
    }

    /** Idle workers of a closed pool serve the next pool while this property (milliseconds) allows. */
    private static final String SPARE_WORKER_MILLIS = "pyconcurrent.spareWorkerMillis";

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNeverReturningTaskIsStoppedAndTheNextPoolWorks(Kind kind) {
        // Python 3.14: terminate_workers() fails the running future with BrokenProcessPool and leaves the
        // executor shut down (new work refused); Pool.terminate() ends the workers. Nothing of the stopped
        // pool reaches the next one, even with idle workers handed over between pools.
        String spare = System.getProperty(SPARE_WORKER_MILLIS);
        System.setProperty(SPARE_WORKER_MILLIS, "2000");
        try {
            SharedEvent started = Multiprocessing.event();
            SerializableCallable<Integer> forever = () -> {
                started.set();
                java.lang.Thread.sleep(Long.MAX_VALUE);
                return 0;
            };
            if (kind == Kind.EXECUTOR) {
                ProcessPoolExecutor stopped = new ProcessPoolExecutor(2);
                Future<Integer> f = stopped.submit(forever);
                assertThat(started.await(60)).isTrue();
                stopped.terminateWorkers();
                assertThat(f.done()).isTrue();
                assertThat(f.exception()).isInstanceOf(BrokenProcessPoolException.class)
                        .hasMessageContaining("terminateWorkers()");
                assertThatThrownBy(() -> stopped.submit(() -> 1)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("cannot schedule new futures after shutdown");
                stopped.close();   // returns: the workers are gone
                assertThat(stopped.getLiveWorkers()).isZero();
            } else {
                Pool stopped = new Pool(2);
                AsyncResult<Integer> r = stopped.applyAsync(forever);
                assertThat(started.await(60)).isTrue();
                stopped.terminate();
                assertThat(catchThrowable(() -> r.get(60))).isInstanceOf(CancellationException.class);
                stopped.join();   // returns: the workers are gone
            }
            nextHundredWork(kind);   // a new pool of the same kind and options
        } finally {
            if (spare == null) {
                System.clearProperty(SPARE_WORKER_MILLIS);
            } else {
                System.setProperty(SPARE_WORKER_MILLIS, spare);
            }
        }
    }

    @Test
    void threadPoolsClearTheInterruptFlagBetweenTasks() {
        // the same on threads: ThreadPool and ThreadPoolExecutor workers start each task with a clear flag
        try (ThreadPool tp = new ThreadPool(1); ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            for (int i = 0; i < 5; i++) {
                tp.apply(() -> {
                    java.lang.Thread.currentThread().interrupt();
                    return 0;
                });
                assertThat(tp.apply(() -> {
                    java.lang.Thread.sleep(1);
                    return 1;
                })).isEqualTo(1);
                ex.submit(() -> java.lang.Thread.currentThread().interrupt()).result(10);
                assertThat(ex.submit(() -> {
                    java.lang.Thread.sleep(1);
                    return 1;
                }).result(10)).isEqualTo(1);
            }
        }
    }
}
