package dev.pyconcurrent.queue;

/**
 * Raised by a non-blocking or timed {@code get} on an empty queue. Python: {@code queue.Empty}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class EmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public EmptyException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public EmptyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public EmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
