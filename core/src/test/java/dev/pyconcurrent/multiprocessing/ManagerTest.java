package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagerTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void tenProcessesWriteIntoASharedDictAndAppendToASharedList() {
        // Python P7: with Manager() as m: d = m.dict(); l = m.list(); ten processes fill them
        try (Manager m = Manager.start()) {
            Map<Integer, Integer> d = m.dict();
            List<Integer> l = m.list();
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                ps.add(new Process(() -> {
                    d.put(n, n * n);
                    l.add(n);
                }));
            }
            ps.forEach(Process::start);
            for (Process p : ps) {
                p.join();
                assertThat(p.getExitcode()).isZero();
            }
            assertThat(d).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(d.get(i)).isEqualTo(i * i);
            }
            assertThat(l).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void incrementsOfADictEntryUnderAManagerLockLoseNothing() {
        // Python: with lock: d['n'] += 1 in several processes gives the exact total
        try (Manager m = Manager.start()) {
            Map<String, Integer> d = m.dict();
            SharedLock lock = m.lock();
            d.put("n", 0);
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ps.add(new Process(() -> {
                    for (int k = 0; k < 10_000; k++) {
                        try (var h = lock.hold()) {
                            d.put("n", d.get("n") + 1);
                        }
                    }
                }));
            }
            ps.forEach(Process::start);
            for (Process p : ps) {
                p.join();
                assertThat(p.getExitcode()).isZero();
            }
            assertThat(d.get("n")).isEqualTo(40_000);
        }
    }

    @Test
    void proxiesBehaveAsMapAndList() {
        // Python: DictProxy / ListProxy support the usual mapping and sequence operations
        try (Manager m = Manager.start()) {
            Map<String, Integer> d = m.dict();
            assertThat(d.put("a", 1)).isNull();
            assertThat(d.put("a", 2)).isEqualTo(1);
            assertThat(d.putIfAbsent("b", 3)).isNull();
            assertThat(d.containsKey("b")).isTrue();
            assertThat(d.containsValue(2)).isTrue();
            assertThat(d.remove("b")).isEqualTo(3);
            d.putAll(Map.of("c", 4));
            assertThat(d).isEqualTo(Map.of("a", 2, "c", 4));
            assertThat(d.keySet()).containsExactlyInAnyOrder("a", "c");
            d.clear();
            assertThat(d.isEmpty()).isTrue();

            List<String> l = m.list();
            l.add("x");
            l.add("z");
            l.add(1, "y");
            assertThat(l).containsExactly("x", "y", "z");
            assertThat(l.set(0, "w")).isEqualTo("x");
            assertThat(l.remove(2)).isEqualTo("z");
            assertThat(l.get(1)).isEqualTo("y");
            assertThat(l.toString()).isEqualTo("[w, y]");
            assertThatThrownBy(() -> l.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void managerQueueEventAndSemaphoreWorkInAChild() {
        // Python: m.Queue(), m.Event(), m.Semaphore() proxies work in child processes
        try (Manager m = Manager.start()) {
            Queue<String> q = m.queue();
            SharedEvent e = m.event();
            SharedSemaphore s = m.semaphore(0);
            SharedBarrier b = m.barrier(2);
            SharedCondition c = m.condition();
            Process p = new Process(() -> {
                q.put("from child");
                e.set();
                s.release();
                b.await(60);
                try (var h = c.hold()) {
                    c.signalAll();
                }
            });
            p.start();
            assertThat(q.get(60)).isEqualTo("from child");
            assertThat(e.await(60)).isTrue();
            assertThat(s.acquire(60)).isTrue();
            assertThat(b.await(60)).isBetween(0, 1);
            p.join();
            assertThat(p.getExitcode()).isZero();
        }
    }

    @Test
    void afterCloseProxiesFailInsteadOfWaiting() {
        // Python: after manager.shutdown(), using a proxy raises instead of hanging
        Manager m = Manager.start();
        Map<String, Integer> d = m.dict();
        Queue<String> q = m.queue();
        SharedLock lock = m.lock();
        d.put("a", 1);
        m.close();
        assertThat(m.isClosed()).isTrue();
        String shutDown = "this Manager has been shut down";
        assertThatThrownBy(() -> d.get("a")).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(shutDown);
        assertThatThrownBy(q::get).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(shutDown);
        assertThatThrownBy(() -> lock.acquire(1.0)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(shutDown);
        assertThatThrownBy(m::dict).isInstanceOf(IllegalStateException.class);
        m.close();
    }

    @Test
    void aChildKilledHoldingAManagerLockOrWaitingInAManagerQueueBlocksNoOne() {
        // Python: a process dying mid-operation must not leave the others blocked forever
        try (Manager m = Manager.start()) {
            SharedLock lock = m.lock();
            Map<String, Integer> d = m.dict();
            Queue<Integer> q = m.queue();
            Process p = new Process(() -> {
                lock.acquire();
                d.put("holding", 1);
                new java.lang.Thread(() -> q.get()).start();
                q.get();
            });
            p.start();
            Waits.until("the child holds the lock and waits in get", () -> d.containsKey("holding")
                    && ProcessQueueTest.waitingGets() == 2);
            assertThat(lock.acquire(false)).isFalse();
            p.kill();
            p.join();
            assertThat(lock.acquire(60)).as("the dead child's lock is released").isTrue();
            lock.release();
            Waits.until("the dead child's gets are cancelled", () -> ProcessQueueTest.waitingGets() == 0);
            q.put(5);
            assertThat(q.get(60)).as("the item goes to a live consumer").isEqualTo(5);
            d.put("after", 2);
            assertThat(d).containsEntry("after", 2).containsEntry("holding", 1);
        }
    }
}
