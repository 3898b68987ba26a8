package dev.pyconcurrent.futures;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ThreadPoolExecutor.virtual(): a Python ThreadPoolExecutor whose workers are virtual threads (JDK 21+). */
class VirtualThreadPoolExecutorTest {

    static boolean jdk21() {
        return Runtime.version().feature() >= 21;
    }

    static boolean isVirtual(java.lang.Thread t) {
        try {
            return (Boolean) java.lang.Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void onJdk17TheFactoriesFailNamingTheJdkNeeded() {
        // Python has no virtual threads: on a JDK without them the factory fails at once, saying what is needed
        assumeTrue(!jdk21(), "runs only on JDK 17 to 20");
        assertThatThrownBy(ThreadPoolExecutor::virtual).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK 21").hasMessageContaining(Runtime.version().toString());
        assertThatThrownBy(() -> ThreadPoolExecutor.virtual(4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK 21");
    }

    @Test
    void aThousandWaitingTasksAllRunAtOnceOnVirtualWorkers() throws Exception {
        // Python: ThreadPoolExecutor(max_workers=1000) runs 1000 waiting tasks at once; here without 1000 OS threads
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        int n = 1000;
        CountDownLatch allStarted = new CountDownLatch(n);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        AtomicInteger virtualWorkers = new AtomicInteger();
        try (ThreadPoolExecutor ex = ThreadPoolExecutor.virtual()) {
            assertThat(ex.isVirtual()).isTrue();
            assertThat(ex.toString()).contains("virtual");
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int x = i;
                fs.add(ex.submit(() -> {
                    java.lang.Thread me = java.lang.Thread.currentThread();
                    workers.add(me.getName());
                    if (isVirtual(me)) {
                        virtualWorkers.incrementAndGet();
                    }
                    allStarted.countDown();
                    // only returns once every task is running at the same time
                    if (!allStarted.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("not all tasks ran at once");
                    }
                    return x * 2;
                }));
            }
            for (int i = 0; i < n; i++) {
                assertThat(fs.get(i).result(Duration.ofSeconds(90))).isEqualTo(2 * i);
            }
        }
        assertThat(virtualWorkers).hasValue(n);
        assertThat(workers).hasSize(n).allMatch(name -> name.matches("ThreadPoolExecutor-\\d+_\\d+"));
    }

    @Test
    void maxWorkersCapsHowManyRunAtOnce() throws Exception {
        // Python: ThreadPoolExecutor(max_workers=4) never runs more than 4 tasks at once
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        Set<String> workers = ConcurrentHashMap.newKeySet();
        try (ThreadPoolExecutor ex = ThreadPoolExecutor.virtual(4, "io", null)) {
            List<Future<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                fs.add(ex.submit(() -> {
                    workers.add(java.lang.Thread.currentThread().getName());
                    running.incrementAndGet();
                    release.await(60, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return null;
                }));
            }
            Waits.until("four tasks running", () -> running.get() == 4);
            release.countDown();
            for (Future<Void> f : fs) {
                f.result(Duration.ofSeconds(60));
            }
            assertThat(ex.getMaxWorkers()).isEqualTo(4);
        }
        assertThat(workers).hasSizeLessThanOrEqualTo(4).allMatch(name -> name.startsWith("io_"));
    }

    @Test
    void shutdownAndBadArgumentsBehaveAsForPlatformWorkers() {
        // Python: submit after shutdown raises RuntimeError; max_workers <= 0 raises ValueError
        assumeTrue(jdk21(), "virtual threads need JDK 21");
        ThreadPoolExecutor ex = ThreadPoolExecutor.virtual();
        assertThat(ex.submit(() -> "done").result()).isEqualTo("done");
        assertThat(ex.map((Integer x) -> x + 1, List.of(1, 2, 3)).toList()).containsExactly(2, 3, 4);
        ex.shutdown();
        assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        assertThatThrownBy(() -> ThreadPoolExecutor.virtual(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_workers must be greater than 0");
        assertThat(new ThreadPoolExecutor(1).isVirtual()).isFalse();
    }
}
