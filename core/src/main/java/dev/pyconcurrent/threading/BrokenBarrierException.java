package dev.pyconcurrent.threading;

/**
 * The {@link Barrier} is broken (aborted, timed out, its action failed, or a waiter was
 * interrupted) or was reset while the caller waited. Python: {@code threading.BrokenBarrierError}.
 */
public class BrokenBarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With no detail message. */
    public BrokenBarrierException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what broke the barrier
     */
    public BrokenBarrierException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what broke the barrier
     *  @param cause the failure that broke it */
    public BrokenBarrierException(String message, Throwable cause) {
        super(message, cause);
    }
}
