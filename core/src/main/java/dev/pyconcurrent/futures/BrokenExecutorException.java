package dev.pyconcurrent.futures;

/**
 * An executor can no longer run tasks. Python: {@code concurrent.futures.BrokenExecutor}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class BrokenExecutorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public BrokenExecutorException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public BrokenExecutorException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
