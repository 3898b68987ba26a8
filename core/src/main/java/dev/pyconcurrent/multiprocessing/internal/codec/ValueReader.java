package dev.pyconcurrent.multiprocessing.internal.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decodes what {@link ValueWriter} wrote. One reader per channel (it holds the channel's
 * {@link DescriptorTable}); not thread-safe.
 *
 * <p>Limits: nesting deeper than {@link #MAX_DEPTH}, a length larger than what is left of the message,
 * an unknown tag or descriptor end the decoding with an {@link IllegalStateException}, before anything
 * is allocated for them; Java-serialized blocks go through {@link JavaSerializationCodec} and its
 * {@code ObjectInputFilter}. Decoding creates objects and calls no user code but records' canonical
 * constructors and the {@code $deserializeLambda$} of capturing classes, as Java serialization does
 * (and this library's own {@link Portables readParts}).
 */
public final class ValueReader {
    /** Deepest nesting accepted. */
    static final int MAX_DEPTH = 1_000;

    private final DescriptorTable table;
    private byte[] buf;
    private int pos;
    private int end;
    private List<Object> local;   // standalone: descriptors defined in this message, resolved

    /**
     * @param table the descriptors the channel's peer defined; {@code null} for standalone messages only
     */
    public ValueReader(DescriptorTable table) {
        this.table = table;
    }

    /**
     * @return a reader for standalone messages (queue items, pipe messages)
     */
    public static ValueReader standalone() {
        return new ValueReader(null);
    }

    /**
     * Decodes a whole message.
     *
     * @throws IllegalStateException if it is damaged, too deep, or names a class that is missing here
     */
    public Object decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /**
     * Decodes {@code message[from, to)}, which must hold exactly one value.
     *
     * @throws IllegalStateException if it is damaged, too deep, or names a class that is missing here
     */
    public Object decode(byte[] message, int from, int to) {
        buf = message;
        pos = from;
        end = to;
        local = null;
        try {
            Object v = read(0);
            if (pos != end) {
                throw new IllegalStateException("protocol error: " + (end - pos) + " bytes after the value");
            }
            return v;
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalStateException("cannot decode a value: " + e, e);
        } finally {
            buf = null;
            local = null;
        }
    }

    // ---------------------------------------------------------------- values

    private Object read(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("cannot decode a value nested deeper than " + MAX_DEPTH);
        }
        byte tag = get();
        switch (tag) {
            case Tags.NULL:
                return null;
            case Tags.TRUE:
                return Boolean.TRUE;
            case Tags.FALSE:
                return Boolean.FALSE;
            case Tags.INT:
                return unzigzag(varint());
            case Tags.LONG:
                return unzigzag(varlong());
            case Tags.DOUBLE:
                return Double.longBitsToDouble(fixed64());
            case Tags.FLOAT:
                return Float.intBitsToFloat(fixed32());
            case Tags.SHORT:
                return (short) unzigzag(varint());
            case Tags.BYTE:
                return get();
            case Tags.CHAR:
                return (char) varint();
            case Tags.STRING:
                return string();
            case Tags.BYTES: {
                int n = length(1);
                byte[] a = Arrays.copyOfRange(buf, pos, pos + n);
                pos += n;
                return a;
            }
            case Tags.INTS: {
                int[] a = new int[length(1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = unzigzag(varint());
                }
                return a;
            }
            case Tags.LONGS: {
                long[] a = new long[length(1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = unzigzag(varlong());
                }
                return a;
            }
            case Tags.DOUBLES: {
                double[] a = new double[length(8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(fixed64());
                }
                return a;
            }
            case Tags.OBJECTS: {
                Object[] a = new Object[length(1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = read(depth + 1);
                }
                return a;
            }
            case Tags.OBJECTS_OF_INTEGERS:
                return integerRun();
            case Tags.ARRAY_LIST_OF_INTEGERS:
                return new ArrayList<>(Arrays.asList(integerRun()));
            case Tags.ARRAY_LIST: {
                int n = length(1);
                return fill(new ArrayList<>(n), n, depth);
            }
            case Tags.LINKED_LIST:
                return fill(new LinkedList<>(), length(1), depth);
            case Tags.HASH_SET: {
                int n = length(1);
                return fill(new HashSet<>(capacity(n)), n, depth);
            }
            case Tags.LINKED_HASH_SET: {
                int n = length(1);
                return fill(new LinkedHashSet<>(capacity(n)), n, depth);
            }
            case Tags.TREE_SET:
                return fill(new TreeSet<>(), length(1), depth);
            case Tags.HASH_MAP: {
                int n = length(2);
                return fill(new HashMap<>(capacity(n)), n, depth);
            }
            case Tags.LINKED_HASH_MAP: {
                int n = length(2);
                return fill(new LinkedHashMap<>(capacity(n)), n, depth);
            }
            case Tags.TREE_MAP:
                return fill(new TreeMap<>(), length(2), depth);
            case Tags.LIST_OF: {
                int n = length(1);
                return List.of(fill(new ArrayList<>(n), n, depth).toArray());
            }
            case Tags.SET_OF: {
                int n = length(1);
                return Set.of(fill(new ArrayList<>(n), n, depth).toArray());
            }
            case Tags.MAP_OF: {
                int n = length(2);
                Map<Object, Object> m = fill(new LinkedHashMap<>(capacity(n)), n, depth);
                return Map.copyOf(m);
            }
            case Tags.ARRAYS_AS_LIST: {
                int n = length(1);
                return Arrays.asList(fill(new ArrayList<>(n), n, depth).toArray());
            }
            case Tags.RECORD:
                return record(depth);
            case Tags.ENUM: {
                Class<?> c = type();
                Object[] constants = c.getEnumConstants();
                if (constants == null) {
                    throw new IllegalStateException("protocol error: " + c.getName() + " is not an enum");
                }
                int ordinal = varint();
                if (ordinal < 0 || ordinal >= constants.length) {
                    throw new IllegalStateException("protocol error: no constant " + ordinal + " in " + c.getName());
                }
                return constants[ordinal];
            }
            case Tags.LAMBDA:
                return lambda(depth);
            case Tags.PORTABLE: {
                Class<?> c = type();
                Object[] parts = new Object[length(1)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = read(depth + 1);
                }
                return Portables.rebuild(c, parts);
            }
            case Tags.JAVA: {
                int n = length(1);
                Object o = JavaSerializationCodec.INSTANCE.decode(Arrays.copyOfRange(buf, pos, pos + n));
                pos += n;
                return o;
            }
            default:
                throw new IllegalStateException("protocol error: unknown value tag " + tag);
        }
    }

    /** The numbers of a run of {@code Integer}s (the count, then each as a varint), boxed. */
    private Object[] integerRun() {
        Object[] a = new Object[length(1)];
        for (int i = 0; i < a.length; i++) {
            a[i] = unzigzag(varint());
        }
        return a;
    }

    private <C extends Collection<Object>> C fill(C c, int n, int depth) {
        for (int i = 0; i < n; i++) {
            c.add(read(depth + 1));
        }
        return c;
    }

    private <M extends Map<Object, Object>> M fill(M m, int n, int depth) {
        for (int i = 0; i < n; i++) {
            Object k = read(depth + 1);
            m.put(k, read(depth + 1));
        }
        return m;
    }

    private static int capacity(int n) {
        return (int) Math.min(1 << 30, n * 4L / 3 + 1);
    }

    private Object record(int depth) {
        Class<?> c = type();
        Records.Shape shape = Records.shape(c);
        if (shape == null) {
            throw new IllegalStateException("protocol error: " + c.getName() + " is not a serializable record here");
        }
        Object[] components = new Object[shape.accessors().length];
        for (int i = 0; i < components.length; i++) {
            components[i] = read(depth + 1);
        }
        MethodHandle ctor = shape.constructor();
        try {
            return (Object) ctor.invokeExact(components);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot rebuild a " + c.getName() + ": " + e, e);
        } catch (RuntimeException | Error e) {
            throw e;   // the record's own constructor refused the values, as with Java serialization
        } catch (Throwable t) {
            throw new IllegalStateException("cannot rebuild a " + c.getName() + ": " + t, t);
        }
    }

    private Object lambda(int depth) {
        DescriptorTable.Lambda shape = (DescriptorTable.Lambda) descriptor(Descriptors.LAMBDA);
        int n = length(1);
        Object[] captured = new Object[n];
        for (int i = 0; i < n; i++) {
            captured[i] = read(depth + 1);
        }
        return shape.rebuild(captured);
    }

    private Class<?> type() {
        return (Class<?>) descriptor(Descriptors.TYPE);
    }

    private Object descriptor(byte kind) {
        int ref = varint();
        Object resolved;
        if (table != null) {
            resolved = table.resolved(ref);
        } else {
            if (local == null) {
                local = new ArrayList<>(2);
            }
            int index = ref >>> 1;
            if ((ref & 1) != 0) {
                if (index != local.size()) {
                    throw new IllegalStateException("protocol error: descriptor " + index + " defined out of order");
                }
                int n = length(1);
                byte[] def = Arrays.copyOfRange(buf, pos, pos + n);
                pos += n;
                local.add(DescriptorTable.resolve(Descriptors.parse(def)));
            } else if (index >= local.size()) {
                throw new IllegalStateException("protocol error: descriptor " + index + " used before it is defined");
            }
            resolved = local.get(index);
        }
        boolean isType = resolved instanceof Class<?>;
        if (isType != (kind == Descriptors.TYPE)) {
            throw new IllegalStateException("protocol error: descriptor " + ref + " is of the wrong kind");
        }
        return resolved;
    }

    // ---------------------------------------------------------------- bytes

    private byte get() {
        if (pos >= end) {
            throw new IllegalStateException("protocol error: the message ends early");
        }
        return buf[pos++];
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left. */
    private int length(int minBytes) {
        int n = varint();
        if (n < 0 || (long) n * minBytes > end - pos) {
            throw new IllegalStateException("protocol error: a length of " + n + " where " + (end - pos)
                    + " bytes are left");
        }
        return n;
    }

    private int varint() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = get();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("protocol error: a malformed number");
    }

    private long varlong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("protocol error: a malformed number");
    }

    private int fixed32() {
        return (get() & 0xFF) << 24 | (get() & 0xFF) << 16 | (get() & 0xFF) << 8 | (get() & 0xFF);
    }

    private long fixed64() {
        return (long) fixed32() << 32 | (fixed32() & 0xFFFFFFFFL);
    }

    private String string() {
        int n = length(1);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private static int unzigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** For the lambda's captured values array in {@link DescriptorTable.Lambda#form}. */
    static SerializedLambda form(List<String> p, Class<?> capturing, Object[] captured) {
        return new SerializedLambda(capturing, p.get(1), p.get(2), p.get(3), Integer.parseInt(p.get(4)), p.get(5),
                p.get(6), p.get(7), p.get(8), captured);
    }
}
