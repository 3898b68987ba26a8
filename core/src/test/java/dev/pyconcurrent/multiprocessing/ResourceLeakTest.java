package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python: creating and closing multiprocessing objects in a loop leaves no threads, file descriptors,
 * memory or /dev/shm files behind. Each kind is created, used and closed many times; threads, fds,
 * heap (after GC) and /dev/shm entries must come back to where they were, within a small tolerance.
 */
class ResourceLeakTest {

    /** What one cycle creates, uses and closes. */
    enum Kind {
        /** {@code Pool} with an {@code applyAsync} callback (its callback thread). */
        POOL_WITH_CALLBACK(12),
        /** {@code ProcessPoolExecutor}. */
        PROCESS_POOL_EXECUTOR(12),
        /** {@code Manager} with a dict (its socket and this JVM's connections to it). */
        MANAGER(30),
        /** {@code Queue} left holding a 1 MB item when closed and dropped. */
        QUEUE(30),
        /** {@code SimpleQueue} left holding a 1 MB item when closed. */
        SIMPLE_QUEUE(30),
        /** {@code Pipe} with a 1 MB message never received. */
        PIPE(30),
        /** {@code Value} (a /dev/shm file). */
        VALUE(30),
        /** {@code Array} (a /dev/shm file). */
        ARRAY(30),
        /** {@code Lock}, {@code RLock}, {@code Semaphore}, {@code Event}, {@code Condition}, {@code Barrier}. */
        LOCKS_AND_SEMAPHORES(30);

        final int ciCycles;

        Kind(int ciCycles) {
            this.ciCycles = ciCycles;
        }
    }

    private static final byte[] MEGABYTE = new byte[1 << 20];

    static void cycle(Kind kind) {
        switch (kind) {
            case POOL_WITH_CALLBACK -> {
                AtomicInteger called = new AtomicInteger();
                Pool p = new Pool(1);
                AsyncResult<Integer> r = p.applyAsync(() -> 1, x -> called.incrementAndGet());
                assertThat(r.get(60)).isEqualTo(1);
                p.close();
                p.join();
                assertThat(called).hasValue(1);
            }
            case PROCESS_POOL_EXECUTOR -> {
                try (ProcessPoolExecutor ex = new ProcessPoolExecutor(1)) {
                    assertThat(ex.submit(() -> 2).result(60)).isEqualTo(2);
                }
            }
            case MANAGER -> {
                try (Manager m = Manager.start()) {
                    Map<String, Integer> d = m.dict();
                    d.put("a", 1);
                    List<Integer> l = m.list();
                    l.add(2);
                    assertThat(d.get("a") + l.get(0)).isEqualTo(3);
                }
            }
            case QUEUE -> {
                Queue<byte[]> q = new Queue<>();
                q.put(MEGABYTE);
                q.put(new byte[1]);
                assertThat(q.get(60)).hasSize(1 << 20);
                q.put(MEGABYTE);   // left in it
                q.close();
            }
            case SIMPLE_QUEUE -> {
                SimpleQueue<byte[]> q = new SimpleQueue<>();
                q.put(MEGABYTE);
                q.put(MEGABYTE);
                assertThat(q.get()).hasSize(1 << 20);
                q.close();
            }
            case PIPE -> {
                ConnectionPair p = Multiprocessing.pipe();
                p.first().send(MEGABYTE);
                p.first().send("x");
                assertThat(p.second().recv()).isInstanceOf(byte[].class);
                p.first().close();
                p.second().close();
            }
            case VALUE -> {
                Value v = Value.ofLong(1);
                v.setLong(2);
                assertThat(v.getLong()).isEqualTo(2);
                v.close();
            }
            case ARRAY -> {
                Array a = Array.ofLongs(1000);
                a.setLong(999, 5);
                assertThat(a.getLong(999)).isEqualTo(5);
                a.close();
            }
            case LOCKS_AND_SEMAPHORES -> {
                SharedLock lock = Multiprocessing.lock();
                assertThat(lock.acquire()).isTrue();
                lock.release();
                SharedLock rlock = Multiprocessing.rlock();
                assertThat(rlock.acquire()).isTrue();
                rlock.release();
                SharedSemaphore s = Multiprocessing.semaphore(1);
                assertThat(s.acquire()).isTrue();
                s.release();
                SharedEvent e = Multiprocessing.event();
                e.set();
                assertThat(e.isSet()).isTrue();
                SharedCondition c = Multiprocessing.condition();
                assertThat(c.acquire()).isTrue();
                c.signalAll();
                c.release();
                assertThat(Multiprocessing.barrier(1).await()).isZero();
            }
            default -> throw new AssertionError(kind);
        }
    }

    /** What is measured. */
    record Snapshot(int threads, int fds, long heap, int shm, int objects) {
        static Snapshot take() {
            long heap = heapAfterGc();   // first: the cleaners of unreachable objects then run
            return new Snapshot(ResourceLeakTest.threads(), ResourceLeakTest.fds(), heap, ResourceLeakTest.shm(),
                    Broker.local().objectCount());
        }

        @Override
        public String toString() {
            return String.format("threads %d, fds %d, heap %.1f MB, /dev/shm files %d, served objects %d", threads,
                    fds, heap / 1048576.0, shm, objects);
        }
    }

    static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    static int fds() {
        String[] l = new File("/proc/self/fd").list();
        return l == null ? -1 : l.length;
    }

    static int shm() {
        String[] l = new File("/dev/shm").list();
        return l == null ? 0 : l.length;
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Heap a run may keep: the JIT, class metadata on the heap, buffers that grow once. */
    private static final long HEAP_TOLERANCE = 16L << 20;

    static void check(Kind kind, int cycles) {
        for (int i = 0; i < 3; i++) {
            cycle(kind);   // first use starts the shared threads (servers, timers, cleaners)
        }
        Snapshot before = Snapshot.take();
        long t0 = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            cycle(kind);
        }
        long took = System.nanoTime() - t0;
        // threads of exited children and cleaners finish asynchronously: wait, bounded, for things to settle
        Snapshot[] after = new Snapshot[1];
        try {
            Waits.until("back to " + before, () -> {
                after[0] = Snapshot.take();
                return after[0].threads() <= before.threads() + 3 && after[0].fds() <= before.fds() + 4
                        && after[0].heap() <= before.heap() + HEAP_TOLERANCE && after[0].shm() <= before.shm()
                        && after[0].objects() <= before.objects();
            }, Duration.ofSeconds(60));
        } finally {
            System.out.printf("leak: %s x%d in %.1f s: before %s; after %s%n", kind, cycles, took / 1e9, before,
                    after[0]);
        }
        assertThat(after[0].fds()).isGreaterThan(0);
    }

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void createAndCloseLeavesNothingBehind(Kind kind) {
        // Python: each cycle's pipes, threads and memory are released once the object is closed or unreachable
        check(kind, kind.ciCycles);
    }

    @Tag("chaos")
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void twoHundredCyclesLeaveNothingBehind(Kind kind) {
        // the same over 200 cycles of each kind
        check(kind, 200);
    }
}
