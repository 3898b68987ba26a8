package dev.pyconcurrent.cluster.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One task as Hazelcast carries it to a member: a call, or a {@code map} chunk (the function serialized
 * once per {@code map} call, the chunk's items serialized together). Runs the user code on the member and
 * never throws: the result or the exception comes back as an {@link Outcome}, so that the only failures
 * of the Hazelcast invocation itself are transport failures (a member lost). Not public API.
 */
public final class TaskEnvelope implements Callable<Outcome>, Serializable {
    private static final long serialVersionUID = 1L;

    /** A {@link Callable}. */
    public static final byte CALL = 0;
    /** A {@link Function} applied to each item of a chunk. */
    public static final byte CHUNK = 1;
    /** A {@link BiFunction} applied to each pair of a chunk. */
    public static final byte STAR_CHUNK = 2;

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
     * @param function the serialized function ({@code star}: a {@link BiFunction})
     * @param star     whether the items are pairs
     * @param items    the serialized {@code Object[]} of items ({@code star}: {@code Object[2]} pairs)
     * @return the envelope of one chunk
     */
    public static TaskEnvelope chunk(byte[] function, boolean star, byte[] items) {
        return new TaskEnvelope(star ? STAR_CHUNK : CHUNK, function, items);
    }

    /**
     * Runs the task on the member.
     *
     * @return the outcome; never throws
     */
    @Override
    public Outcome call() {
        Object result;
        try {
            result = run();
        } catch (Throwable t) {
            return new Outcome(null, RemoteFailure.of(t));
        }
        try {
            return new Outcome(Codec.encode(result, "the result"), null);
        } catch (RuntimeException notSerializable) {
            return new Outcome(null, RemoteFailure.of(notSerializable));
        }
    }

    @SuppressWarnings("unchecked")
    private Object run() throws Exception {
        Object fn = Codec.decode(code);
        switch (kind) {
            case CALL:
                return ((Callable<Object>) fn).call();
            case CHUNK: {
                Function<Object, Object> f = (Function<Object, Object>) fn;
                Object[] in = (Object[]) Codec.decode(items);
                List<Object> out = new ArrayList<>(in.length);
                for (Object item : in) {
                    out.add(f.apply(item));
                }
                return out;
            }
            case STAR_CHUNK: {
                BiFunction<Object, Object, Object> f = (BiFunction<Object, Object, Object>) fn;
                Object[] in = (Object[]) Codec.decode(items);
                List<Object> out = new ArrayList<>(in.length);
                for (Object pair : in) {
                    Object[] p = (Object[]) pair;
                    out.add(f.apply(p[0], p[1]));
                }
                return out;
            }
            default:
                throw new IllegalStateException("unknown task kind " + kind);
        }
    }

    /**
     * Turns a chunk's pairs into the {@code Object[2]} form sent to members.
     *
     * @param pairs the pairs
     * @return the items
     */
    public static Object[] pairs(List<?> pairs) {
        Object[] out = new Object[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) pairs.get(i);
            out[i] = new Object[] {e.getKey(), e.getValue()};
        }
        return out;
    }

    /** A short description for logs. */
    @Override
    public String toString() {
        return kind == CALL ? "call" : "map chunk";
    }
}
