package dev.pyconcurrent.threading;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread that runs a function after an interval unless cancelled first. Python:
 * {@code threading.Timer}.
 *
 * <pre>{@code
 * Timer t = new Timer(2.0, () -> System.out.println("hello"));
 * t.start();      // prints after 2 s ...
 * t.cancel();     // ... unless cancelled before
 * }</pre>
 *
 * <p>State machine (field {@code outcome}), decided by one compare-and-set:
 * <pre>
 *   WAITING --interval elapsed (timer thread)--> FIRED      the function runs, once
 *   WAITING --cancel() (any thread)----------> CANCELLED  the function never runs
 * </pre>
 * FIRED and CANCELLED are final: a {@link #cancel()} that loses the race to FIRED does
 * nothing (Python: "stop the timer if it hasn't finished yet"), and a cancelled timer never
 * fires, even if its interval elapses at the same moment. {@code cancel()} also wakes the
 * timer thread, which then ends at once. Cancelling before {@link #start()} is allowed: the
 * thread then ends without waiting. If the timer thread is interrupted while waiting, the
 * timer is cancelled and the interrupt flag stays set.
 *
 * <p>Like Python's, a timer is named {@code Thread-N}, is a {@link Thread} (join it, make it
 * a daemon before starting it), and an exception from the function goes to the excepthook.
 */
public class Timer extends Thread {

    private static final int WAITING = 0;
    private static final int FIRED = 1;
    private static final int CANCELLED = 2;

    private final long intervalNanos;
    private final Runnable function;
    /** WAITING, FIRED or CANCELLED; changed only by compare-and-set from WAITING. */
    private final AtomicInteger outcome = new AtomicInteger(WAITING);
    /** Opened by cancel(): wakes the waiting timer thread (Python's {@code finished} event). */
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * A timer running {@code function} {@code interval} seconds after {@link #start()}.
     * Python: {@code Timer(interval, function)}.
     *
     * @param interval seconds, not negative or NaN; very large values mean never
     * @param function what to run
     * @throws IllegalArgumentException for a negative or NaN interval
     */
    public Timer(double interval, Runnable function) {
        this(checkedNanos(interval), function);
    }

    /**
     * A timer running {@code function} {@code interval} after {@link #start()}.
     * Python: {@code Timer(interval, function)}.
     *
     * @param interval how long, not negative
     * @param function what to run
     * @throws IllegalArgumentException for a negative interval
     */
    public Timer(Duration interval, Runnable function) {
        this(checkedNanos(interval), function);
    }

    private Timer(long intervalNanos, Runnable function) {
        super();
        this.intervalNanos = intervalNanos;
        this.function = Objects.requireNonNull(function, "function");
    }

    private static long checkedNanos(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("interval must be a non-negative number, got " + seconds);
        }
        double nanos = seconds * 1e9;
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    private static long checkedNanos(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be a non-negative number, got " + interval);
        }
        try {
            return interval.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Stops the timer if it has not fired yet: the function will then never run. Does nothing
     * once it fired. Python: {@code cancel()}.
     */
    public void cancel() {
        outcome.compareAndSet(WAITING, CANCELLED);
        finished.countDown();
    }

    /**
     * Whether {@link #cancel()} came before the timer fired, so the function never runs.
     * Python has no direct equivalent (its {@code finished} event is also set after firing).
     *
     * @return true if cancelled in time
     */
    public boolean isCancelled() {
        return outcome.get() == CANCELLED;
    }

    /**
     * The interval given to the constructor. Python: {@code interval}.
     *
     * @return the interval
     */
    public Duration getInterval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Waits the interval, then runs the function unless cancelled first. Python: {@code run()}. */
    @Override
    public void run() {
        try {
            if (intervalNanos == Long.MAX_VALUE) {
                finished.await();
            } else {
                finished.await(intervalNanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            cancel();
        }
        if (outcome.compareAndSet(WAITING, FIRED)) {
            function.run();
        }
    }
}
