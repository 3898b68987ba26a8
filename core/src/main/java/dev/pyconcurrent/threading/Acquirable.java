package dev.pyconcurrent.threading;

import dev.pyconcurrent.Held;

import java.time.Duration;

/**
 * Something that can be acquired and released: the shared shape of Python's
 * {@code Lock}, {@code RLock}, {@code Semaphore}, {@code BoundedSemaphore} and
 * {@code Condition}, and of their cross-process counterparts.
 *
 * <p>Python's {@code acquire(blocking=True, timeout=-1)} becomes four overloads;
 * {@code with lock:} becomes {@code try (Held h = lock.hold()) { ... }}.
 * A timeout of exactly {@code -1} seconds waits forever, as Python's {@code acquire(timeout=-1)}
 * (its default) does; any other negative or NaN timeout is an {@link IllegalArgumentException}; an interrupted
 * wait throws {@link dev.pyconcurrent.ThreadInterruptedException}.
 */
public interface Acquirable {
    /**
     * Blocks until acquired. Python: {@code acquire()}.
     * @return always {@code true}
     */
    boolean acquire();

    /**
     * Python: {@code acquire(blocking)}; with {@code false}, tries once without waiting.
     * @param blocking whether to wait until acquired
     * @return whether it was acquired
     */
    boolean acquire(boolean blocking);

    /**
     * Python: {@code acquire(timeout=seconds)}.
     * @param timeout longest wait in seconds; infinity, or exactly {@code -1} as in Python, waits forever
     * @return whether it was acquired in time
     * @throws IllegalArgumentException if {@code timeout} is NaN, or negative and not {@code -1}
     */
    boolean acquire(double timeout);

    /**
     * Python: {@code acquire(timeout=...)}.
     * @param timeout longest wait
     * @return whether it was acquired in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean acquire(Duration timeout);

    /** Python: {@code release()}. */
    void release();

    /**
     * Acquires (blocking) and returns a {@link Held} whose {@code close()} releases once.
     * Python: {@code with x:}.
     * @return the hold, to close in a try-with-resources
     */
    Held hold();
}
