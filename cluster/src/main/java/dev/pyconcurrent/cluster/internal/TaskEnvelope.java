package dev.pyconcurrent.cluster.internal;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One task as Hazelcast carries it to a member: a call, or a {@code map} chunk (the function serialized
 * once per {@code map} call, the chunk's items serialized together). Runs the user code on the member and
 * never throws: the result or the exception comes back as an {@link Outcome}, so that the only failures
 * of the Hazelcast invocation itself are transport failures (a member lost). Not public API.
 */
public final class TaskEnvelope implements Callable<Outcome>, Serializable {
    private static final long serialVersionUID = 1L;
    /** Core's codec, with its depth and size limits: a member decodes nothing without them. */
    public static final Codec CODEC = JavaSerializationCodec.INSTANCE;

    /** A {@link Callable}. */
    public static final byte CALL = 0;
    /** A {@link Function} applied to each item of a chunk. */
    public static final byte CHUNK = 1;

    private final byte kind;
    private final byte[] code;
    private final byte[] items;

    private TaskEnvelope(byte kind, byte[] code, byte[] items) {
        this.kind = kind;
        this.code = code;
        this.items = items;
    }

    /**
     * @param callable the serialized {@link Callable}
     * @return the envelope of one call
     */
    public static TaskEnvelope call(byte[] callable) {
        return new TaskEnvelope(CALL, callable, null);
    }

    /**
     * @param function the serialized {@link Function}, once per {@code map} call
     * @param items    the chunk's items, serialized together as an {@code Object[]}
     * @return the envelope of one chunk
     */
    public static TaskEnvelope chunk(byte[] function, byte[] items) {
        return new TaskEnvelope(CHUNK, function, items);
    }

    @Override
    public Outcome call() {
        Object result;
        try {
            result = run();
        } catch (Throwable t) {
            return new Outcome(null, RemoteFailure.of(t, CODEC));
        }
        try {
            return new Outcome(CODEC.encode(result), null);
        } catch (RuntimeException notSerializable) {
            IllegalStateException cannotSend = new IllegalStateException(
                    "the task's result cannot be sent back from the cluster member: " + notSerializable.getMessage());
            return new Outcome(null, RemoteFailure.of(cannotSend, CODEC));
        }
    }

    @SuppressWarnings("unchecked")
    private Object run() throws Exception {
        Object fn = CODEC.decode(code);
        switch (kind) {
            case CALL:
                return ((Callable<Object>) fn).call();
            case CHUNK: {
                Function<Object, Object> f = (Function<Object, Object>) fn;
                Object[] in = (Object[]) CODEC.decode(items);
                List<Object> out = new ArrayList<>(in.length);
                for (Object item : in) {
                    out.add(f.apply(item));
                }
                return out;
            }
            default:
                throw new IllegalStateException("unknown task kind " + kind);
        }
    }

    @Override
    public String toString() {
        return kind == CALL ? "call" : "map chunk";
    }
}
