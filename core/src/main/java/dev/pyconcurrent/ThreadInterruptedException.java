package dev.pyconcurrent;

/**
 * A blocking call was interrupted. Python has no checked interruption; this library
 * turns {@link InterruptedException} into this unchecked exception.
 *
 * <p>Policy, the same everywhere in the library: the calling thread's interrupt flag
 * is set again before this is thrown, so code further up still sees the interrupt, and
 * the {@code InterruptedException} is the {@linkplain #getCause() cause}. A blocking
 * call entered with the flag already set throws at once.
 */
public class ThreadInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an interruption.
     *
     * @param cause the interruption
     */
    public ThreadInterruptedException(InterruptedException cause) {
        super(cause == null ? "interrupted" : cause.getMessage() == null ? "interrupted" : cause.getMessage(), cause);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what was interrupted
     *  @param cause the interruption */
    public ThreadInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
