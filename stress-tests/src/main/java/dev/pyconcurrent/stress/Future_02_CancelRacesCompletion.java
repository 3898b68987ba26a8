package dev.pyconcurrent.stress;

import dev.pyconcurrent.futures.SettableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A user's {@code cancel()} races the executor's {@code setRunningOrNotifyCancel()} + {@code setResult(7)}
 * on a pending future. Exactly one wins, and every party agrees on which: r1 = cancel() returned true,
 * r2 = the executor ran the task, r3 = final state (1 cancelled, 2 finished with 7).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "Cancel won: the task never ran and the future is cancelled.")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "The executor won: cancel() failed on a running/finished future, result 7.")
@Outcome(expect = FORBIDDEN, desc = "Both or neither won, or the final state contradicts the return values.")
@State
public class Future_02_CancelRacesCompletion {
    private final SettableFuture<Integer> future = new SettableFuture<>();

    @Actor
    public void user(III_Result r) {
        r.r1 = future.cancel() ? 1 : 0;
    }

    @Actor
    public void executor(III_Result r) {
        if (future.setRunningOrNotifyCancel()) {
            future.setResult(7);
            r.r2 = 1;
        } else {
            r.r2 = 0;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        if (future.cancelled()) {
            r.r3 = 1;
        } else if (future.done() && future.result() == 7) {
            r.r3 = 2;
        } else {
            r.r3 = 0;
        }
    }
}
