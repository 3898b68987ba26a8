package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's owner waiting in {@code get()} reads the connection of the child that put last itself (the object
 * server lends it the connection): whatever happens meanwhile, the wait ends as it would without.
 */
class QueueLeadTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    /** The child: answers commands from {@code in} on {@code out} until "stop"; "lock" takes and gives back the lock. */
    private static void child(Queue<java.io.Serializable> in, Queue<java.io.Serializable> out, SharedLock lock) {
        while (true) {
            Object o = in.get();
            if ("stop".equals(o)) {
                return;
            } else if ("silent".equals(o)) {
                continue;
            } else if ("lock".equals(o)) {
                lock.acquire();   // a call on another object of the owner while it waits on the queue
                lock.release();
                out.put("after lock");
            } else if ("big".equals(o)) {
                byte[] b = new byte[1 << 20];
                Arrays.fill(b, (byte) 7);
                out.put(b);
            } else {
                out.put("echo " + o);
            }
        }
    }

    /** The two queues and the child between them, which has put once (its connection now feeds {@code out}). */
    private record Echo(Queue<java.io.Serializable> in, Queue<java.io.Serializable> out, Process process) {
        static Echo start(SharedLock lock) {
            Queue<java.io.Serializable> in = new Queue<>();
            Queue<java.io.Serializable> out = new Queue<>();
            Process p = new Process(() -> child(in, out, lock));
            p.start();
            in.put("hello");
            assertThat(out.get()).isEqualTo("echo hello");
            return new Echo(in, out, p);
        }

        void stop() {
            in.put("stop");
            process.join();
            assertThat(process.getExitcode()).isZero();
        }
    }

    /** A thread getting once from {@code q}, and what it got: the item, or what its {@code get} threw. */
    private record Getter(java.lang.Thread thread, CompletableFuture<Object> outcome) {
        static Getter start(Queue<java.io.Serializable> q) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            java.lang.Thread t = new java.lang.Thread(() -> {
                try {
                    outcome.complete(q.get());
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            }, "getter");
            t.start();
            Leaders.awaitLeading(t);
            return new Getter(t, outcome);
        }

        Object got() throws Exception {
            return outcome.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOwnersGetReadsTheFeedingChildsConnectionAndRoundTripsStayInOrder() throws Exception {
        Echo e = Echo.start(Multiprocessing.lock());
        Getter getter = Getter.start(e.out());
        e.in().put(1);
        assertThat(getter.got()).isEqualTo("echo 1");
        for (int i = 0; i < 2_000; i++) {
            e.in().put(i);
            assertThat(e.out().get()).isEqualTo("echo " + i);
        }
        e.stop();
    }

    @Test
    void noPutIsMissedByAGetThatParksAtTheSameTime() throws Exception {
        // the child's get (parked in the owner's queue) races the owner's put on every round trip
        Echo e = Echo.start(Multiprocessing.lock());
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < 20_000; i++) {
                e.in().put(i);
                assertThat(e.out().get()).isEqualTo("echo " + i);
            }
            return 20_000;
        });
        assertThat(done.get(120, TimeUnit.SECONDS)).isEqualTo(20_000);
        e.stop();
    }

    @Test
    void aPutFromAnotherThreadOfTheOwnerEndsTheWait() throws Exception {
        Echo e = Echo.start(Multiprocessing.lock());
        Getter getter = Getter.start(e.out());
        e.out().put("from the owner");
        assertThat(getter.got()).isEqualTo("from the owner");
        e.stop();
    }

    @Test
    void theChildsCallsOnOtherObjectsAreServedWhileTheOwnerWaits() throws Exception {
        SharedLock lock = Multiprocessing.lock();
        Echo e = Echo.start(lock);
        lock.acquire();
        Getter getter = Getter.start(e.out());
        e.in().put("lock");   // the child asks for the lock: a call that the getter reads
        lock.release();
        assertThat(getter.got()).isEqualTo("after lock");
        e.stop();
    }

    @Test
    void anItemLargerThanTheReadBufferArrivesWhole() {
        Echo e = Echo.start(Multiprocessing.lock());
        for (int i = 0; i < 3; i++) {
            e.in().put("big");
            byte[] b = (byte[]) e.out().get();
            assertThat(b).hasSize(1 << 20);
            assertThat(b[0]).isEqualTo((byte) 7);
            assertThat(b[b.length - 1]).isEqualTo((byte) 7);
        }
        e.in().put(2);
        assertThat(e.out().get()).isEqualTo("echo 2");
        e.stop();
    }

    @Test
    void anInterruptedWaitLeavesTheConnectionInStep() throws Exception {
        Echo e = Echo.start(Multiprocessing.lock());
        Getter getter = Getter.start(e.out());
        getter.thread().interrupt();
        assertThat(getter.got()).isInstanceOf(ThreadInterruptedException.class);
        e.in().put(3);
        assertThat(e.out().get()).isEqualTo("echo 3");
        e.stop();
    }

    @Test
    void theChildsDeathLeavesTheGetterWaitingForAnotherPutter() throws Exception {
        Echo e = Echo.start(Multiprocessing.lock());
        Getter getter = Getter.start(e.out());
        e.process().kill();
        e.process().join();
        // a queue has no end of file (Python's get() waits on): the next put from anywhere reaches the getter
        Waits.until("the getter stops reading the dead child's connection", () -> !Leaders.leads(getter.thread()));
        assertThat(getter.outcome()).isNotDone();
        e.out().put("after the death");
        assertThat(getter.got()).isEqualTo("after the death");
    }

    @Test
    void gettersOnShortLivedThreadsLeaveNothingOpen() throws Exception {
        Echo e = Echo.start(Multiprocessing.lock());
        long left = Leaders.descriptorsLeftByThreads(100, k -> {
            e.in().put(k);
            return e.out().get();   // leads the child's connection while it waits
        }, k -> "echo " + k);
        assertThat(left).as("file descriptors left by 100 threads that got an item").isLessThan(20);
        e.stop();
    }
}
