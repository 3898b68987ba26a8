package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link Event#set()} wakes a thread blocked in {@link Event#await()}, whether the set
 * comes before or after the wait starts (SCENARIOS.md S1).
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter saw the set and returned.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "A lost wake-up: the waiter stayed blocked after set().")
@State
public class Event_01_SetWakesAwait {
    private final Event event = new Event();

    @Actor
    public void waiter() {
        event.await();
    }

    @Signal
    public void signal() {
        event.set();
    }
}
