package dev.pyconcurrent.stress;

import dev.pyconcurrent.futures.SettableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** A thread blocked in {@code result()} is woken by {@code setResult} (no lost wake-up). */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "setResult woke the waiting result().")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "result() missed the completion and waits forever.")
@State
public class Future_03_ResultWakes {
    private final SettableFuture<String> future = new SettableFuture<>();

    @Actor
    public void waiter() {
        future.result();
    }

    @Signal
    public void complete() {
        future.setResult("done");
    }
}
