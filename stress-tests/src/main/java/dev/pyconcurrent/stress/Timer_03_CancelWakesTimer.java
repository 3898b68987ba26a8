package dev.pyconcurrent.stress;

import dev.pyconcurrent.threading.Timer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * An actor starts a {@link Timer} with a one-day interval and joins it; the signal cancels it.
 * cancel() must wake the sleeping timer thread so the join returns (Python: {@code cancel()}
 * sets the event the timer waits on), whether the cancel lands before or after start().
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "cancel() woke the timer thread and join() returned.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The timer kept sleeping its interval after cancel(); join() hung.")
@State
public class Timer_03_CancelWakesTimer {
    private final Timer timer = new Timer(86_400.0, () -> { });

    public Timer_03_CancelWakesTimer() {
        timer.setDaemon(true);   // a failing run must not keep the JVM alive
    }

    @Actor
    public void startAndJoin() {
        timer.start();
        timer.join();
    }

    @Signal
    public void cancel() {
        timer.cancel();
    }
}
