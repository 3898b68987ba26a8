package dev.pyconcurrent.futures;

/**
 * A thread pool whose initializer failed: pending and new work fail with this. Python: {@code concurrent.futures.thread.BrokenThreadPool}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class BrokenThreadPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public BrokenThreadPoolException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public BrokenThreadPoolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public BrokenThreadPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
