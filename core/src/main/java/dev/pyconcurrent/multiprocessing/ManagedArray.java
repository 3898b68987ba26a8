package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-length array kept by a manager. Python: {@code manager.Array(typecode, sequence)}, an
 * {@code array.array} in the manager whose proxy ({@code ArrayProxy}) has {@code len(a)},
 * {@code a[i]} and {@code a[i] = x} (and slices).
 *
 * <p>Not shared memory, unlike {@link Array}: the elements live in the manager and each call is a
 * round trip (one for a whole slice). Type codes are those of Python's {@code array} module,
 * {@code b B h H i I l L q Q f d u w}, with the values and ranges of {@link Value}; {@code 'c'} is
 * refused, as {@code array.array} refuses it. An index outside {@code 0 .. length()-1} is an
 * {@link IndexOutOfBoundsException}, a slice must have {@code 0 <= from <= to <= length()}, and a value
 * of the wrong type or out of range an {@link IllegalArgumentException}; a slice is checked whole
 * before anything is sent. Each call is atomic; for compound updates hold a manager's
 * {@link Manager#lock()}. The handle is {@link Serializable}.
 */
public final class ManagedArray implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where the elements live: the manager's address and the array's id there. */
    private final RemoteRef ref;
    /** The Python type code. */
    private final char typecode;
    /** The number of elements (fixed). */
    private final int length;

    ManagedArray(RemoteRef ref, char typecode, int length) {
        this.ref = ref;
        this.typecode = typecode;
        this.length = length;
    }

    private TypeCode type() {
        return TypeCode.of(typecode);
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

    private long bits(int i) {
        return (Long) ref.call(Op.GET, at(i));
    }

    private long[] bits(int from, int to) {
        slice(from, to);
        return (long[]) ref.call(Op.COPY, from, to);
    }

    private void write(int from, long[] bits) {
        slice(from, from + bits.length);
        ref.call(Op.PUT_ALL, from, bits);
    }

    /**
     * Python: the type code the array was made with.
     *
     * @return one of {@code b B h H i I l L q Q f d u w}
     */
    public char getTypecode() {
        return typecode;
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
     * Python {@code a[i]}.
     *
     * @param i the index
     * @return the element, as {@link Value#getValue()} returns values
     */
    public Object get(int i) {
        return type().value(bits(i));
    }

    /**
     * Python {@code a[i] = x}.
     *
     * @param i the index
     * @param v the new element
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     */
    public void set(int i, Object v) {
        long b = type().bits(Objects.requireNonNull(v, "value"));
        ref.call(Op.SET, at(i), b);
    }

    /**
     * Python {@code a[i]} of an integer type code.
     *
     * @param i the index
     * @return the element (an unsigned 8-byte code's value as the bits of a {@code long})
     * @throws IllegalStateException for a type code that is not an integer one
     */
    public long getLong(int i) {
        TypeCode t = type();
        t.integerBits(0);
        return t.toLong(bits(i));
    }

    /**
     * Python {@code a[i] = x} of an integer type code.
     *
     * @param i the index
     * @param v the new element
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one
     */
    public void setLong(int i, long v) {
        long b = type().integerBits(v);
        ref.call(Op.SET, at(i), b);
    }

    /**
     * Python {@code a[i]} of {@code 'f'} or {@code 'd'}.
     *
     * @param i the index
     * @return the element
     * @throws IllegalStateException for another type code
     */
    public double getDouble(int i) {
        TypeCode t = type();
        t.floatBits(0);
        return t.toDouble(bits(i));
    }

    /**
     * Python {@code a[i] = x} of {@code 'f'} or {@code 'd'}.
     *
     * @param i the index
     * @param v the new element
     * @throws IllegalArgumentException if {@code v} is finite and too large for a {@code 'f'} float
     * @throws IllegalStateException    for another type code
     */
    public void setDouble(int i, double v) {
        long b = type().floatBits(v);
        ref.call(Op.SET, at(i), b);
    }

    /**
     * Python {@code a[from:to]} of an integer type code, in one round trip.
     *
     * @param from first index
     * @param to   end index (exclusive)
     * @return the elements
     * @throws IllegalStateException for a type code that is not an integer one
     */
    public long[] getLongs(int from, int to) {
        TypeCode t = type();
        t.integerBits(0);
        long[] b = bits(from, to);
        for (int i = 0; i < b.length; i++) {
            b[i] = t.toLong(b[i]);
        }
        return b;
    }

    /**
     * Python {@code a[from:from + n] = values} of an integer type code, in one round trip.
     *
     * @param from   first index
     * @param values the new elements
     * @throws IllegalArgumentException if one is out of range (nothing is written)
     * @throws IllegalStateException    for a type code that is not an integer one
     */
    public void setLongs(int from, long... values) {
        TypeCode t = type();
        long[] b = new long[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = t.integerBits(values[i]);
        }
        write(from, b);
    }

    /**
     * Python {@code a[from:to]} of {@code 'f'} or {@code 'd'}, in one round trip.
     *
     * @param from first index
     * @param to   end index (exclusive)
     * @return the elements
     * @throws IllegalStateException for another type code
     */
    public double[] getDoubles(int from, int to) {
        TypeCode t = type();
        t.floatBits(0);
        long[] b = bits(from, to);
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = t.toDouble(b[i]);
        }
        return d;
    }

    /**
     * Python {@code a[from:from + n] = values} of {@code 'f'} or {@code 'd'}, in one round trip.
     *
     * @param from   first index
     * @param values the new elements
     * @throws IllegalArgumentException if one is too large for a {@code 'f'} float (nothing is written)
     * @throws IllegalStateException    for another type code
     */
    public void setDoubles(int from, double... values) {
        TypeCode t = type();
        long[] b = new long[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = t.floatBits(values[i]);
        }
        write(from, b);
    }

    /**
     * Python {@code a[:]} as a list ({@code a.tolist()}), in one round trip.
     *
     * @return every element, as {@link #get(int)} returns them (a read-only snapshot)
     */
    public List<Object> toList() {
        TypeCode t = type();
        long[] b = bits(0, length);
        List<Object> out = new ArrayList<>(b.length);
        for (long x : b) {
            out.add(t.value(x));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Python {@code repr} of the array in the manager.
     *
     * @return e.g. {@code array('i', [1, 2, 3])}
     */
    @Override
    public String toString() {
        TypeCode t = type();
        long[] b = bits(0, length);
        StringBuilder s = new StringBuilder("array('").append(typecode).append("', [");
        for (int i = 0; i < b.length; i++) {
            s.append(i == 0 ? "" : ", ").append(t.repr(b[i]));
        }
        return s.append("])").toString();
    }
}
