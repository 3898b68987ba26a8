package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Timer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A zero-interval {@link Timer} is started by one actor while another calls {@code cancel()}:
 * the timer's expiry and the cancel race. The arbiter joins the timer thread, then reports
 * (r1) how many times the function ran and (r2) whether the timer counts as cancelled in time.
 * Exactly one side must win: the function runs once and the cancel came too late, or it never
 * runs and the cancel won (SCENARIOS.md S5).
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The timer fired first: the function ran once and the late cancel() did nothing.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "cancel() won the race: the function never ran.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "The function ran although cancel() claims to have stopped the timer in time.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "The timer thread ended without firing and without being cancelled.")
@Outcome(id = "2, .*", expect = FORBIDDEN, desc = "The function ran twice.")
@State
public class Timer_01_CancelRacesFire {
    private int runs;   // written by the timer thread, read by the arbiter after join()
    private final Timer timer = new Timer(0.0, () -> runs++);

    @Actor
    public void starter() {
        timer.start();
    }

    @Actor
    public void canceller() {
        timer.cancel();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        timer.join();
        r.r1 = runs;
        r.r2 = timer.isCancelled() ? 1 : 0;
    }
}
