package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads submitting at once to pipelined workers: every result belongs to its own task. Python:
 * apply_async and submit from several threads each get their own result.
 */
class PipeliningTest {
    private static Pool pool;
    private static ProcessPoolExecutor executor;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
        executor = new ProcessPoolExecutor(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
        pool.join();
        executor.shutdown(true);
        ChildJvms.assertNoChildrenLeft();
    }

    @RepeatedTest(3)
    void concurrentSubmittersEachGetTheirOwnResults() throws Exception {
        // Python: results of apply_async / submit from several threads at once match their calls
        int threads = 4;
        int perThread = 1_500;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * 1_000_000;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    List<AsyncResult<Integer>> rs = new ArrayList<>();
                    List<Future<Integer>> fs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int x = base + i;
                        rs.add(pool.applyAsync(() -> x + 1));
                        fs.add(executor.submit(() -> x * 2));
                    }
                    for (int i = 0; i < perThread; i++) {
                        assertThat(rs.get(i).get(60)).isEqualTo(base + i + 1);
                        assertThat(fs.get(i).result(60)).isEqualTo((base + i) * 2);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) {
            th.join(120_000);
            assertThat(th.isAlive()).isFalse();
        }
        assertThat(failures).isEmpty();
    }
}
