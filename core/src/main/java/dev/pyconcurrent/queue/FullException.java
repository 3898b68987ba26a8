package dev.pyconcurrent.queue;

/**
 * Raised by a non-blocking or timed {@code put} on a full queue. Python: {@code queue.Full}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class FullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public FullException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public FullException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public FullException(String message, Throwable cause) {
        super(message, cause);
    }
}
