package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two threads each increment a plain counter once under a {@link Lock}
 * (SCENARIOS.md L3 with a lock). Compare {@link Lock_02_UnlockedCounter}.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments survive: the lock makes read-modify-write atomic.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "A lost update: the lock failed to exclude the other thread.")
@State
public class Lock_01_Counter {
    private final Lock lock = new Lock();
    private int counter;

    @Actor
    public void actor1() {
        lock.acquire();
        try {
            counter++;
        } finally {
            lock.release();
        }
    }

    @Actor
    public void actor2() {
        lock.acquire();
        try {
            counter++;
        } finally {
            lock.release();
        }
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = counter;
    }
}
