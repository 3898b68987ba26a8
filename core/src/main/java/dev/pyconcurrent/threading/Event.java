package dev.pyconcurrent.threading;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A boolean flag that threads can wait for. Python: {@code threading.Event}.
 *
 * <p>Model: two states, CLEAR and SET. {@code set} moves CLEAR → SET and wakes every
 * waiter; {@code clear} moves SET → CLEAR; {@code await} returns at once when SET and
 * otherwise waits for the next {@code set} (or the timeout). As in Python, a waiter woken
 * by {@code set} returns {@code true} even if another thread clears the flag before it
 * runs again. Like every blocking call here, {@code await} entered with the interrupt flag
 * set throws {@link dev.pyconcurrent.ThreadInterruptedException} at once, even when SET.
 *
 * <p>Implementation: each CLEAR period is one {@link CountDownLatch} of count 1; the
 * current one is held in an atomic reference. {@code set} counts it down (idempotent),
 * {@code clear} swaps in a fresh latch if the current one is already open. A waiter waits
 * on the latch current when it started, so a {@code set} followed at once by
 * {@code clear} still releases it.
 *
 * <pre>{@code
 * Event ready = new Event();
 * new Thread(() -> { load(); ready.set(); }).start();
 * if (!ready.await(3.0)) throw new IllegalStateException("not ready after 3 s");
 * }</pre>
 *
 * <p>Memory effects: actions before {@code set} happen-before a return of {@code true}
 * from {@code await} caused by that {@code set}, and a later {@code isSet()} that sees it.
 */
public final class Event {
    /** The latch of the current period: open (count 0) = SET, closed (count 1) = CLEAR. */
    private final AtomicReference<CountDownLatch> current = new AtomicReference<>(new CountDownLatch(1));

    /** Creates a clear event. Python: {@code threading.Event()}. */
    public Event() {
    }

    /**
     * Python: {@code is_set()}.
     * @return whether the flag is set
     */
    public boolean isSet() {
        return current.get().getCount() == 0;
    }

    /** Sets the flag and wakes every waiter. Python: {@code set()}. */
    public void set() {
        current.get().countDown();
    }

    /** Clears the flag; later waiters block until the next {@code set}. Python: {@code clear()}. */
    public void clear() {
        for (;;) {
            CountDownLatch latch = current.get();
            if (latch.getCount() != 0 || current.compareAndSet(latch, new CountDownLatch(1))) {
                return;
            }
        }
    }

    /**
     * Blocks until the flag is set. Python: {@code wait()}.
     * @return always {@code true}
     */
    public boolean await() {
        try {
            current.get().await();
            return true;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Python: {@code wait(timeout)}.
     * @param timeout longest wait in seconds; infinity waits forever
     * @return the flag: {@code false} only when the wait timed out
     */
    public boolean await(double timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    /**
     * Python: {@code wait(timeout)}.
     * @param timeout longest wait
     * @return the flag: {@code false} only when the wait timed out
     */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return await();
        }
        try {
            return current.get().await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /** Python's repr: {@code <Event at 0x1b6d3586: set>} or {@code unset}. */
    @Override
    public String toString() {
        return "<Event at 0x" + Integer.toHexString(System.identityHashCode(this)) + ": "
                + (isSet() ? "set" : "unset") + ">";
    }
}
