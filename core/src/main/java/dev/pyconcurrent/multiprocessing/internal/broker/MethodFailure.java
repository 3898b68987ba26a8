package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;

import java.io.Serializable;

/**
 * What a method of a registered type (or its factory) threw in the manager, as it travels back in
 * an answer: a {@link RemoteFailure}, so that an exception that cannot be serialized or rebuilt
 * still arrives with its class name, message and stack.
 *
 * @param failure the exception in its travelling form
 */
public record MethodFailure(RemoteFailure failure) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Captures an exception.
     *
     * @param t what was thrown
     * @return its travelling form
     */
    static MethodFailure of(Throwable t) {
        return new MethodFailure(RemoteFailure.of(t, JavaSerializationCodec.INSTANCE));
    }

    /**
     * The exception to throw in the caller: the manager's own exception when it deserializes (with
     * its stack in the manager, and where it was received as a suppressed exception), else a
     * {@link dev.pyconcurrent.multiprocessing.RemoteException}.
     *
     * @param where the manager's address, for the note on where it was received
     * @return the exception
     */
    public Throwable rebuild(String where) {
        Throwable t = failure.rebuild(JavaSerializationCodec.INSTANCE);
        t.addSuppressed(new CallerStackTrace("raised in the manager at " + where + ", rethrown in thread \""
                + Thread.currentThread().getName() + "\""));
        return t;
    }

    /**
     * Rethrows what the manager threw where only unchecked exceptions may go (a factory).
     *
     * @param where the manager's address
     * @return never returns
     */
    public RuntimeException rethrow(String where) {
        Throwable t = rebuild(where);
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t.toString(), t);
    }
}
