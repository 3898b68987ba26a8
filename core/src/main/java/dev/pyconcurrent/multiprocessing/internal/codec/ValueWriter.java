package dev.pyconcurrent.multiprocessing.internal.codec;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Encodes the values that travel between JVMs: tasks, their arguments and results, queue items.
 *
 * <p>Written directly, one tag byte and the value: {@code null}, boxed primitives, {@code String},
 * primitive arrays, {@code Object[]}, the JDK's common collections and maps ({@code ArrayList},
 * {@code LinkedList}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap} and {@code TreeSet} in
 * natural order, {@code HashSet}, {@code LinkedHashSet}, {@code List.of}/{@code Set.of}/{@code Map.of},
 * {@code Arrays.asList}), serializable records and enums, serializable lambdas (their captured values
 * each written in turn), and this library's {@link Portables portable} objects (queue and pipe handles, a process
 * object) as their parts. Classes and lambda shapes are {@link Descriptors} referred to by number.
 * Everything else is Java serialization, in its own tagged block. A value whose containers are shared
 * or cyclic, or nested deeper than {@link #MAX_DEPTH}, is written whole by Java serialization, which
 * keeps identity.
 *
 * <p>Two modes: on a channel ({@code standalone == false}) descriptors are numbers from this JVM and
 * the returned {@link Encoded} lists them, for the channel to define before the message; a standalone
 * message (a queue item, relayed to whoever takes it) carries each descriptor's definition the first
 * time it names it.
 *
 * <p>One writer per thread ({@link #get()}), reused: its buffer grows to the largest message and stays.
 */
public final class ValueWriter {
    /**
     * Deepest nesting written directly. Deeper values go to Java serialization, whose reader recurses
     * several frames a level: kept low so such a value still decodes on a default 512 KiB-1 MiB stack.
     */
    static final int MAX_DEPTH = 100;

    /** A subclass, not {@code withInitial(ValueWriter::new)}: a young worker links no call site for it. */
    private static final ThreadLocal<ValueWriter> WRITERS = new ThreadLocal<>() {
        @Override
        protected ValueWriter initialValue() {
            return new ValueWriter();
        }
    };

    /** Thrown inside an encoding that must start again as Java serialization. */
    private static final class Restart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Restart() {
            super(null, null, false, false);
        }
    }

    private static final Restart RESTART = new Restart();

    private byte[] buf = new byte[512];
    private int pos;
    private boolean standalone;
    private final IdentityHashMap<Object, Boolean> containers = new IdentityHashMap<>();
    private final HashMap<Descriptors.Key, Integer> local = new HashMap<>();   // standalone: key -> index
    private int[] uses = new int[8];
    private int usesCount;

    private ValueWriter() {
    }

    /**
     * @return this thread's writer
     */
    public static ValueWriter get() {
        return WRITERS.get();
    }

    /**
     * Encodes one value.
     *
     * @param value the value
     * @param standalone true: definitions inline (the message may travel anywhere); false: descriptor
     *                   numbers, listed in the result, for a channel to define first
     * @return the message
     * @throws IllegalArgumentException if the value (or something in it) cannot be serialized; the
     *                                  message names the class
     */
    public Encoded encode(Object value, boolean standalone) {
        return encode(value, standalone, 0);
    }

    /**
     * Encodes one value after {@code headroom} zero bytes, which the caller fills with a header of its
     * own: it need not copy the message to put one in front of it.
     *
     * @param value the value
     * @param standalone as in {@link #encode(Object, boolean)}
     * @param headroom bytes left for the caller before the value (&ge; 0)
     * @return the message, the value starting at {@code headroom}
     * @throws IllegalArgumentException as {@link #encode(Object, boolean)}
     */
    public Encoded encode(Object value, boolean standalone, int headroom) {
        this.standalone = standalone;
        reset(headroom);
        try {
            write(value, 0);
        } catch (Restart restart) {
            reset(headroom);
            writeJava(value);
        } finally {
            containers.clear();
            local.clear();
        }
        byte[] bytes;
        if (pos == buf.length) {
            bytes = buf;   // filled exactly (a large array, which the buffer grew to fit): handed over, not copied
            buf = new byte[512];
        } else {
            bytes = Arrays.copyOf(buf, pos);
            if (buf.length > (1 << 20)) {
                buf = new byte[512];   // do not keep a huge buffer for a thread that sent one huge message
            }
        }
        return new Encoded(bytes, usesCount == 0 ? Encoded.NO_USES : Arrays.copyOf(uses, usesCount));
    }

    private void reset(int headroom) {
        pos = 0;
        ensure(headroom);
        Arrays.fill(buf, 0, headroom, (byte) 0);
        pos = headroom;
        usesCount = 0;
        containers.clear();
        local.clear();
    }

    // ---------------------------------------------------------------- values

    private void write(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw RESTART;
        }
        if (v == null) {
            put(Tags.NULL);
            return;
        }
        Class<?> c = v.getClass();
        if (c == Integer.class) {
            put(Tags.INT);
            varint(zigzag((Integer) v));
        } else if (c == String.class) {
            put(Tags.STRING);
            string((String) v);
        } else if (c == Long.class) {
            put(Tags.LONG);
            varlong(zigzag((Long) v));
        } else if (c == Double.class) {
            put(Tags.DOUBLE);
            fixed64(Double.doubleToRawLongBits((Double) v));
        } else if (c == Boolean.class) {
            put((Boolean) v ? Tags.TRUE : Tags.FALSE);
        } else if (c == Float.class) {
            put(Tags.FLOAT);
            fixed32(Float.floatToRawIntBits((Float) v));
        } else if (c == Short.class) {
            put(Tags.SHORT);
            varint(zigzag((Short) v));
        } else if (c == Byte.class) {
            put(Tags.BYTE);
            put((Byte) v);
        } else if (c == Character.class) {
            put(Tags.CHAR);
            varint((Character) v);
        } else if (c.isArray()) {
            writeArray(v, c, depth);
        } else if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
            writeContainer(v, c, depth);
        } else if (Portables.isPortable(c)) {
            writePortable(v, c, depth);
        } else if (c.isRecord()) {
            writeRecord(v, c, depth);
        } else if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            Enum<?> e = (Enum<?>) v;
            put(Tags.ENUM);
            descriptor(Descriptors.type(e.getDeclaringClass()));
            varint(e.ordinal());
        } else if ((c.isSynthetic() || v instanceof ReflectedLambdas.Reflected) && v instanceof Serializable
                && writeLambda(v, depth)) {
            return;
        } else {
            writeJavaBlock(v);
        }
    }

    private void writeArray(Object v, Class<?> c, int depth) {
        if (c == byte[].class) {
            byte[] a = (byte[]) v;
            put(Tags.BYTES);
            varint(a.length);
            ensure(a.length);
            System.arraycopy(a, 0, buf, pos, a.length);
            pos += a.length;
        } else if (c == int[].class) {
            int[] a = (int[]) v;
            put(Tags.INTS);
            varint(a.length);
            for (int x : a) {
                varint(zigzag(x));
            }
        } else if (c == long[].class) {
            long[] a = (long[]) v;
            put(Tags.LONGS);
            varint(a.length);
            for (long x : a) {
                varlong(zigzag(x));
            }
        } else if (c == double[].class) {
            double[] a = (double[]) v;
            put(Tags.DOUBLES);
            varint(a.length);
            for (double x : a) {
                fixed64(Double.doubleToRawLongBits(x));
            }
        } else if (c == Object[].class) {
            enter(v);
            Object[] a = (Object[]) v;
            if (writeIntegerRun(Tags.OBJECTS_OF_INTEGERS, Arrays.asList(a))) {   // a chunk of a map over numbers
                return;
            }
            put(Tags.OBJECTS);
            varint(a.length);
            for (Object x : a) {
                write(x, depth + 1);
            }
        } else {
            writeJavaBlock(v);   // other arrays keep their component type through Java serialization
        }
    }

    private void writeContainer(Object v, Class<?> c, int depth) {
        byte tag;
        if (c == ArrayList.class) {
            tag = Tags.ARRAY_LIST;
        } else if (c == HashMap.class) {
            tag = Tags.HASH_MAP;
        } else if (c == LinkedHashMap.class) {
            tag = Tags.LINKED_HASH_MAP;
        } else if (c == HashSet.class) {
            tag = Tags.HASH_SET;
        } else if (c == LinkedHashSet.class) {
            tag = Tags.LINKED_HASH_SET;
        } else if (c == LinkedList.class) {
            tag = Tags.LINKED_LIST;
        } else if (c == TreeMap.class && ((TreeMap<?, ?>) v).comparator() == null) {
            tag = Tags.TREE_MAP;
        } else if (c == TreeSet.class && ((TreeSet<?>) v).comparator() == null) {
            tag = Tags.TREE_SET;
        } else if (c == Tags.LIST12 || c == Tags.LISTN) {
            tag = Tags.LIST_OF;
        } else if (c == Tags.SET12 || c == Tags.SETN) {
            tag = Tags.SET_OF;
        } else if (c == Tags.MAP1 || c == Tags.MAPN) {
            tag = Tags.MAP_OF;
        } else if (c == Tags.ARRAYS_LIST) {
            tag = Tags.ARRAYS_AS_LIST;
        } else {
            writeJavaBlock(v);
            return;
        }
        enter(v);
        if (tag == Tags.ARRAY_LIST && writeIntegerRun(Tags.ARRAY_LIST_OF_INTEGERS, (ArrayList<?>) v)) {
            return;   // the results of a map over numbers
        }
        put(tag);
        if (v instanceof Map<?, ?> m) {
            varint(m.size());
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(e.getKey(), depth + 1);
                write(e.getValue(), depth + 1);
                n++;
            }
            if (n != m.size()) {
                throw RESTART;   // changed while being written
            }
        } else {
            Collection<?> col = (Collection<?>) v;
            varint(col.size());
            int n = 0;
            for (Object x : col) {
                write(x, depth + 1);
                n++;
            }
            if (n != col.size()) {
                throw RESTART;
            }
        }
    }

    /**
     * Writes a non-empty sequence of {@code Integer}s only as one run: {@code tag}, the count, the numbers,
     * with no tag per item.
     *
     * @return false, having written nothing, if it is empty or holds anything else
     */
    private boolean writeIntegerRun(byte tag, List<?> items) {
        int n = items.size();
        if (n == 0) {
            return false;
        }
        int start = pos;
        put(tag);
        varint(n);
        for (int i = 0; i < n; i++) {
            if (!(items.get(i) instanceof Integer x)) {
                pos = start;   // not a run: the caller writes the items one by one
                return false;
            }
            varint(zigzag(x));
        }
        if (items.size() != n) {
            throw RESTART;   // changed while being written
        }
        return true;
    }

    private void writeRecord(Object v, Class<?> c, int depth) {
        Records.Shape shape = Records.shape(c);
        if (shape == null) {
            writeJavaBlock(v);
            return;
        }
        enter(v);
        put(Tags.RECORD);
        descriptor(Descriptors.type(c));
        for (var accessor : shape.accessors()) {
            Object component;
            try {
                component = (Object) accessor.invokeExact(v);
            } catch (Throwable t) {
                throw RESTART;   // an accessor that throws: let Java serialization report it
            }
            write(component, depth + 1);
        }
    }

    private void writePortable(Object v, Class<?> c, int depth) {
        enter(v);
        Object[] parts = Portables.parts(v);
        put(Tags.PORTABLE);
        descriptor(Descriptors.type(c));
        varint(parts.length);
        for (Object part : parts) {
            write(part, depth + 1);
        }
    }

    private boolean writeLambda(Object v, int depth) {
        SerializedLambda form = Lambdas.serializedForm(v);
        if (form == null) {
            return false;
        }
        put(Tags.LAMBDA);
        descriptor(Descriptors.lambda(form));
        int n = form.getCapturedArgCount();
        varint(n);
        for (int i = 0; i < n; i++) {
            write(form.getCapturedArg(i), depth + 1);
        }
        return true;
    }

    /** Notes a container; one seen twice (shared or cyclic) restarts the message as Java serialization. */
    private void enter(Object container) {
        if (containers.put(container, Boolean.TRUE) != null) {
            throw RESTART;
        }
    }

    private void writeJavaBlock(Object v) {
        byte[] bytes = JavaSerializationCodec.INSTANCE.encode(v);
        put(Tags.JAVA);
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void writeJava(Object value) {
        writeJavaBlock(value);
    }

    // ---------------------------------------------------------------- descriptors

    private void descriptor(Descriptors.Key key) {
        if (!standalone) {
            int id = Descriptors.id(key);
            varint(id);
            for (int i = 0; i < usesCount; i++) {
                if (uses[i] == id) {
                    return;
                }
            }
            if (usesCount == uses.length) {
                uses = Arrays.copyOf(uses, uses.length * 2);
            }
            uses[usesCount++] = id;
            return;
        }
        Integer index = local.get(key);
        if (index != null) {
            varint(index << 1);
            return;
        }
        int next = local.size();
        local.put(key, next);
        Descriptors.noteSent(key.parts().get(0));   // for the children's class-data archive, as a channel's descriptors are
        varint(next << 1 | 1);
        byte[] def = Descriptors.define(key);
        varint(def.length);
        ensure(def.length);
        System.arraycopy(def, 0, buf, pos, def.length);
        pos += def.length;
    }

    // ---------------------------------------------------------------- bytes

    private void ensure(int more) {
        if (buf.length - pos < more) {
            long need = (long) pos + more;
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the value is too large to send (more than 2 GiB)");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    private void varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void varlong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void fixed32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void fixed64(long v) {
        fixed32((int) (v >>> 32));
        fixed32((int) v);
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
