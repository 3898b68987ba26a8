package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Semaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Three threads pass through a {@link Semaphore}; inside, each counts how many holders
 * are in at once (SCENARIOS.md L6: "five at a time"). The count may never exceed the
 * semaphore's value, and every unit must be back at the end.
 * r1 = the most holders seen at once, r2 = the semaphore's value afterwards.
 *
 * <p>jcstress runs a test only on a machine with at least as many CPUs as actors:
 * {@link Pair} (two actors) runs everywhere; {@link One} and {@link Two} (three actors)
 * need three CPUs or more and are skipped on smaller machines.
 */
public class Semaphore_01_NeverOverAdmits {

    /** Shared shape: acquire, count the holders inside, release. */
    abstract static class Base {
        final Semaphore sem;
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        Base(int value) {
            sem = new Semaphore(value);
        }

        void pass() {
            sem.acquire();
            try {
                int now = inside.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                inside.decrementAndGet();
            } finally {
                sem.release();
            }
        }

        void report(II_Result r) {
            r.r1 = most.get();
            r.r2 = sem.getValue();
        }
    }

    /** Semaphore(1) with two threads: mutual exclusion. */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "One holder at a time; the unit is back.")
    @Outcome(id = "2, .*", expect = FORBIDDEN, desc = "Over-admission: both threads inside a Semaphore(1).")
    @Outcome(id = "1, [^1]", expect = FORBIDDEN, desc = "The value was not restored by the releases.")
    @State
    public static class Pair extends Base {
        public Pair() {
            super(1);
        }

        @Actor
        public void actor1() {
            pass();
        }

        @Actor
        public void actor2() {
            pass();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            report(r);
        }
    }

    /** Semaphore(1) with three threads: mutual exclusion. */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "At most one holder at a time; the unit is back.")
    @Outcome(id = "[23], .*", expect = FORBIDDEN, desc = "Over-admission: more holders than the value 1.")
    @Outcome(id = "1, [^1]", expect = FORBIDDEN, desc = "The value was not restored by the releases.")
    @State
    public static class One extends Base {
        public One() {
            super(1);
        }

        @Actor
        public void actor1() {
            pass();
        }

        @Actor
        public void actor2() {
            pass();
        }

        @Actor
        public void actor3() {
            pass();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            report(r);
        }
    }

    /** Semaphore(2): two of the three may be inside together, never three. */
    @JCStressTest
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "The passes happened not to overlap.")
    @Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "Two holders overlapped, as the value 2 allows.")
    @Outcome(id = "3, .*", expect = FORBIDDEN, desc = "Over-admission: three holders with value 2.")
    @Outcome(id = "[12], [^2]", expect = FORBIDDEN, desc = "The value was not restored by the releases.")
    @State
    public static class Two extends Base {
        public Two() {
            super(2);
        }

        @Actor
        public void actor1() {
            pass();
        }

        @Actor
        public void actor2() {
            pass();
        }

        @Actor
        public void actor3() {
            pass();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            report(r);
        }
    }
}
