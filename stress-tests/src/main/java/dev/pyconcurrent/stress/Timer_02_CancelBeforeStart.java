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
 * One actor cancels a zero-interval {@link Timer} and then starts it, while a second actor
 * cancels it too. Every cancel() happens before the timer could fire, so the function must
 * never run. Compare {@link Timer_01_CancelRacesFire}, where the cancel really races.
 * Reported: (r1) how many times the function ran, (r2) whether the timer counts as cancelled.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "Cancelled before start(): the function never ran.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "The function ran although cancel() came before start().")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "The cancel was lost: the timer no longer counts as cancelled.")
@State
public class Timer_02_CancelBeforeStart {
    private int runs;   // written by the timer thread, read by the arbiter after join()
    private final Timer timer = new Timer(0.0, () -> runs++);

    @Actor
    public void cancelThenStart() {
        timer.cancel();
        timer.start();
    }

    @Actor
    public void cancelAgain() {
        timer.cancel();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        timer.join();
        r.r1 = runs;
        r.r2 = timer.isCancelled() ? 1 : 0;
    }
}
