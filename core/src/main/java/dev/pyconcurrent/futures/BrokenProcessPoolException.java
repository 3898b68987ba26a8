package dev.pyconcurrent.futures;

/**
 * A process pool whose workers cannot be (re)started; the message carries the child's stderr tail. Python: {@code concurrent.futures.process.BrokenProcessPool}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public BrokenProcessPoolException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public BrokenProcessPoolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened
     *  @param cause the underlying failure */
    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
