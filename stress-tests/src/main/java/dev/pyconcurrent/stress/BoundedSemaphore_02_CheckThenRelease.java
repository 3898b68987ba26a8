package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Semaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

/**
 * The flawed variant of {@link BoundedSemaphore_01_RacingRelease}: a plain
 * {@link Semaphore} guarded by "check the value, then release". Both threads can see
 * room for one and both release, so the bound of 1 is exceeded — why the bound check
 * must be part of the atomic release.
 * r1, r2 = each release went through, r3 = the value afterwards.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "The checks happened not to overlap: one release, one refusal.")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE_INTERESTING, desc = "Both saw room for one and both released: the bound is broken.")
@State
public class BoundedSemaphore_02_CheckThenRelease {
    private static final int BOUND = 1;
    private final Semaphore sem = new Semaphore(0);

    private int checkThenRelease() {
        if (sem.getValue() < BOUND) {
            sem.release();
            return 1;
        }
        return 0;
    }

    @Actor
    public void actor1(III_Result r) {
        r.r1 = checkThenRelease();
    }

    @Actor
    public void actor2(III_Result r) {
        r.r2 = checkThenRelease();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = sem.getValue();
    }
}
