package dev.pyconcurrent.stress;

import dev.pyconcurrent.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A producer blocks in {@code join()} on one unfinished item; the consumer's
 * {@code get()} + {@code taskDone()} must release it (Python: {@code q.join()} returns
 * when every put item was {@code task_done()}).
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "join() returned after the consumer's taskDone().")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "join() missed the wake-up from taskDone() and hangs.")
@State
public class Queue_03_JoinTerminates {
    private final Queue<String> q = new Queue<>();

    public Queue_03_JoinTerminates() {
        q.put("job");
    }

    @Actor
    public void producer() {
        q.join();
    }

    @Signal
    public void consumer() {
        q.get();
        q.taskDone();
    }
}
