package dev.pyconcurrent.multiprocessing;

/**
 * The base of the exceptions of this package about processes and their connections. Python:
 * {@code multiprocessing.ProcessError}, the base of {@code AuthenticationError} (here
 * {@link AuthenticationException}) and {@code BufferTooShort}. Named {@code ...Exception} by the
 * library's rule for Python's {@code ...Error} classes ({@code AuthenticationError} →
 * {@code AuthenticationException}), since a Java {@code Error} is something else. Python's
 * {@code multiprocessing.TimeoutError} is {@link dev.pyconcurrent.TimeoutException} here, shared
 * with the other modules. {@link ProcessDiedException} (no Python equivalent: Python's pools hang
 * or break instead) extends it too.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public ProcessException() {
        super();
    }

    /**
     * Creates it with a message.
     *
     * @param message what happened
     */
    public ProcessException(String message) {
        super(message);
    }

    /**
     * Creates it with a message and a cause.
     *
     * @param message what happened
     * @param cause   the underlying failure
     */
    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
