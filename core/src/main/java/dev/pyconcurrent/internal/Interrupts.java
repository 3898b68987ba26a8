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

    /**
     * Waits for {@code latch} whatever interrupts come, then sets the interrupt flag again if one came: for
     * the few short waits that are not blocking calls of the API (a thread's start, a socket's bind).
     *
     * @param latch what to wait for; it must count down soon
     */
    public static void awaitUninterruptibly(java.util.concurrent.CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws at once if the calling thread's interrupt flag is set (leaving it set). */
    public static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ThreadInterruptedException(new InterruptedException("interrupted before blocking"));
        }
    }
}
