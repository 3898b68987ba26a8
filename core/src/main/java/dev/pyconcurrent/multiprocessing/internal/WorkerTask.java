package dev.pyconcurrent.multiprocessing.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What a pool worker runs: one call, or one chunk of a map. Sent to child JVMs serialized. */
public interface WorkerTask extends Serializable {
    /** Runs the task in the worker. */
    Object run(Codec codec) throws Exception;

    /** {@code apply}: one callable. */
    record Call(Callable<?> fn) implements WorkerTask {
        private static final long serialVersionUID = 1L;

        @Override
        public Object run(Codec codec) throws Exception {
            return fn.call();
        }
    }

    /**
     * A chunk of a {@code map} / {@code imap} / {@code starmap}: the function travels as
     * bytes (serialized once per map call), the items as {@link PackedValues}. For starmap
     * each item is an {@code Object[2]} of key and value. The result is the list of
     * results, packed ({@link PackedValues.Result}); the parent's reader unpacks it.
     */
    record Chunk(byte[] fn, boolean star, byte[] items) implements WorkerTask {
        private static final long serialVersionUID = 2L;

        /** Packs {@code items} in the calling thread. */
        static Chunk of(byte[] fn, boolean star, Object[] items, Codec codec) {
            return new Chunk(fn, star, PackedValues.pack(items, codec));
        }

        @Override
        public Object run(Codec codec) {
            List<Object> results = apply(codec.decode(fn), star, PackedValues.unpack(items, codec));
            try {
                return new PackedValues.Result(PackedValues.pack(results, codec));
            } catch (IllegalArgumentException e) {
                IllegalStateException cannotSend = new IllegalStateException(
                        "the task's result cannot be sent back from the worker process: " + e.getMessage());
                cannotSend.setStackTrace(new StackTraceElement[0]);
                throw cannotSend;
            }
        }
    }

    /** Applies a {@code Function} (or a {@code BiFunction} to pairs) to every item, in order. */
    @SuppressWarnings("unchecked")
    static List<Object> apply(Object fn, boolean star, Object[] items) {
        List<Object> out = new ArrayList<>(items.length);
        if (star) {
            BiFunction<Object, Object, Object> f = (BiFunction<Object, Object, Object>) fn;
            for (Object item : items) {
                Object[] pair = (Object[]) item;
                out.add(f.apply(pair[0], pair[1]));
            }
        } else {
            Function<Object, Object> f = (Function<Object, Object>) fn;
            for (Object item : items) {
                out.add(f.apply(item));
            }
        }
        return out;
    }
}
