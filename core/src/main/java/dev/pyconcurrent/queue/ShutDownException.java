package dev.pyconcurrent.queue;

/**
 * Raised by {@code put} on a queue that was shut down, and by {@code get} once a shut-down queue is empty. Python 3.13: {@code queue.ShutDown}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class ShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public ShutDownException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public ShutDownException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public ShutDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
