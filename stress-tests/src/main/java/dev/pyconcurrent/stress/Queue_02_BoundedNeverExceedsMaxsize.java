package dev.pyconcurrent.stress;

import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers race {@code putNowait} into a {@code Queue(maxsize=1)} and each then reads
 * {@code qsize()}: exactly one put wins, the other raises {@code Full}, and neither ever
 * sees more than {@code maxsize} items (Python: {@code queue.Full}).
 * Results: producer 1 succeeded (1/0), producer 2 succeeded, size seen by producer 1, size seen by producer 2.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE, desc = "Producer 1 won the only slot, producer 2 got Full; both then saw exactly maxsize items.")
@Outcome(id = "0, 1, 1, 1", expect = ACCEPTABLE, desc = "Producer 2 won the only slot, producer 1 got Full; both then saw exactly maxsize items.")
@Outcome(expect = FORBIDDEN, desc = "Both or neither put succeeded, or a size other than 1 was seen: the capacity check is not atomic.")
@State
public class Queue_02_BoundedNeverExceedsMaxsize {
    private final Queue<Integer> q = new Queue<>(1);

    @Actor
    public void producer1(IIII_Result r) {
        r.r1 = tryPut(1);
        r.r3 = q.qsize();
    }

    @Actor
    public void producer2(IIII_Result r) {
        r.r2 = tryPut(2);
        r.r4 = q.qsize();
    }

    private int tryPut(int item) {
        try {
            q.putNowait(item);
            return 1;
        } catch (FullException full) {
            return 0;
        }
    }
}
