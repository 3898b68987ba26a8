package dev.pyconcurrent.threading;

/**
 * A semaphore whose value may never exceed its initial value. Python:
 * {@code threading.BoundedSemaphore}.
 *
 * <p>Model: as {@link Semaphore}, with the invariant {@code 0 <= value <= initial}.
 * A release that would break it (more releases than acquires, a common bug) throws
 * {@link IllegalStateException}{@code ("Semaphore released too many times")} and changes
 * nothing. The bound is checked in the same compare-and-set that adds to the value, so
 * of two threads racing to over-release, exactly one fails.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(5);   // at most 5 at a time
 * try (Held h = pool.hold()) {
 *     useConnection();
 * }
 * pool.release();   // IllegalStateException: released too many times
 * }</pre>
 */
public class BoundedSemaphore extends Semaphore {
    private final int initialValue;

    /** A bounded semaphore with value 1. Python: {@code threading.BoundedSemaphore()}. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Python: {@code threading.BoundedSemaphore(value)}.
     *
     * @param value the initial value, which is also the bound
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public BoundedSemaphore(int value) {
        super(value, true);
        this.initialValue = value;
    }

    /**
     * Adds one to the value. Python: {@code release()}.
     *
     * @throws IllegalStateException if the value would exceed the initial value
     */
    @Override
    public void release() {
        super.release();
    }

    /**
     * Adds {@code n} to the value, all or nothing. Python: {@code release(n)}.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws IllegalStateException if the value would exceed the initial value
     */
    @Override
    public void release(int n) {
        super.release(n);
    }

    /** Python's repr: {@code <BoundedSemaphore at 0x1b6d3586: value=2/5>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " at 0x" + Integer.toHexString(System.identityHashCode(this))
                + ": value=" + getValue() + "/" + initialValue + ">";
    }
}
