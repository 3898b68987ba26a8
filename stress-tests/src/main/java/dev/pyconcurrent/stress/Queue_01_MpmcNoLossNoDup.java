package dev.pyconcurrent.stress;

import dev.pyconcurrent.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers and two consumers on one queue: each of two threads puts its own item
 * and then takes one with a blocking {@code get()} (so the test runs on two CPUs and no
 * {@code get} can wait for an item that never comes). Every item must be taken exactly
 * once, whatever the interleaving (Python: {@code queue.Queue} is a multi-producer,
 * multi-consumer queue).
 * Results: item taken by thread 1, item taken by thread 2, items left afterwards.
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "Each thread took one item (its own, or the FIFO order gave it that one); nothing left.")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "The threads took each other's items; nothing left.")
@Outcome(expect = FORBIDDEN, desc = "An item was duplicated or lost: both threads saw the same item, or one is left behind.")
@State
public class Queue_01_MpmcNoLossNoDup {
    private final Queue<Integer> q = new Queue<>();

    @Actor
    public void producerConsumer1(III_Result r) {
        q.put(1);
        r.r1 = q.get();
    }

    @Actor
    public void producerConsumer2(III_Result r) {
        q.put(2);
        r.r2 = q.get();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = q.qsize();
    }
}
