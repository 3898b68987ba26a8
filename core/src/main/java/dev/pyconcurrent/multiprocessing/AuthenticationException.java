package dev.pyconcurrent.multiprocessing;

/**
 * A peer failed the HMAC challenge of an inter-process connection. Python: {@code multiprocessing.AuthenticationError}.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public AuthenticationException() {
        super();
    }

    /**
     * Creates it with a message.
     *
     * @param message what happened
     */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates it with a message and a cause.
     *
     * @param message what happened
     * @param cause   the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
