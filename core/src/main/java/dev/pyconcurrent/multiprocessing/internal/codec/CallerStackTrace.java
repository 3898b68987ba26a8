package dev.pyconcurrent.multiprocessing.internal.codec;


/**
 * Attached as a suppressed exception to a failure that came from another process, so
 * its printed trace shows both the remote stack (the exception's own) and where the
 * parent received it.
 */
public final class CallerStackTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CallerStackTrace() {
        super("rethrown in the parent process, in thread \"" + java.lang.Thread.currentThread().getName() + "\"");
    }
}
