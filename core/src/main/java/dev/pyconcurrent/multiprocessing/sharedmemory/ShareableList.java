package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A fixed-length list of numbers, booleans, strings, byte strings and {@code null}s in a
 * {@link SharedMemory} block. Python: {@code multiprocessing.shared_memory.ShareableList}.
 *
 * <p>The block has CPython's exact layout, so a list made by CPython can be read and changed here
 * and the other way round: the item count (8 bytes), the {@code N + 1} item offsets from the start
 * of the data area (8 bytes each), the data area, each item's {@code struct} format (8 bytes each:
 * {@code q}, {@code d}, {@code xxxxxxx?}, {@code xxxxxx?x} or {@code <n>s}), then one byte per item
 * saying how to read it back (0 number or boolean, 1 {@code str}, 2 {@code bytes}, 3 {@code None});
 * numbers in the platform's native byte order, as CPython's {@code struct} writes them.
 *
 * <table>
 *   <caption>Element types</caption>
 *   <tr><th>Python</th><th>stored as</th><th>read back here as</th><th>accepted by {@link #set}</th></tr>
 *   <tr><td>{@code int}</td><td>{@code q}</td><td>{@link Long}</td><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}</td></tr>
 *   <tr><td>{@code float}</td><td>{@code d}</td><td>{@link Double}</td><td>{@code Double}, {@code Float}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@code xxxxxxx?}</td><td>{@link Boolean}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@code str}</td><td>{@code <n>s}, UTF-8</td><td>{@link String}</td><td>{@code String}</td></tr>
 *   <tr><td>{@code bytes}</td><td>{@code <n>s}</td><td>{@code byte[]}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>{@code None}</td><td>{@code xxxxxx?x}</td><td>{@code null}</td><td>{@code null}</td></tr>
 * </table>
 *
 * <p>As in Python, the length never changes ({@code add} and {@code remove} are not supported);
 * an item can be replaced by one of any type, but a string or byte string only fits in the room
 * its slot got when the list was made ({@code 8 * (len / 8 + 1)} bytes for a string or byte string,
 * 8 bytes for anything else): a longer one is an {@link IllegalArgumentException}
 * ({@code "bytes/str item exceeds available storage"}). Trailing zero bytes of a string or byte
 * string are lost, as in CPython. Where CPython reserves room by the number of characters of a
 * string (and truncates its UTF-8 form when that is longer), this class reserves room by the UTF-8
 * length, so a list made here never truncates; the layout is the same.
 *
 * <p>Equality for {@link #indexOf}, {@link #contains}, {@link #count} and {@link #index} compares
 * what the list would store: {@code 3} (an {@code Integer}) finds {@code 3L}, and byte strings are
 * compared by content.
 *
 * <p>Not synchronized, as in Python: guard concurrent changes with a lock. Serializable: another
 * process attaches to the same block by name. Negative indexes are not accepted (Java's
 * {@link List} contract): an index outside {@code 0 .. size()-1} is an
 * {@link IndexOutOfBoundsException}.
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int ALIGNMENT = 8;
    private static final String BOOL = "xxxxxxx?";
    private static final String NONE = "xxxxxx?x";
    private static final int CODE_VALUE = 0;
    private static final int CODE_STR = 1;
    private static final int CODE_BYTES = 2;
    private static final int CODE_NONE = 3;

    /** The block's name: all a receiving process needs. */
    private final String name;
    private transient SharedMemory shm;
    /** The item count, read once (the layout fixes it). */
    private transient int length;
    /** Offsets of the items from the start of the data area, {@code length + 1} of them. */
    private transient long[] offsets;

    /**
     * Python: {@code ShareableList(sequence)}: a new block with a made-up name holding the items.
     *
     * @param sequence the items ({@code Long}/{@code Integer}/{@code Short}/{@code Byte},
     *                 {@code Double}/{@code Float}, {@code Boolean}, {@code String}, {@code byte[]} or
     *                 {@code null})
     * @throws IllegalArgumentException for an item of another type, or a string too long to describe
     */
    public ShareableList(Collection<?> sequence) {
        this(sequence, null);
    }

    /**
     * Python: {@code ShareableList(sequence, name=name)}.
     *
     * @param sequence the items, as {@link #ShareableList(Collection)}
     * @param name     the new block's name, or {@code null} for a made-up one
     * @throws IllegalArgumentException as {@link #ShareableList(Collection)}
     * @throws java.io.UncheckedIOException (cause {@link java.nio.file.FileAlreadyExistsException})
     *         if the name exists
     */
    public ShareableList(Collection<?> sequence, String name) {
        List<Object> items = new ArrayList<>(sequence.size());
        List<String> formats = new ArrayList<>(sequence.size());
        List<byte[]> encoded = new ArrayList<>(sequence.size());
        for (Object o : sequence) {
            Object item = normalize(o);
            byte[] raw = item instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : item instanceof byte[] b ? b : null;
            items.add(item);
            encoded.add(raw);
            formats.add(raw != null ? stringFormat(ALIGNMENT * (raw.length / ALIGNMENT + 1)) : format(item));
        }
        int n = items.size();
        long[] offs = new long[n + 1];
        for (int i = 0; i < n; i++) {
            String f = formats.get(i);
            offs[i + 1] = offs[i] + (f.endsWith("s") ? Integer.parseInt(f.substring(0, f.length() - 1)) : ALIGNMENT);
        }
        long total = 8L + 8L * (n + 1) + offs[n] + 8L * n + n;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the items need " + total + " bytes, more than a block can hold here");
        }
        SharedMemory block = new SharedMemory(name, true, (int) total);
        ByteBuffer buf = block.getBuf();
        buf.putLong(0, n);
        for (int i = 0; i <= n; i++) {
            buf.putLong(8 + 8 * i, offs[i]);
        }
        this.shm = block;
        this.name = block.getName();
        this.length = n;
        this.offsets = offs;
        for (int i = 0; i < n; i++) {
            write(buf, i, formats.get(i), items.get(i), encoded.get(i));
        }
    }

    private ShareableList(SharedMemory block) {
        this.shm = block;
        this.name = block.getName();
        readLayout();
    }

    /**
     * Python: {@code ShareableList(name=name)}: opens a list made elsewhere (CPython's included).
     *
     * @param name the block's name
     * @return the list
     * @throws java.io.UncheckedIOException (cause {@link java.nio.file.NoSuchFileException}) if there
     *         is no such block
     * @throws IllegalStateException if the block does not hold a list
     */
    public static ShareableList attach(String name) {
        SharedMemory block = SharedMemory.attach(name);
        try {
            return new ShareableList(block);
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
    }

    private void readLayout() {
        ByteBuffer buf = shm.getBuf();
        long n = buf.getLong(0);
        if (n < 0 || 16 + 17 * n > buf.capacity()) {
            throw new IllegalStateException("shared memory " + SharedMemory.repr(name) + " does not hold a ShareableList (item count " + n + ")");
        }
        length = (int) n;
        offsets = new long[length + 1];
        for (int i = 0; i <= length; i++) {
            offsets[i] = buf.getLong(8 + 8 * i);
        }
        if (offsets[length] < 0 || dataStart() + offsets[length] + 9L * length > buf.capacity()) {
            throw new IllegalStateException("shared memory " + SharedMemory.repr(name) + " does not hold a ShareableList (bad offsets)");
        }
    }

    /** @return the item as stored: Integer/Short/Byte as Long, Float as Double */
    private static Object normalize(Object o) {
        if (o == null || o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof String
                || o instanceof byte[]) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("a ShareableList holds Long, Double, Boolean, String, byte[] or null"
                + " (Python int, float, bool, str, bytes, None), not " + o.getClass().getName());
    }

    private static String format(Object item) {
        if (item == null) {
            return NONE;
        }
        if (item instanceof Boolean) {
            return BOOL;
        }
        return item instanceof Double ? "d" : "q";
    }

    private static String stringFormat(int room) {
        String f = room + "s";
        if (f.length() > 8) {
            throw new IllegalArgumentException("a string or byte string of " + room + " bytes is too long for a"
                    + " ShareableList (its format must fit in 8 characters)");
        }
        return f;
    }

    private int dataStart() {
        return (length + 2) * 8;
    }

    private int formatsStart() {
        return (int) (dataStart() + offsets[length]);
    }

    private int codesStart() {
        return formatsStart() + length * 8;
    }

    private ByteBuffer buf() {
        return shm.getBuf();
    }

    private void write(ByteBuffer buf, int i, String fmt, Object item, byte[] raw) {
        byte[] f = fmt.getBytes(StandardCharsets.US_ASCII);
        int at = formatsStart() + 8 * i;
        for (int k = 0; k < 8; k++) {
            buf.put(at + k, k < f.length ? f[k] : 0);
        }
        int code = item instanceof String ? CODE_STR : item instanceof byte[] ? CODE_BYTES : item == null ? CODE_NONE : CODE_VALUE;
        buf.put(codesStart() + i, (byte) code);
        int off = (int) (dataStart() + offsets[i]);
        if (raw != null) {
            int room = Integer.parseInt(fmt.substring(0, fmt.length() - 1));
            for (int k = 0; k < room; k++) {
                buf.put(off + k, k < raw.length ? raw[k] : 0);
            }
        } else if (item == null) {
            buf.putLong(off, 0L);                     // xxxxxx?x: the '?' (False) at byte 6
        } else if (item instanceof Boolean b) {
            buf.putLong(off, 0L);
            buf.put(off + 7, (byte) (b ? 1 : 0));     // xxxxxxx?: the '?' at byte 7
        } else if (item instanceof Double d) {
            buf.putDouble(off, d);
        } else {
            buf.putLong(off, (Long) item);
        }
    }

    private String formatAt(ByteBuffer buf, int i) {
        int at = formatsStart() + 8 * i;
        byte[] f = new byte[8];
        buf.get(at, f);
        int end = 8;
        while (end > 0 && f[end - 1] == 0) {
            end--;
        }
        return new String(f, 0, end, StandardCharsets.UTF_8);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index out of range: " + i + " (size " + length + ")");
        }
    }

    /**
     * Python: {@code sl[i]}.
     *
     * @param index the position
     * @return a {@link Long}, {@link Double}, {@link Boolean}, {@link String}, {@code byte[]} or {@code null}
     * @throws IndexOutOfBoundsException outside {@code 0 .. size()-1}
     * @throws IllegalStateException     after {@link #close()}, or for a format this class does not know
     */
    @Override
    public Object get(int index) {
        checkIndex(index);
        ByteBuffer buf = buf();
        String fmt = formatAt(buf, index);
        int code = buf.get(codesStart() + index);
        int off = (int) (dataStart() + offsets[index]);
        Object v;
        switch (fmt) {
            case "q" -> v = buf.getLong(off);
            case "d" -> v = buf.getDouble(off);
            case BOOL -> v = buf.get(off + 7) != 0;
            case NONE -> v = buf.get(off + 6) != 0;
            default -> {
                if (!fmt.endsWith("s") || fmt.length() < 2) {
                    throw new IllegalStateException("item " + index + " has a format this ShareableList cannot read: " + fmt);
                }
                int room = Integer.parseInt(fmt.substring(0, fmt.length() - 1));
                byte[] b = new byte[room];
                buf.get(off, b);
                int end = room;
                while (end > 0 && b[end - 1] == 0) {
                    end--;
                }
                v = Arrays.copyOf(b, end);
            }
        }
        switch (code) {
            case CODE_VALUE:
                return v;
            case CODE_STR:
                return new String((byte[]) v, StandardCharsets.UTF_8);
            case CODE_BYTES:
                return v;
            case CODE_NONE:
                return null;
            default:
                throw new IllegalStateException("item " + index + " has an unknown type code " + code);
        }
    }

    /**
     * Python: {@code sl[i] = value}.
     *
     * @param index the position
     * @param value a {@code Long}/{@code Integer}/{@code Short}/{@code Byte}, {@code Double}/{@code Float},
     *              {@code Boolean}, {@code String}, {@code byte[]} or {@code null}
     * @return the item it replaced
     * @throws IndexOutOfBoundsException outside {@code 0 .. size()-1}
     * @throws IllegalArgumentException  for another type, or a string or byte string longer than its slot
     */
    @Override
    public Object set(int index, Object value) {
        checkIndex(index);
        Object item = normalize(value);
        Object old = get(index);
        ByteBuffer buf = buf();
        String fmt;
        byte[] raw = null;
        if (item instanceof String || item instanceof byte[]) {
            raw = item instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) item;
            long room = offsets[index + 1] - offsets[index];
            if (raw.length > room) {
                throw new IllegalArgumentException("bytes/str item exceeds available storage (" + raw.length
                        + " bytes, slot " + index + " has " + room + ")");
            }
            String current = formatAt(buf, index);
            fmt = current.endsWith("s") ? current : room + "s";
        } else {
            fmt = format(item);
        }
        write(buf, index, fmt, item, raw);
        return old;
    }

    /**
     * Python: {@code len(sl)}.
     *
     * @return the number of items
     */
    @Override
    public int size() {
        return length;
    }

    /**
     * Python: {@code sl.format}.
     *
     * @return the {@code struct} formats of all items, joined (e.g. {@code "qd8sxxxxxx?x"})
     */
    public String getFormat() {
        ByteBuffer buf = buf();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(formatAt(buf, i));
        }
        return b.toString();
    }

    /**
     * Python: {@code sl.shm}.
     *
     * @return the block holding the list (unlink it there when nobody needs the list any more)
     */
    public SharedMemory getShm() {
        return shm;
    }

    /**
     * Python: {@code sl.count(value)}.
     *
     * @param value what to count (compared as this list would store it)
     * @return how many items equal it
     */
    public int count(Object value) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (same(value, get(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Python: {@code sl.index(value)}.
     *
     * @param value what to find
     * @return the first position holding it
     * @throws IllegalArgumentException if no item equals it (Python: {@code ValueError})
     */
    public int index(Object value) {
        int i = indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException(repr(value) + " not in this container");
        }
        return i;
    }

    /**
     * The first position holding {@code o}, compared as this list would store it.
     *
     * @param o what to find
     * @return its position, or -1
     */
    @Override
    public int indexOf(Object o) {
        for (int i = 0; i < length; i++) {
            if (same(o, get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The last position holding {@code o}, compared as this list would store it.
     *
     * @param o what to find
     * @return its position, or -1
     */
    @Override
    public int lastIndexOf(Object o) {
        for (int i = length - 1; i >= 0; i--) {
            if (same(o, get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether an item equals {@code o}, compared as this list would store it.
     *
     * @param o what to find
     * @return whether it is there
     */
    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    private static boolean same(Object wanted, Object item) {
        Object w;
        try {
            w = normalize(wanted);
        } catch (IllegalArgumentException notStorable) {
            return false;
        }
        if (w instanceof byte[] a && item instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(w, item);
    }

    /**
     * Python: {@code sl.shm.close()}: this object lets go of the block (it stays until unlinked).
     */
    @Override
    public void close() {
        shm.close();
    }

    /**
     * Python: {@code repr(sl)}.
     *
     * @return e.g. {@code ShareableList([1, 2.5, True, 'a', b'b', None], name='psm_1234abcd')}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ShareableList([");
        for (int i = 0; i < length; i++) {
            b.append(i == 0 ? "" : ", ").append(repr(get(i)));
        }
        return b.append("], name=").append(SharedMemory.repr(name)).append(')').toString();
    }

    /** Python's {@code repr} of an item. */
    static String repr(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean bo) {
            return bo ? "True" : "False";
        }
        if (o instanceof String s) {
            return SharedMemory.repr(s);
        }
        if (o instanceof byte[] bytes) {
            StringBuilder b = new StringBuilder("b'");
            for (byte x : bytes) {
                int c = x & 0xff;
                if (c == '\\' || c == '\'') {
                    b.append('\\').append((char) c);
                } else if (c >= 0x20 && c < 0x7f) {
                    b.append((char) c);
                } else {
                    b.append(String.format("\\x%02x", c));
                }
            }
            return b.append('\'').toString();
        }
        return String.valueOf(o);
    }

    /**
     * Python: lists compare equal item by item; byte strings here compare by content.
     *
     * @param o another object
     * @return whether it is a list with equal items
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof List<?> other) || other.size() != size()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            Object a = get(i);
            Object b = other.get(i);
            if (!(a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : Objects.equals(a, b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Consistent with {@link #equals}: byte strings hash by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) {
            Object a = get(i);
            h = 31 * h + (a instanceof byte[] x ? Arrays.hashCode(x) : Objects.hashCode(a));
        }
        return h;
    }

    /**
     * Attaches to the block by name in the receiving process (Python: {@code ShareableList(name=...)}).
     *
     * @param in the stream
     * @throws IOException            if the stream fails
     * @throws ClassNotFoundException never for this class's own fields
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null) {
            throw new InvalidObjectException("no name");
        }
        shm = SharedMemory.attach(name);
        readLayout();
    }
}
