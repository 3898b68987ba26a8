package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Acquirable;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A fixed-length array in shared memory. Python: {@code multiprocessing.Array(typecode,
 * size_or_initializer, lock=True)} and {@code RawArray(typecode, size_or_initializer)}.
 *
 * <table>
 *   <caption>Python → Java</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code Array('i', 10)}</td><td>{@code Array.of('i', 10)} (zero-filled)</td></tr>
 *   <tr><td>{@code Array('d', [1.0, 2.5])}</td><td>{@code Array.of('d', new double[] {1.0, 2.5})} or {@code Array.of('d', List.of(1.0, 2.5))}</td></tr>
 *   <tr><td>{@code Array('c', b'hello')}, {@code Array('u', 'hello')}</td><td>{@code Array.of('c', "hello".getBytes())}, {@code Array.of('u', "hello")}</td></tr>
 *   <tr><td>{@code Array('q', n)}, {@code Array('d', n)}</td><td>{@code Array.ofLongs(n)}, {@code Array.ofDoubles(n)}</td></tr>
 *   <tr><td>{@code Array('i', 10, lock=False)}, {@code RawArray('i', 10)}</td><td>{@code Array.of('i', 10, false)}, {@code Array.raw('i', 10)}</td></tr>
 *   <tr><td>{@code Array('i', 10, lock=my_lock)}</td><td>{@code Array.of('i', 10, myLock)}</td></tr>
 *   <tr><td>{@code a[i]}, {@code a[i] = x}, {@code len(a)}</td><td>{@code get(i)}, {@code set(i, x)}; typed {@code getLong(i)}/{@code setLong(i, v)},
 *       {@code getDouble(i)}/{@code setDouble(i, v)}; {@code length()}</td></tr>
 *   <tr><td>{@code a[2:5]}, {@code a[2:5] = [7, 8, 9]}, {@code a[:]}</td><td>{@code getLongs(2, 5)}, {@code setLongs(2, 7, 8, 9)} (also
 *       {@code getDoubles}/{@code setDoubles}, {@code getBytes}/{@code setBytes}), {@code toList()}</td></tr>
 *   <tr><td>{@code a.value}, {@code a.raw} of {@code 'c'}</td><td>{@code getValue()}/{@code setValue(bytes)}, {@code getRaw()}/{@code setRaw(bytes)}</td></tr>
 *   <tr><td>{@code a.value} of {@code 'u'}/{@code 'w'}</td><td>{@code getString()}/{@code setString(s)}</td></tr>
 * </table>
 *
 * <p>Type codes, element values and ranges are those of {@link Value}: a value outside its type's
 * range, or of the wrong type, is an {@link IllegalArgumentException} naming the type code and the
 * range, and nothing is written (a slice is checked whole before any element changes). An index
 * outside {@code 0 .. length()-1} is an {@link IndexOutOfBoundsException}
 * ({@code "array index out of range"}); a slice must have {@code 0 <= from <= to <= length()}
 * (negative indexes are not accepted). The typed accessors of another kind of element throw
 * {@link IllegalStateException}.
 *
 * <p>As {@link Value}: a memory-mapped file mapped by every process the array is sent to; each
 * element access is atomic, and {@link #getLock()} guards compound updates. As in Python, the
 * slice operations ({@code getLongs}, {@code setLongs}, ..., {@code getValue}, {@code setRaw},
 * {@code toList}) hold that lock while they run, unless the array is raw; a given non-reentrant
 * lock must then not be held by the caller. {@link #close()} and the garbage collector release it as
 * for {@link Value}.
 */
public final class Array implements Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 3L;

    /** The shared-memory file (in {@code /dev/shm} where available) that every process maps. */
    private final String file;
    /** The number of elements. */
    private final int length;
    /** The Python type code. */
    private final char typecode;
    /** Which lock {@link #getLock()} returns, as {@link Value}'s. */
    private final byte lockMode;
    /** The lock given at creation, or {@code null}. */
    private final Acquirable givenLock;
    /** This process's view of the memory. */
    private transient SharedCells cells;

    private Array(TypeCode type, long[] bits, int length, byte lockMode, Acquirable givenLock) {
        this.cells = SharedCells.create(type, length);
        this.file = cells.file.toString();
        this.length = length;
        this.typecode = type.code;
        this.lockMode = lockMode;
        this.givenLock = givenLock;
        if (bits != null) {
            MappedByteBuffer b = cells.buf("Array");
            for (int i = 0; i < bits.length; i++) {
                cells.set(b, i, bits[i]);
            }
        }
    }

    private static Array make(char typecode, Object sizeOrInitializer, byte lockMode, Acquirable lock) {
        TypeCode type = TypeCode.of(typecode);
        Objects.requireNonNull(sizeOrInitializer, "size or initializer");
        if (sizeOrInitializer instanceof Integer || sizeOrInitializer instanceof Long
                || sizeOrInitializer instanceof Short || sizeOrInitializer instanceof Byte) {
            long n = ((Number) sizeOrInitializer).longValue();
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("array size must be 0 .. " + Integer.MAX_VALUE + ", got " + n);
            }
            return new Array(type, null, (int) n, lockMode, lock);
        }
        long[] bits = initialBits(type, sizeOrInitializer);
        return new Array(type, bits, bits.length, lockMode, lock);
    }

    /** The bits of every element of an initializer, checked. */
    static long[] initialBits(TypeCode type, Object init) {
        if (init instanceof long[] a && type.kind == TypeCode.Kind.INTEGER) {
            long[] bits = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                bits[i] = type.integerBits(a[i]);
            }
            return bits;
        }
        if (init instanceof double[] a && type.kind == TypeCode.Kind.FLOAT) {
            long[] bits = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                bits[i] = type.floatBits(a[i]);
            }
            return bits;
        }
        if (init instanceof String s && (type.kind == TypeCode.Kind.TEXT)) {
            return s.codePoints().asLongStream().toArray();
        }
        if (init instanceof byte[] a && type.kind == TypeCode.Kind.CHAR) {
            long[] bits = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                bits[i] = a[i] & 0xffL;
            }
            return bits;
        }
        List<Object> items = new ArrayList<>();
        if (init instanceof Collection<?> c) {
            items.addAll(c);
        } else if (init instanceof Iterable<?> it) {
            it.forEach(items::add);
        } else if (init instanceof Object[] a) {
            items.addAll(java.util.Arrays.asList(a));
        } else if (init.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(init);
            for (int i = 0; i < n; i++) {
                items.add(java.lang.reflect.Array.get(init, i));
            }
        } else {
            throw new IllegalArgumentException("Array('" + type.code + "') takes a size or an initializer (a list, an array"
                    + (type.kind == TypeCode.Kind.TEXT ? ", a String" : type.kind == TypeCode.Kind.CHAR ? ", a byte[]" : "")
                    + "), not " + init.getClass().getName());
        }
        long[] bits = new long[items.size()];
        for (int i = 0; i < bits.length; i++) {
            Object v = items.get(i);
            if (v == null) {
                throw new IllegalArgumentException("element " + i + " of the initializer is null");
            }
            bits[i] = type.bits(v);
        }
        return bits;
    }

    /**
     * Python {@code Array('q', length)}.
     *
     * @param length number of elements
     * @return a zero-filled shared array
     * @throws IllegalArgumentException if {@code length < 0}
     */
    public static Array ofLongs(int length) {
        return make('q', length, Value.OWN_LOCK, null);
    }

    /**
     * Python {@code Array('d', length)}.
     *
     * @param length number of elements
     * @return a zero-filled shared array
     * @throws IllegalArgumentException if {@code length < 0}
     */
    public static Array ofDoubles(int length) {
        return make('d', length, Value.OWN_LOCK, null);
    }

    /**
     * Python {@code Array(typecode, size_or_initializer)}.
     *
     * @param typecode          one of {@code b B h H i I l L q Q f d c u w}
     * @param sizeOrInitializer an {@code Integer} (or other integral boxed number): that many zeros;
     *                          else the elements: a {@link Collection} or {@link Iterable}, an
     *                          {@code Object[]} or primitive array ({@code long[]} elements as
     *                          {@link #setLong} takes them), a {@code String} for {@code u}/{@code w},
     *                          a {@code byte[]} for {@code c}
     * @return a new array with its own lock
     * @throws IllegalArgumentException for an unknown type code, a negative size, or an element of the
     *                                  wrong type or out of range
     */
    public static Array of(char typecode, Object sizeOrInitializer) {
        return make(typecode, sizeOrInitializer, Value.OWN_LOCK, null);
    }

    /**
     * Python {@code Array(typecode, size_or_initializer, lock=lock)} with {@code lock} {@code True} or {@code False}.
     *
     * @param typecode          as {@link #of(char, Object)}
     * @param sizeOrInitializer as {@link #of(char, Object)}
     * @param lock              {@code true}: a new lock of its own; {@code false}: none (a raw array)
     * @return a new array
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Array of(char typecode, Object sizeOrInitializer, boolean lock) {
        return make(typecode, sizeOrInitializer, lock ? Value.OWN_LOCK : Value.NO_LOCK, null);
    }

    /**
     * Python {@code Array(typecode, size_or_initializer, lock=lock)} with a lock object. To send the
     * array to another process the lock must be a cross-process one (for example
     * {@link Multiprocessing#rlock()}).
     *
     * @param typecode          as {@link #of(char, Object)}
     * @param sizeOrInitializer as {@link #of(char, Object)}
     * @param lock              the lock {@link #getLock()} returns and the slice operations hold
     * @return a new array
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Array of(char typecode, Object sizeOrInitializer, Acquirable lock) {
        return make(typecode, sizeOrInitializer, Value.GIVEN_LOCK, Objects.requireNonNull(lock, "lock"));
    }

    /**
     * Python {@code RawArray(typecode, size_or_initializer)}: no lock (each element access is still atomic).
     *
     * @param typecode          as {@link #of(char, Object)}
     * @param sizeOrInitializer as {@link #of(char, Object)}
     * @return a new array without a lock
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Array raw(char typecode, Object sizeOrInitializer) {
        return make(typecode, sizeOrInitializer, Value.NO_LOCK, null);
    }

    /**
     * Writes the file name, type code and lock; refuses a closed object.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        if (cells.isClosed()) {
            throw new IllegalStateException("Array is closed: it cannot be sent");
        }
        out.defaultWriteObject();
    }

    /**
     * Maps the shared-memory file again in the receiving process.
     *
     * @param in the stream
     * @throws IOException if the stream fails
     * @throws ClassNotFoundException never for this class's own fields
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TypeCode type;
        try {
            type = TypeCode.of(typecode);
        } catch (IllegalArgumentException e) {
            throw new InvalidObjectException(e.getMessage());
        }
        if (file == null || length < 0 || lockMode < Value.OWN_LOCK || lockMode > Value.GIVEN_LOCK
                || (lockMode == Value.GIVEN_LOCK) != (givenLock != null)) {
            throw new InvalidObjectException("malformed Array");
        }
        cells = SharedCells.attach(file, type, length);
    }

    private MappedByteBuffer buf() {
        return cells.buf("Array");
    }

    private int at(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("array index out of range: " + i + " (length " + length + ")");
        }
        return i;
    }

    private void slice(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ":" + to + " is outside 0:" + length);
        }
    }

    private void kind(TypeCode.Kind... kinds) {
        for (TypeCode.Kind k : kinds) {
            if (cells.type.kind == k) {
                return;
            }
        }
        throw new IllegalStateException(cells.type.holds() + ", not " + kinds[0].name().toLowerCase(java.util.Locale.ROOT)
                + " elements");
    }

    /** Runs {@code body} holding the array's lock, if it has one (Python's synchronized wrappers). */
    private <T> T locked(Supplier<T> body) {
        buf();
        Acquirable l = lockMode == Value.OWN_LOCK ? cells.lock : lockMode == Value.GIVEN_LOCK ? givenLock : null;
        if (l == null) {
            return body.get();
        }
        try (Held h = l.hold()) {
            return body.get();
        }
    }

    /**
     * Python {@code len(a)}.
     *
     * @return the number of elements
     */
    public int length() {
        return length;
    }

    /**
     * Python: the type code the array was made with.
     *
     * @return one of {@code b B h H i I l L q Q f d c u w}
     */
    public char getTypecode() {
        return typecode;
    }

    /**
     * Python {@code a[i]} of an integer type code.
     *
     * @param i index
     * @return the element (an unsigned 8-byte code's value as the bits of a {@code long})
     * @throws IllegalStateException for a type code that is not an integer one, or once closed
     */
    public long getLong(int i) {
        return cells.type.toLong(cells.get(buf(), at(i)));
    }

    /**
     * Python {@code a[i] = v} of an integer type code.
     *
     * @param i index
     * @param v new value
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public void setLong(int i, long v) {
        MappedByteBuffer b = buf();
        cells.set(b, at(i), cells.type.integerBits(v));
    }

    /**
     * Atomically adds to element {@code i}, as {@link Value#getAndAddLong(long)}.
     *
     * @param i index
     * @param delta what to add
     * @return the previous value
     * @throws IllegalArgumentException if the sum is outside a smaller type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public long getAndAddLong(int i, long delta) {
        return cells.getAndAdd(buf(), at(i), delta);
    }

    /**
     * Atomically sets element {@code i} to {@code v} if it is {@code e}.
     *
     * @param i index
     * @param e expected value
     * @param v new value
     * @return whether it was set
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public boolean compareAndSetLong(int i, long e, long v) {
        MappedByteBuffer b = buf();
        int k = at(i);
        long bits = cells.type.integerBits(v);
        long expected;
        try {
            expected = cells.type.integerBits(e);
        } catch (IllegalArgumentException outOfRange) {
            return false;
        }
        return cells.compareAndSet(b, k, cells.maskBits(expected), cells.maskBits(bits));
    }

    /**
     * Python {@code a[i]} of {@code 'f'} or {@code 'd'}.
     *
     * @param i index
     * @return the element
     * @throws IllegalStateException for another type code, or once closed
     */
    public double getDouble(int i) {
        return cells.type.toDouble(cells.get(buf(), at(i)));
    }

    /**
     * Python {@code a[i] = v} of {@code 'f'} or {@code 'd'}.
     *
     * @param i index
     * @param v new value
     * @throws IllegalArgumentException if {@code v} is finite and too large for a {@code 'f'} float
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setDouble(int i, double v) {
        MappedByteBuffer b = buf();
        cells.set(b, at(i), cells.type.floatBits(v));
    }

    /**
     * Python {@code a[i]}, for any type code.
     *
     * @param i index
     * @return as {@link Value#getValue()}: a {@link Long} (or {@link java.math.BigInteger}), a
     *         {@link Double}, a {@code byte[]} of length 1 or a one-character {@link String}
     * @throws IllegalStateException once closed
     */
    public Object get(int i) {
        return cells.type.value(cells.get(buf(), at(i)));
    }

    /**
     * Python {@code a[i] = v}, for any type code.
     *
     * @param i index
     * @param v the new value, of a type {@link Value#of(char, Object)} accepts
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     * @throws IllegalStateException    once closed
     */
    public void set(int i, Object v) {
        MappedByteBuffer b = buf();
        cells.set(b, at(i), cells.type.bits(Objects.requireNonNull(v, "value")));
    }

    /**
     * Python {@code a[from:to]} of an integer type code, holding the lock.
     *
     * @param from first index
     * @param to   index after the last
     * @return the elements
     * @throws IllegalStateException for a type code that is not an integer one, or once closed
     */
    public long[] getLongs(int from, int to) {
        kind(TypeCode.Kind.INTEGER);
        slice(from, to);
        return locked(() -> {
            MappedByteBuffer b = buf();
            long[] r = new long[to - from];
            for (int i = from; i < to; i++) {
                r[i - from] = cells.type.toLong(cells.get(b, i));
            }
            return r;
        });
    }

    /**
     * Python {@code a[from:from+len(values)] = values} of an integer type code, holding the lock.
     *
     * @param from   first index
     * @param values the new elements (checked before any is written)
     * @throws IllegalArgumentException if a value is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public void setLongs(int from, long... values) {
        kind(TypeCode.Kind.INTEGER);
        slice(from, from + values.length);
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = cells.type.integerBits(values[i]);
        }
        write(from, bits);
    }

    /**
     * Python {@code a[from:to]} of {@code 'f'} or {@code 'd'}, holding the lock.
     *
     * @param from first index
     * @param to   index after the last
     * @return the elements
     * @throws IllegalStateException for another type code, or once closed
     */
    public double[] getDoubles(int from, int to) {
        kind(TypeCode.Kind.FLOAT);
        slice(from, to);
        return locked(() -> {
            MappedByteBuffer b = buf();
            double[] r = new double[to - from];
            for (int i = from; i < to; i++) {
                r[i - from] = cells.type.toDouble(cells.get(b, i));
            }
            return r;
        });
    }

    /**
     * Python {@code a[from:from+len(values)] = values} of {@code 'f'} or {@code 'd'}, holding the lock.
     *
     * @param from   first index
     * @param values the new elements (checked before any is written)
     * @throws IllegalArgumentException if a value is too large for a {@code 'f'} float
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setDoubles(int from, double... values) {
        kind(TypeCode.Kind.FLOAT);
        slice(from, from + values.length);
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = cells.type.floatBits(values[i]);
        }
        write(from, bits);
    }

    /**
     * Python {@code a[from:to]} of a {@code 'c'} array (a byte string), holding the lock.
     *
     * @param from first index
     * @param to   index after the last
     * @return the bytes
     * @throws IllegalStateException for another type code, or once closed
     */
    public byte[] getBytes(int from, int to) {
        kind(TypeCode.Kind.CHAR);
        slice(from, to);
        return locked(() -> bytes(from, to));
    }

    private byte[] bytes(int from, int to) {
        MappedByteBuffer b = buf();
        byte[] r = new byte[to - from];
        for (int i = from; i < to; i++) {
            r[i - from] = (byte) cells.get(b, i);
        }
        return r;
    }

    /**
     * Python {@code a[from:from+len(values)] = values} of a {@code 'c'} array, holding the lock.
     *
     * @param from   first index
     * @param values the new bytes
     * @throws IllegalStateException for another type code, or once closed
     */
    public void setBytes(int from, byte[] values) {
        kind(TypeCode.Kind.CHAR);
        slice(from, from + values.length);
        write(from, bytesBits(values));
    }

    private static long[] bytesBits(byte[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i] & 0xffL;
        }
        return bits;
    }

    private void write(int from, long[] bits) {
        locked(() -> {
            MappedByteBuffer b = buf();
            for (int i = 0; i < bits.length; i++) {
                cells.set(b, from + i, bits[i]);
            }
            return null;
        });
    }

    /**
     * Python {@code a.value} of a {@code 'c'} array: the bytes up to the first zero byte.
     *
     * @return them
     * @throws IllegalStateException for another type code, or once closed
     */
    public byte[] getValue() {
        kind(TypeCode.Kind.CHAR);
        byte[] all = locked(() -> bytes(0, length));
        int end = 0;
        while (end < all.length && all[end] != 0) {
            end++;
        }
        return java.util.Arrays.copyOf(all, end);
    }

    /**
     * Python {@code a.value = b} of a {@code 'c'} array: writes the bytes, then a zero byte if
     * there is room.
     *
     * @param value at most {@link #length()} bytes
     * @throws IllegalArgumentException if longer ({@code "byte string too long"})
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setValue(byte[] value) {
        kind(TypeCode.Kind.CHAR);
        if (value.length > length) {
            throw new IllegalArgumentException("byte string too long (" + value.length + " bytes, array of " + length + ")");
        }
        long[] bits = java.util.Arrays.copyOf(bytesBits(value), Math.min(length, value.length + 1));
        write(0, bits);
    }

    /**
     * Python {@code a.raw} of a {@code 'c'} array: all its bytes.
     *
     * @return them
     * @throws IllegalStateException for another type code, or once closed
     */
    public byte[] getRaw() {
        kind(TypeCode.Kind.CHAR);
        return locked(() -> bytes(0, length));
    }

    /**
     * Python {@code a.raw = b} of a {@code 'c'} array: writes the bytes from the start, no terminator.
     *
     * @param value at most {@link #length()} bytes
     * @throws IllegalArgumentException if longer ({@code "byte string too long"})
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setRaw(byte[] value) {
        kind(TypeCode.Kind.CHAR);
        if (value.length > length) {
            throw new IllegalArgumentException("byte string too long (" + value.length + " bytes, array of " + length + ")");
        }
        write(0, bytesBits(value));
    }

    /**
     * Python {@code a.value} of a {@code 'u'} or {@code 'w'} array: the characters up to the first zero.
     *
     * @return them
     * @throws IllegalStateException for another type code, or once closed
     */
    public String getString() {
        kind(TypeCode.Kind.TEXT);
        return locked(() -> {
            MappedByteBuffer b = buf();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                long cp = cells.get(b, i);
                if (cp == 0) {
                    break;
                }
                s.append(TypeCode.text(cp));
            }
            return s.toString();
        });
    }

    /**
     * Python {@code a.value = s} of a {@code 'u'} or {@code 'w'} array: writes the characters (code
     * points), then a zero if there is room.
     *
     * @param value at most {@link #length()} characters
     * @throws IllegalArgumentException if longer ({@code "string too long"})
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setString(String value) {
        kind(TypeCode.Kind.TEXT);
        long[] cps = value.codePoints().asLongStream().toArray();
        if (cps.length > length) {
            throw new IllegalArgumentException("string too long (" + cps.length + " characters, array of " + length + ")");
        }
        write(0, java.util.Arrays.copyOf(cps, Math.min(length, cps.length + 1)));
    }

    /**
     * Python {@code a[:]} / {@code list(a)}, holding the lock.
     *
     * @return the elements as {@link #get(int)} returns them
     * @throws IllegalStateException once closed
     */
    public List<Object> toList() {
        return locked(() -> {
            MappedByteBuffer b = buf();
            List<Object> r = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                r.add(cells.type.value(cells.get(b, i)));
            }
            return r;
        });
    }

    /**
     * Python {@code a.get_lock()}.
     *
     * @return the cross-process reentrant lock kept with the array, or the lock given at creation
     * @throws IllegalStateException for a raw array (Python: {@code AttributeError}), or once closed
     */
    public Acquirable getLock() {
        buf();
        return switch (lockMode) {
            case Value.OWN_LOCK -> cells.lock;
            case Value.GIVEN_LOCK -> givenLock;
            default -> throw new IllegalStateException("a raw Array (RawArray or lock=false) has no lock");
        };
    }

    /**
     * Gives back this process's use of the shared memory, as {@link Value#close()}. Idempotent.
     */
    @Override
    public void close() {
        cells.close();
    }

    /**
     * Returns the shared memory file (for tests).
     *
     * @return the shared memory file (for tests)
     */
    String file() {
        return file;
    }

    /**
     * Python: {@code repr}, in the form the array is made with.
     *
     * @return e.g. {@code Array('q', [11, 0, 33])}, {@code RawArray('c', b'ab\x00')}
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(lockMode == Value.NO_LOCK ? "RawArray('" : "Array('").append(typecode).append("', ");
        if (cells.isClosed()) {
            return s.append("<closed>)").toString();
        }
        MappedByteBuffer b = buf();
        if (cells.type.kind == TypeCode.Kind.CHAR) {
            return s.append(TypeCode.bytesRepr(bytes(0, length))).append(')').toString();
        }
        s.append('[');
        for (int i = 0; i < length; i++) {
            s.append(i == 0 ? "" : ", ").append(cells.type.repr(cells.get(b, i)));
        }
        return s.append("])").toString();
    }
}
