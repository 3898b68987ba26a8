package dev.pyconcurrent.stress;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Condition;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@link Condition#signal()} wakes a thread in {@link Condition#waitFor}. The signal
 * may come before the wait starts: a bare {@code await()} would then block forever (the
 * notification is not remembered, in Python as here), so the waiter waits for a
 * predicate that the signaller sets under the lock — the correct way to use a condition.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter saw ready == true (at once, or after the signal) and returned.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "A lost wake-up: the waiter stayed blocked although ready was set and signalled.")
@State
public class Condition_01_SignalWakesWaiter {
    private final Condition cond = new Condition();
    private boolean ready;   // guarded by cond

    @Actor
    public void waiter() {
        try (Held h = cond.hold()) {
            cond.waitFor(() -> ready);
        }
    }

    @Signal
    public void signal() {
        try (Held h = cond.hold()) {
            ready = true;
            cond.signal();
        }
    }
}
