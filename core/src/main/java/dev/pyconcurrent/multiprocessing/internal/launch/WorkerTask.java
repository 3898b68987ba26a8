package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What a pool worker runs, and how it travels: the payload of a {@code TASK} frame and of the
 * {@code RESULT} frame that answers it, both written with the {@link ValueWriter} of the channel.
 *
 * <p>{@code TASK}: {@code CALL} followed by the callable ({@code apply}, {@code submit}), or
 * {@code CHUNK fnLength:int fn[fnLength]} followed by the items as one {@code Object[]} (a chunk of
 * {@code map} / {@code imap} / {@code starmap}: a {@code Function} applied to each item; for starmap the
 * function takes an {@code Object[]} of arguments and each item is one). The function is encoded once per map call ({@link #function}) and its bytes go
 * into every chunk.
 *
 * <p>{@code RESULT}: {@code VALUE} followed by the one result of a call, or {@code LIST} followed by the
 * results of a chunk as one {@code Object[]}, in order.
 */
public final class WorkerTask {
    private WorkerTask() {
    }

    private static final byte CALL = 1;
    private static final byte CHUNK = 2;
    private static final byte VALUE = 1;
    private static final byte LIST = 2;

    /**
     * The {@code TASK} payload of one call, encoded in the calling thread.
     *
     * @throws IllegalArgumentException naming a class that cannot be sent
     */
    public static Encoded call(Callable<?> fn) {
        Encoded e = ValueWriter.get().encode(fn, false, 1);
        e.bytes()[0] = CALL;
        return e;
    }

    /**
     * A map function, encoded once per map call.
     *
     * @throws IllegalArgumentException naming a class that cannot be sent
     */
    public static Encoded function(Object fn) {
        return ValueWriter.get().encode(fn, false);
    }

    /**
     * The {@code TASK} payload of one chunk; items are encoded in the calling thread.
     *
     * @throws IllegalArgumentException naming a class that cannot be sent, or if the chunk is too large
     */
    public static Encoded chunk(Encoded fn, Object[] items) {
        int n = fn.bytes().length;
        Encoded packed = ValueWriter.get().encode(items, false, 5 + n);   // the items after room for the header
        byte[] out = packed.bytes();
        if (out.length > Wire.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a chunk of " + items.length + " values is too large to send ("
                    + out.length + " bytes)");
        }
        out[0] = CHUNK;
        out[1] = (byte) (n >>> 24);
        out[2] = (byte) (n >>> 16);
        out[3] = (byte) (n >>> 8);
        out[4] = (byte) n;
        System.arraycopy(fn.bytes(), 0, out, 5, n);
        return new Encoded(out, union(fn.uses(), packed.uses()));
    }

    /**
     * Runs a {@code TASK} payload in the worker.
     *
     * @param reader the channel's reader
     * @param headroom bytes the caller wants free before the payload, for a header of its own
     * @return the {@code RESULT} payload, encoded for the channel back, after {@code headroom} zero bytes
     * @throws Exception what the task raised, or an {@link IllegalStateException} when its result
     *                   cannot be serialized
     */
    static Encoded run(byte[] task, ValueReader reader, int headroom) throws Exception {
        switch (task[0]) {
            case CALL -> {
                Callable<?> fn = (Callable<?>) reader.decode(task, 1, task.length);
                Object result = fn.call();
                return result(VALUE, result, new Object[] {result}, null, headroom);
            }
            case CHUNK -> {
                int n = (task[1] & 0xFF) << 24 | (task[2] & 0xFF) << 16 | (task[3] & 0xFF) << 8 | (task[4] & 0xFF);
                if (n < 0 || 5L + n > task.length) {
                    throw new IllegalStateException("protocol error: a function of " + n + " bytes");
                }
                Object fn = reader.decode(task, 5, 5 + n);
                Object[] items = (Object[]) reader.decode(task, 5 + n, task.length);
                Object[] results = apply(fn, items).toArray();
                return result(LIST, results, results, items, headroom);
            }
            default -> throw new IllegalStateException("protocol error: task kind " + task[0]);
        }
    }

    private static Encoded result(byte kind, Object value, Object[] values, Object[] items, int headroom) {
        Encoded packed;
        try {
            packed = ValueWriter.get().encode(value, false, headroom + 1);   // written in place: a 1 MB result is not copied again
        } catch (IllegalArgumentException e) {
            throw cannotSendBack(values, items, e);
        }
        packed.bytes()[headroom] = kind;
        return packed;
    }

    /** Names the result that cannot be sent back (and, in a map, the item it came from) and why. */
    private static IllegalStateException cannotSendBack(Object[] values, Object[] items,
                                                        IllegalArgumentException packing) {
        int bad = -1;
        Throwable why = packing;
        for (int i = 0; i < values.length && bad < 0; i++) {
            try {
                ValueWriter.get().encode(values[i], true);
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
        String text = item instanceof Object[] args ? String.join(", ", Arrays.stream(args).map(String::valueOf)
                .toArray(String[]::new)) : String.valueOf(item);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * Rebuilds a {@code RESULT} payload in the parent: the call's value, or the chunk's list of results.
     *
     * @param from where the result starts in {@code payload}
     * @throws IllegalStateException if it cannot be decoded
     */
    public static Object result(byte[] payload, int from, ValueReader reader) {
        Object v = reader.decode(payload, from + 1, payload.length);
        switch (payload[from]) {
            case VALUE -> {
                return v;
            }
            case LIST -> {
                return Arrays.asList((Object[]) v);
            }
            default -> throw new IllegalStateException("protocol error: result kind " + payload[from]);
        }
    }

    /** Applies a {@code Function} to every item, in order. */
    @SuppressWarnings("unchecked")
    public static List<Object> apply(Object fn, Object[] items) {
        Function<Object, Object> f = (Function<Object, Object>) fn;
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    private static int[] union(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        int n = a.length;
        outer:
        for (int x : b) {
            for (int i = 0; i < n; i++) {
                if (out[i] == x) {
                    continue outer;
                }
            }
            out[n++] = x;
        }
        return Arrays.copyOf(out, n);
    }
}
