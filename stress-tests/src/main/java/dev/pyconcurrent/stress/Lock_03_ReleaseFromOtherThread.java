package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@link Lock} has no owner: one actor acquires it, another releases it, and then it is
 * free again (Python allows this). The release may also come first, when the lock is
 * still unlocked; then it must fail and leave the acquire in force.
 * r1 = the second actor's release succeeded; r2 = the lock was free afterwards.
 */
@JCStressTest
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "Released by the other thread after the acquire: the lock is free again.")
@Outcome(id = "false, false", expect = ACCEPTABLE, desc = "The release came first and failed (release unlocked lock); the acquire still holds it.")
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "A successful release was lost: the lock stayed locked.")
@Outcome(id = "false, true", expect = FORBIDDEN, desc = "The release failed, yet the acquire was lost.")
@State
public class Lock_03_ReleaseFromOtherThread {
    private final Lock lock = new Lock();

    @Actor
    public void acquirer() {
        lock.acquire();
    }

    @Actor
    public void releaser(ZZ_Result r) {
        try {
            lock.release();
            r.r1 = true;
        } catch (IllegalStateException e) {
            r.r1 = false;
        }
    }

    @Arbiter
    public void arbiter(ZZ_Result r) {
        r.r2 = lock.acquire(false);
    }
}
