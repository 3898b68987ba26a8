package dev.pyconcurrent.stress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

/**
 * The flawed variant of {@link Lock_01_Counter}: the same increments without a lock.
 * On the JVM there is no interpreter lock, so the race of SCENARIOS.md L1–L3 is real.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "The increments happened not to overlap.")
@Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "Lost update: both read 0 and wrote 1 — why counters need a Lock.")
@State
public class Lock_02_UnlockedCounter {
    private int counter;

    @Actor
    public void actor1() {
        counter++;
    }

    @Actor
    public void actor2() {
        counter++;
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = counter;
    }
}
