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

    /**
     * Captures {@code t} for the trip. Never throws, even for an exception whose {@code getMessage()}
     * or {@code toString()} throws, or that cannot be serialized.
     *
     * @param t the exception
     * @param codec serializes it when it can
     * @return its travelling form
     */
    public static RemoteFailure of(Throwable t, Codec codec) {
        byte[] bytes;
        try {
            bytes = codec.encode(t);
        } catch (RuntimeException | Error notSerializable) {
            bytes = null;
        }
        return new RemoteFailure(t.getClass().getName(), message(t), stackText(t), bytes);
    }

    /** {@code t.getMessage()}, or a note when that itself throws. */
    private static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | Error e) {
            return "<getMessage() raised " + e.getClass().getName() + ">";
        }
    }

    /**
     * The printed stack trace of {@code t}, causes included; written by hand when the exception's own
     * printing throws.
     *
     * @param t the exception
     * @return its stack trace as text
     */
    public static String stackText(Throwable t) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            t.printStackTrace(w);
        } catch (RuntimeException | Error printingFailed) {
            StringBuilder b = new StringBuilder();
            java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
                b.append(c == t ? "" : "Caused by: ").append(c.getClass().getName());
                String m = message(c);
                if (m != null) {
                    b.append(": ").append(m);
                }
                b.append('\n');
                for (StackTraceElement e : c.getStackTrace()) {
                    b.append("\tat ").append(e).append('\n');
                }
            }
            return b.toString();
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
