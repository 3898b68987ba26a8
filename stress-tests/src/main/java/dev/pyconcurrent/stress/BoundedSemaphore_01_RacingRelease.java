package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.BoundedSemaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@code BoundedSemaphore(1)} acquired once has room for exactly one release. Two
 * threads race to release it: exactly one must succeed and the other must get
 * "Semaphore released too many times", because the bound is checked in the same atomic
 * step that adds to the value. Compare {@link BoundedSemaphore_02_CheckThenRelease}.
 * r1, r2 = each release succeeded, r3 = the value afterwards.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "One release went through, the other was refused; value back at 1.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both releases went through: the bound was broken.")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "Both were refused although there was room for one.")
@Outcome(expect = FORBIDDEN, desc = "The value does not match the successful releases.")
@State
public class BoundedSemaphore_01_RacingRelease {
    private final BoundedSemaphore sem = new BoundedSemaphore(1);

    public BoundedSemaphore_01_RacingRelease() {
        sem.acquire();
    }

    private int tryRelease() {
        try {
            sem.release();
            return 1;
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    @Actor
    public void actor1(III_Result r) {
        r.r1 = tryRelease();
    }

    @Actor
    public void actor2(III_Result r) {
        r.r2 = tryRelease();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = sem.getValue();
    }
}
