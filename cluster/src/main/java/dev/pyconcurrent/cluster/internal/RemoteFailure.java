package dev.pyconcurrent.cluster.internal;

import dev.pyconcurrent.multiprocessing.RemoteException;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * An exception thrown by a task on a member, as it travels back: class name, message and stack text
 * (always serializable), plus the exception itself serialized when that worked. Not public API.
 *
 * @param className  the remote exception's class
 * @param message    its message
 * @param stackText  its printed stack trace (causes included)
 * @param serialized the exception serialized, or {@code null} if it could not be
 */
public record RemoteFailure(String className, String message, String stackText, byte[] serialized)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Captures {@code t} on the member.
     *
     * @param t the task's exception
     * @return its travelling form
     */
    public static RemoteFailure of(Throwable t) {
        byte[] bytes;
        try {
            bytes = Codec.encode(t, "the exception");
        } catch (RuntimeException notSerializable) {
            bytes = null;
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            t.printStackTrace(w);
        }
        return new RemoteFailure(t.getClass().getName(), t.getMessage(), text.toString(), bytes);
    }

    /**
     * The exception to hand to the caller: the remote exception itself (its own stack trace is the remote
     * one) when it deserializes here, else a {@link RemoteException} carrying the remote trace as text.
     * Either way a {@link CallerStackTrace} naming the member is attached as suppressed.
     *
     * @param member the member that ran the task
     * @return the exception
     */
    public Throwable rebuild(String member) {
        Throwable t = null;
        if (serialized != null) {
            try {
                Object o = Codec.decode(serialized);
                if (o instanceof Throwable th) {
                    t = th;
                }
            } catch (RuntimeException cannotRebuild) {
                // fall through to the textual form
            }
        }
        if (t == null) {
            t = new RemoteException(className, message, stackText);
        }
        t.addSuppressed(new CallerStackTrace(member));
        return t;
    }
}
