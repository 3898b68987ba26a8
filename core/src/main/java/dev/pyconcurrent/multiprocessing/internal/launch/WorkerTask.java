package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.PackedValues;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a pool worker runs, and how it travels: the payload of a {@code TASK} frame and of the
 * {@code RESULT} frame that answers it.
 *
 * <p>{@code TASK}: {@code CALL} followed by the serialized callable ({@code apply}, {@code submit}),
 * or {@code CHUNK star:byte fnLength:int fn[fnLength]} followed by the {@link PackedValues} of the
 * items (a chunk of {@code map} / {@code imap} / {@code starmap}; for starmap each item is an
 * {@code Object[2]} of key and value; the function is serialized once per map call).
 *
 * <p>{@code RESULT}: {@code VALUE} followed by the {@link PackedValues} of the one result of a call,
 * or {@code LIST} followed by the {@link PackedValues} of the results of a chunk, in order.
 *
 * <p>The envelope is written by hand rather than as a serialized object: a young worker JVM then
 * reads a task without setting up the serialization of a wrapper class, and a plain number comes
 * back without going through an object stream.
 */
public final class WorkerTask {
    private WorkerTask() {
    }

    private static final byte CALL = 1;
    private static final byte CHUNK = 2;
    private static final byte VALUE = 1;
    private static final byte LIST = 2;

    /**
     * Per class: whether it is a lambda that captures nothing, and then its serialized form, which
     * is the same for every instance (a stateless function, as Python pickles by reference).
     */
    private static final ClassValue<Stateless> STATELESS = new ClassValue<>() {
        @Override
        protected Stateless computeValue(Class<?> c) {
            return new Stateless(c.isSynthetic() && c.getName().contains("$$Lambda")
                    && c.getDeclaredFields().length == 0);
        }
    };

    /** See {@link #STATELESS}. */
    private static final class Stateless {
        final boolean stateless;
        volatile byte[] bytes;

        Stateless(boolean stateless) {
            this.stateless = stateless;
        }
    }

    /** The last stateless function a worker decoded, with its bytes; only one thread runs tasks. */
    private record Decoded(byte[] bytes, Object fn) {
    }

    private static volatile Decoded lastDecoded;

    /** Serializes a function; a lambda that captures nothing is serialized once per class. */
    public static byte[] encodeFunction(Object fn, Codec codec) {
        Stateless s = STATELESS.get(fn.getClass());
        if (!s.stateless) {
            return codec.encode(fn);
        }
        byte[] b = s.bytes;
        if (b == null) {
            b = codec.encode(fn);
            s.bytes = b;
        }
        return b;
    }

    /**
     * Deserializes a function; when the bytes are those of the last stateless function decoded,
     * that object is used again (it has no state a task could change).
     */
    public static Object decodeFunction(byte[] bytes, int from, int to, Codec codec) {
        Decoded last = lastDecoded;
        if (last != null && Arrays.equals(last.bytes(), 0, last.bytes().length, bytes, from, to)) {
            return last.fn();
        }
        byte[] own = Arrays.copyOfRange(bytes, from, to);
        Object fn = codec.decode(own);
        if (fn != null && STATELESS.get(fn.getClass()).stateless) {
            lastDecoded = new Decoded(own, fn);
        }
        return fn;
    }

    /** The {@code TASK} payload of one call; the codec's exception names a class that cannot be sent. */
    public static byte[] call(Callable<?> fn, Codec codec) {
        byte[] body = encodeFunction(fn, codec);
        byte[] out = new byte[1 + body.length];
        out[0] = CALL;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The {@code TASK} payload of one chunk; items are packed in the calling thread. */
    public static byte[] chunk(byte[] fn, boolean star, Object[] items, Codec codec) {
        byte[] packed = PackedValues.pack(items, codec);
        long size = 1L + 1 + 4 + fn.length + packed.length;
        if (size > Wire.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a chunk of " + items.length + " values is too large to send ("
                    + size + " bytes)");
        }
        return ByteBuffer.allocate((int) size).put(CHUNK).put((byte) (star ? 1 : 0)).putInt(fn.length).put(fn)
                .put(packed).array();
    }

    /**
     * Runs a {@code TASK} payload in the worker.
     *
     * @return the {@code RESULT} payload
     * @throws Exception what the task raised, or an {@link IllegalStateException} when its result
     *                   cannot be serialized
     */
    public static byte[] run(byte[] task, Codec codec) throws Exception {
        switch (task[0]) {
            case CALL -> {
                Callable<?> fn = (Callable<?>) decodeFunction(task, 1, task.length, codec);
                Object result = fn.call();
                return result(VALUE, new Object[] {result}, null, codec);
            }
            case CHUNK -> {
                ByteBuffer b = ByteBuffer.wrap(task);
                b.position(1);
                boolean star = b.get() != 0;
                int fnLength = b.getInt();
                Object fn = decodeFunction(task, b.position(), b.position() + fnLength, codec);
                Object[] items = PackedValues.unpack(task, b.position() + fnLength, codec);
                return result(LIST, apply(fn, star, items).toArray(), items, codec);
            }
            default -> throw new IllegalStateException("protocol error: task kind " + task[0]);
        }
    }

    /**
     * Packs the results; one that cannot be serialized fails the task with an exception naming that
     * result's class (and, for a map chunk, the item it came from), not the envelope's.
     *
     * @param items the chunk's items, {@code values[i]} being the result for {@code items[i]};
     *              {@code null} for a single call
     */
    private static byte[] result(byte kind, Object[] values, Object[] items, Codec codec) {
        byte[] packed;
        try {
            packed = PackedValues.pack(values, codec);
        } catch (IllegalArgumentException e) {
            throw cannotSendBack(values, items, codec, e);
        }
        byte[] out = new byte[1 + packed.length];
        out[0] = kind;
        System.arraycopy(packed, 0, out, 1, packed.length);
        return out;
    }

    /** The failure for a result that cannot be serialized: which result, of which class, and why. */
    private static IllegalStateException cannotSendBack(Object[] values, Object[] items, Codec codec,
                                                        IllegalArgumentException packing) {
        int bad = -1;
        Throwable why = packing;
        for (int i = 0; i < values.length && bad < 0; i++) {
            try {
                codec.encode(values[i]);
            } catch (IllegalArgumentException e) {
                bad = i;
                why = e;
            }
        }
        String what = bad < 0 ? "the task's result"
                : (items == null ? "the task's result, " : "the result of fn(" + shortText(items[bad]) + "), ")
                        + (values[bad] == null ? "null" : "an object of " + values[bad].getClass().getName()) + ",";
        Throwable cause = why.getCause() != null ? why.getCause() : why;
        String reason = cause instanceof java.io.NotSerializableException
                ? cause.getMessage() + " is not Serializable (a result must be Serializable, and so must"
                        + " everything it refers to)"
                : String.valueOf(cause.getMessage());
        // the stack is this worker's, where the result was being sent back; the cause says which class failed
        return new IllegalStateException(what + " cannot be sent back from the worker process: " + reason, cause);
    }

    private static String shortText(Object item) {
        String text = item instanceof Object[] pair ? pair[0] + ", " + pair[1] : String.valueOf(item);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * Rebuilds a {@code RESULT} payload in the parent: the call's value, or the chunk's list of results.
     *
     * @throws IllegalStateException if it cannot be deserialized
     */
    public static Object result(byte[] payload, Codec codec) {
        Object[] values = PackedValues.unpack(payload, 1, codec);
        switch (payload[0]) {
            case VALUE -> {
                if (values.length != 1) {
                    throw new IllegalStateException("protocol error: " + values.length + " values for one result");
                }
                return values[0];
            }
            case LIST -> {
                return Arrays.asList(values);
            }
            default -> throw new IllegalStateException("protocol error: result kind " + payload[0]);
        }
    }

    /** Applies a {@code Function} (or a {@code BiFunction} to pairs) to every item, in order. */
    @SuppressWarnings("unchecked")
    public static List<Object> apply(Object fn, boolean star, Object[] items) {
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
