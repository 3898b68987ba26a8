package dev.pyconcurrent.stress;

import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.ShutDownException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A consumer blocks in {@code get()} on an empty queue; {@code shutdown()} must wake it
 * with {@code ShutDownException} (Python 3.13: a blocked {@code get} raises {@code ShutDown}).
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The blocked get() woke with ShutDownException.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The get() missed the shutdown wake-up and hangs.")
@State
public class Queue_04_ShutdownWakesGet {
    private final Queue<String> q = new Queue<>();

    @Actor
    public void consumer() {
        try {
            q.get();
        } catch (ShutDownException expected) {
            // the way out: the queue was shut down
        }
    }

    @Signal
    public void shutdown() {
        q.shutdown();
    }
}
