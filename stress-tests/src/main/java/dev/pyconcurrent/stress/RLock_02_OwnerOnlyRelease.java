package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.RLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Only the owner may release an {@link RLock}. One actor acquires and releases; the other,
 * which never acquires, tries to release at any moment: before, during or after the
 * owner's hold, it must fail with {@code IllegalMonitorStateException} and disturb nothing.
 * Compare {@link Lock_03_ReleaseFromOtherThread}, where a plain Lock allows it.
 * r1 = owner's release succeeded, r2 = intruder's release succeeded, r3 = lock free afterwards.
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "The intruder was refused; the owner released normally; the lock is free.")
@Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "A thread that does not own the RLock released it.")
@Outcome(id = "0, .*, .*", expect = FORBIDDEN, desc = "The owner's own release failed.")
@Outcome(id = "1, 0, 0", expect = FORBIDDEN, desc = "The lock stayed held after the owner's release.")
@State
public class RLock_02_OwnerOnlyRelease {
    private final RLock lock = new RLock();

    @Actor
    public void owner(III_Result r) {
        lock.acquire();
        try {
            lock.release();
            r.r1 = 1;
        } catch (IllegalMonitorStateException e) {
            r.r1 = 0;
        }
    }

    @Actor
    public void intruder(III_Result r) {
        try {
            lock.release();
            r.r2 = 1;
        } catch (IllegalMonitorStateException e) {
            r.r2 = 0;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        boolean free = lock.acquire(false);
        if (free) {
            lock.release();
        }
        r.r3 = free ? 1 : 0;
    }
}
