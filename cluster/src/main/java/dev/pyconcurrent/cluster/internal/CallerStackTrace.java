package dev.pyconcurrent.cluster.internal;

/**
 * Attached as a suppressed exception to a failure that came from a cluster member, so its printed trace
 * shows both the remote stack (the exception's own) and where the caller received it. Not public API.
 */
public final class CallerStackTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param member the member that ran the task
     */
    CallerStackTrace(String member) {
        super("raised on cluster member " + member + " and received by the caller here");
    }
}
