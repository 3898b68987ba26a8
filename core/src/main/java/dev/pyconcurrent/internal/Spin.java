package dev.pyconcurrent.internal;

/**
 * A short wait by yielding, before a thread that waits for an answer from another process sleeps, as
 * {@code SynchronousQueue} spins before it parks. In a round trip (a pipe's {@code send} then
 * {@code recv}, a queue's {@code put} then {@code get}, a pool's {@code apply}) the answer usually comes
 * within microseconds, and a thread that slept must be woken:
 * <ul>
 *   <li>when the scheduler has put both ends on one core (it does so for a thread that wakes another and
 *       then waits, which a round trip is), each wake-up goes through the selector or the lock and the
 *       scheduler: a pipe round trip took 60–80 µs so, on two cores in phases of many rounds, and always
 *       with both processes on one core; yielding hands the core to the other end at once: 17–20 µs;</li>
 *   <li>when each end has a core of its own, the answer is taken without a wake-up.</li>
 * </ul>
 * A wait longer than {@link #NANOS} (a consumer of an empty queue, a long task) costs that much CPU once,
 * then sleeps as before. Use: {@code long s = Spin.start(); while (nothingYet() && Spin.again(s)) { }}.
 */
public final class Spin {
    private Spin() {
    }

    /** How long a waiting thread yields before it sleeps ({@code -Dpyconcurrent.spinMicros}; 0: never). */
    public static final long NANOS = Math.max(0, Long.getLong("pyconcurrent.spinMicros", 30L)) * 1_000L;

    /** @return the start of a spin, for {@link #again} */
    public static long start() {
        return NANOS == 0 ? 0 : System.nanoTime();
    }

    /**
     * Yields the core once, if the spin that began at {@code start} may go on.
     *
     * @param start what {@link #start()} returned
     * @return whether to look again; false once the spin is over (the caller then sleeps)
     */
    public static boolean again(long start) {
        if (NANOS == 0 || System.nanoTime() - start > NANOS) {
            return false;
        }
        Thread.yield();
        return true;
    }
}
