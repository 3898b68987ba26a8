package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Barrier;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Threads meet at a {@link Barrier} with an action (SCENARIOS.md S6). All are released,
 * each with a distinct arrival index, and the action ran exactly once, before any of them
 * returned: each thread counts the actions it sees on return, and the arbiter sums them.
 *
 * <p>jcstress runs a test only on a machine with at least as many CPUs as actors:
 * {@link Two} runs everywhere, {@link Three} needs three CPUs or more.
 */
public class Barrier_01_DistinctIndices {

    /** A Barrier whose action counts its runs. */
    abstract static class Base {
        private int actions;   // written by the action, under the barrier's lock
        final Barrier barrier;
        final AtomicInteger seen = new AtomicInteger();

        Base(int parties) {
            barrier = new Barrier(parties, () -> actions++);
        }

        int pass() {
            int index = barrier.await();
            seen.addAndGet(actions);
            return index;
        }
    }

    /** Two parties. r1, r2 = the indices, r3 = actions seen, summed (2 = both saw the one action). */
    @JCStressTest
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE,
            desc = "Distinct indices; the action ran once, before both were released.")
    @Outcome(expect = FORBIDDEN, desc = "Duplicate index, or the action was missed or ran more than once.")
    @State
    public static class Two extends Base {
        public Two() {
            super(2);
        }

        @Actor
        public void actor1(III_Result r) {
            r.r1 = pass();
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = pass();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = seen.get();
        }
    }

    /** Three parties. r1..r3 = the indices, r4 = actions seen, summed (3 = all saw the one action). */
    @JCStressTest
    @Outcome(id = {"0, 1, 2, 3", "0, 2, 1, 3", "1, 0, 2, 3", "1, 2, 0, 3", "2, 0, 1, 3", "2, 1, 0, 3"},
            expect = ACCEPTABLE, desc = "Distinct indices; the action ran once, before everyone's release.")
    @Outcome(expect = FORBIDDEN, desc = "Duplicate index, or the action was missed or ran more than once.")
    @State
    public static class Three extends Base {
        public Three() {
            super(3);
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = pass();
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = pass();
        }

        @Actor
        public void actor3(IIII_Result r) {
            r.r3 = pass();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = seen.get();
        }
    }
}
