package dev.pyconcurrent.multiprocessing;

/**
 * An exception thrown in another process that could not be rebuilt here (its class
 * is missing or it does not deserialize). Carries the remote class name, message and
 * stack trace as text. Python: {@code multiprocessing.pool.RemoteTraceback} as cause.
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The remote exception's class name. */
    private final String remoteClassName;
    /** The remote exception's message, may be {@code null}. */
    private final String remoteMessage;
    /** The remote stack trace as printed in the remote process. */
    private final String remoteStackTrace;

    /**
     * Creates it from what the remote process reported.
     *
     * @param remoteClassName  the remote exception's class name
     * @param remoteMessage    its message, may be {@code null}
     * @param remoteStackTrace its stack trace as printed in the remote process
     */
    public RemoteException(String remoteClassName, String remoteMessage, String remoteStackTrace) {
        super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage)
                + "\n--- remote stack trace ---\n" + remoteStackTrace);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * Returns the remote exception's class name.
     *
     * @return the remote exception's class name
     */
    public String getRemoteClassName() {
        return remoteClassName;
    }

    /**
     * Returns the remote exception's message, or {@code null}.
     *
     * @return the remote exception's message, or {@code null}
     */
    public String getRemoteMessage() {
        return remoteMessage;
    }

    /**
     * Returns the remote stack trace as text.
     *
     * @return the remote stack trace as text
     */
    public String getRemoteStackTrace() {
        return remoteStackTrace;
    }
}
