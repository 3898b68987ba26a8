package dev.pyconcurrent.internal;

import dev.pyconcurrent.ThreadInterruptedException;

/**
 * The one interruption policy (API.md §1): a blocking call that is interrupted sets
 * the thread's interrupt flag again and throws {@link ThreadInterruptedException}
 * with the {@link InterruptedException} as cause. Not part of the public API.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /**
     * Restores the interrupt flag and returns the exception to throw.
     * @param e the interruption caught
     * @return a {@link ThreadInterruptedException} with {@code e} as cause
     */
    public static ThreadInterruptedException rethrow(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ThreadInterruptedException(e);
    }

    /** Throws at once if the calling thread's interrupt flag is set (leaving it set). */
    public static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ThreadInterruptedException(new InterruptedException("interrupted before blocking"));
        }
    }
}
