package dev.pyconcurrent.multiprocessing.internal.codec;


import dev.pyconcurrent.multiprocessing.RemoteException;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * An exception thrown in a child, as it travels: class name, message and stack text
 * (always serializable), plus the exception itself serialized when that worked.
 *
 * @param className   the remote exception's class
 * @param message     its message
 * @param stackText   its printed stack trace (causes included)
 * @param serialized  the exception serialized, or {@code null} if it could not be
 */
public record RemoteFailure(String className, String message, String stackText, byte[] serialized) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static RemoteFailure of(Throwable t, Codec codec) {
        byte[] bytes;
        try {
            bytes = codec.encode(t);
        } catch (RuntimeException notSerializable) {
            bytes = null;
        }
        return new RemoteFailure(t.getClass().getName(), t.getMessage(), stackText(t), bytes);
    }

    public static String stackText(Throwable t) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            t.printStackTrace(w);
        }
        return text.toString();
    }

    /**
     * The exception to hand to the caller: the remote exception itself (its own stack
     * trace is the remote one) when it deserializes, else a {@link RemoteException}.
     */
    public Throwable rebuild(Codec codec) {
        if (serialized != null) {
            try {
                Object o = codec.decode(serialized);
                if (o instanceof Throwable) {
                    return (Throwable) o;
                }
            } catch (RuntimeException cannotRebuild) {
                // fall through to the textual form
            }
        }
        return new RemoteException(className, message, stackText);
    }
}
