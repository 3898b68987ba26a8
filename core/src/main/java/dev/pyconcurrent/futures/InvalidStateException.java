package dev.pyconcurrent.futures;

/**
 * A {@link SettableFuture} was completed when it could no longer be: a result or exception set on a
 * future that is already finished or cancelled, or {@code setRunningOrNotifyCancel()} on one that is
 * already running or finished. Python: {@code concurrent.futures.InvalidStateError}.
 *
 * <p>It extends {@link IllegalStateException}, the translation of Python's {@code RuntimeError}
 * (API.md §1), so code that catches misuse in general catches it too.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what was done, and the future's state
     */
    public InvalidStateException(String message) {
        super(message);
    }
}
