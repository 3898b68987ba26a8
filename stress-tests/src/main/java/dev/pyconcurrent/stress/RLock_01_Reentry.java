package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.RLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two threads each take an {@link RLock} twice (SCENARIOS.md L5: nested locking),
 * increment a plain counter inside the inner level, and release twice. Reentry must
 * neither deadlock nor let the other thread in while the outer level is still held,
 * and the lock must end up free. r1 = the counter, r2 = 1 if the lock was free afterwards.
 */
@JCStressTest
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "Both nested sections ran exclusively; the lock is free at the end.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "Lost update: reentry let the other thread in.")
@Outcome(id = "2, 0", expect = FORBIDDEN, desc = "A level was not released: the lock is still held.")
@State
public class RLock_01_Reentry {
    private final RLock lock = new RLock();
    private int counter;

    private void nested() {
        lock.acquire();
        try {
            if (!lock.acquire(false)) {   // the owner always gets in again
                return;
            }
            try {
                int c = counter;
                counter = c + 1;
            } finally {
                lock.release();
            }
        } finally {
            lock.release();
        }
    }

    @Actor
    public void actor1() {
        nested();
    }

    @Actor
    public void actor2() {
        nested();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = counter;
        boolean free = lock.acquire(false);
        if (free) {
            lock.release();
        }
        r.r2 = free ? 1 : 0;
    }
}
