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
 * A producer blocks in {@code put()} on a full {@code Queue(maxsize=1)}; {@code shutdown()}
 * must wake it with {@code ShutDownException} (Python 3.13: a blocked {@code put} raises
 * {@code ShutDown}).
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The blocked put() woke with ShutDownException.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The put() missed the shutdown wake-up and hangs.")
@State
public class Queue_05_ShutdownWakesPut {
    private final Queue<String> q = new Queue<>(1);

    public Queue_05_ShutdownWakesPut() {
        q.put("occupant");
    }

    @Actor
    public void producer() {
        try {
            q.put("blocked");
        } catch (ShutDownException expected) {
            // the way out: the queue was shut down
        }
    }

    @Signal
    public void shutdown() {
        q.shutdown();
    }
}
