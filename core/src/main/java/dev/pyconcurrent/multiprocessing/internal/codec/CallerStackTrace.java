package dev.pyconcurrent.multiprocessing.internal.codec;


/**
 * Attached as a suppressed exception to a failure that came from another JVM, so
 * its printed trace shows both the remote stack (the exception's own) and where the
 * parent received it.
 */
public final class CallerStackTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where a worker process's failure was rethrown in the parent: this thread. */
    public CallerStackTrace() {
        super("rethrown in the parent process, in thread \"" + java.lang.Thread.currentThread().getName() + "\"");
    }

    /**
     * @param description where the failure was raised and received, e.g. the cluster member
     */
    public CallerStackTrace(String description) {
        super(description);
    }
}
