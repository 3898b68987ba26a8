package dev.pyconcurrent;

/**
 * A bounded wait ran out of time. Python: {@code TimeoutError} as raised by
 * {@code Future.result(timeout)}, {@code AsyncResult.get(timeout)} and the pools.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public TimeoutException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what timed out
     */
    public TimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what timed out
     * @param cause   the underlying exception, such as {@link java.util.concurrent.TimeoutException}
     */
    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
