package dev.pyconcurrent.threading;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarrierTest {

    @Test
    void partiesBelowOneAreRejected() {
        // Python: Barrier(0) raises ValueError
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(-3, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(2, null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Barrier(4).getParties()).isEqualTo(4);
    }

    @Test
    void arrivalIndicesInArrivalOrder() {
        // Python BarrierTests.test_wait_return: wait() returns 0 for the first arrival .. parties-1 for the last
        Barrier barrier = new Barrier(3);
        Bg<Integer> a = Bg.call("a", barrier::await);
        Waits.until("a waiting", () -> barrier.getNWaiting() == 1);
        Bg<Integer> b = Bg.call("b", () -> barrier.await(30.0));
        Waits.until("b waiting", () -> barrier.getNWaiting() == 2);
        assertThat(barrier.await()).isEqualTo(2);
        assertThat(a.get()).isZero();
        assertThat(b.get()).isEqualTo(1);
        Waits.until("drained", () -> barrier.getNWaiting() == 0);
    }

    @Test
    void severalRoundsDistinctIndicesActionOncePerRound() {
        // Python BarrierTests.test_barrier / test_action: each pass releases all, action runs once per pass first
        int parties = 4;
        int rounds = 5;
        AtomicInteger actions = new AtomicInteger();
        Barrier barrier = new Barrier(parties, actions::incrementAndGet);
        List<Bg<List<Integer>>> threads = new ArrayList<>();
        List<Integer> seenActions = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < parties; t++) {
            threads.add(Bg.call("party-" + t, () -> {
                List<Integer> indices = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    indices.add(barrier.await(30.0));
                    seenActions.add(actions.get() - (r + 1));
                }
                return indices;
            }));
        }
        List<List<Integer>> results = new ArrayList<>();
        threads.forEach(t -> results.add(t.get()));
        assertThat(actions.get()).isEqualTo(rounds);
        for (int r = 0; r < rounds; r++) {
            int round = r;
            assertThat(results.stream().map(l -> l.get(round))).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
        // After round r every party saw at least r+1 actions (the action ran before release).
        assertThat(seenActions).allMatch(d -> d >= 0);
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void singlePartyPassesAtOnce() {
        // Python BarrierTests.test_single_thread: Barrier(1).wait() returns 0 and runs the action
        AtomicInteger actions = new AtomicInteger();
        Barrier barrier = new Barrier(1, actions::incrementAndGet);
        assertThat(barrier.await()).isZero();
        assertThat(barrier.await(0.0)).isZero();
        assertThat(actions.get()).isEqualTo(2);
    }

    @Test
    void actionExceptionBreaksBarrier() {
        // Python BarrierTests.test_abort via failing action: the last party gets the action's error, others BrokenBarrierError
        Barrier barrier = new Barrier(2, () -> {
            throw new IllegalStateException("action failed");
        });
        Bg<Integer> other = Bg.call("other", barrier::await);
        Waits.until("other waiting", () -> barrier.getNWaiting() == 1);
        assertThatThrownBy(barrier::await).isInstanceOf(IllegalStateException.class).hasMessage("action failed");
        assertThat(other.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void timeoutBreaksBarrierForEveryone() {
        // Python BarrierTests.test_timeout: a timed-out wait breaks the barrier; all waiters get BrokenBarrierError
        Barrier barrier = new Barrier(3);
        Bg<Integer> patient = Bg.call("patient", barrier::await);
        Waits.until("patient waiting", () -> barrier.getNWaiting() == 1);
        assertThatThrownBy(() -> barrier.await(0.05)).isInstanceOf(BrokenBarrierException.class);
        assertThat(patient.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThat(barrier.getNWaiting()).isZero();
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(5))).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void defaultTimeoutApplies() {
        // Python BarrierTests.test_default_timeout: Barrier(n, timeout=t).wait() breaks after t
        Barrier barrier = new Barrier(2, null, Duration.ofMillis(50));
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void abortWakesWaitersUntilReset() {
        // Python BarrierTests.test_abort: abort() raises BrokenBarrierError in waiters and later callers until reset()
        Barrier barrier = new Barrier(3);
        Bg<Integer> a = Bg.call("a", barrier::await);
        Bg<Integer> b = Bg.call("b", () -> barrier.await(30.0));
        Waits.until("2 waiting", () -> barrier.getNWaiting() == 2);
        barrier.abort();
        assertThat(a.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        fullRound(barrier);
    }

    @Test
    void resetWakesWaitersWithBrokenBarrier() {
        // Python BarrierTests.test_reset: reset() while threads wait raises BrokenBarrierError in them; then usable
        Barrier barrier = new Barrier(3);
        Bg<Integer> a = Bg.call("a", barrier::await);
        Bg<Integer> b = Bg.call("b", barrier::await);
        Waits.until("2 waiting", () -> barrier.getNWaiting() == 2);
        barrier.reset();
        assertThat(a.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isFalse();
        fullRound(barrier);
    }

    @Test
    void interruptedWaiterBreaksBarrier() {
        // API.md §1: interrupting a waiter -> ThreadInterruptedException (flag set), and the others cannot trip it
        Barrier barrier = new Barrier(3);
        Bg<Integer> a = Bg.call("a", barrier::await);
        Bg<Integer> b = Bg.call("b", () -> barrier.await(Duration.ofSeconds(30)));
        Waits.until("2 waiting", () -> barrier.getNWaiting() == 2);
        a.thread.interrupt();
        assertThat(a.failure()).isInstanceOf(ThreadInterruptedException.class);
        assertThat(a.interruptedAtEnd).isTrue();
        assertThat(b.failure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void awaitEnteredInterruptedThrowsAtOnce() {
        // API.md §1: a blocking call entered with the interrupt flag set throws at once, flag kept
        Barrier barrier = new Barrier(2);
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(barrier::await).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            java.lang.Thread.interrupted();
        }
        assertThat(barrier.getNWaiting()).isZero();
    }

    @Test
    void badTimeoutsAreRejected() {
        // Python: negative timeout -> ValueError (API.md §1)
        Barrier barrier = new Barrier(2);
        assertThatThrownBy(() -> barrier.await(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void reprShowsWaitersOrBroken() {
        // Python: repr(Barrier) shows waiters=n/parties, or broken
        Barrier barrier = new Barrier(3);
        assertThat(barrier.toString()).endsWith(": waiters=0/3>");
        barrier.abort();
        assertThat(barrier.toString()).endsWith(": broken>");
    }

    /** Runs one complete round with parties threads and checks the indices. */
    private static void fullRound(Barrier barrier) {
        List<Bg<Integer>> parties = new ArrayList<>();
        for (int i = 0; i < barrier.getParties(); i++) {
            parties.add(Bg.call("round-" + i, () -> barrier.await(30.0)));
        }
        List<Integer> indices = new ArrayList<>();
        parties.forEach(p -> indices.add(p.get()));
        assertThat(indices).containsExactlyInAnyOrder(0, 1, 2);
    }
}
