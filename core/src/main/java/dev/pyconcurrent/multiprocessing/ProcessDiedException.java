package dev.pyconcurrent.multiprocessing;

/**
 * The worker process running this task died (crash, {@code kill -9}, {@code System.exit}, out of memory); the message names its pid and exit code. Python's {@code Pool} would hang here; this library fails the task instead.
 *
 * <p>Unchecked, like every exception this library defines.
 */
public class ProcessDiedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public ProcessDiedException() {
        super();
    }

    /**
     * Creates it with a message.
     *
     * @param message what happened
     */
    public ProcessDiedException(String message) {
        super(message);
    }

    /**
     * Creates it with a message and a cause.
     *
     * @param message what happened
     * @param cause   the underlying failure
     */
    public ProcessDiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
