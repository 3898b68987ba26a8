package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One value kept by a manager. Python: {@code manager.Value(typecode, value)}, whose proxy
 * ({@code ValueProxy}) has {@code get()}, {@code set(value)} and the property {@code value}.
 *
 * <p>Unlike {@link Value} it is not shared memory: the value lives in the manager, and each call is
 * a round trip to it (so it works from other machines, through a manager at an address). Type codes,
 * Java values and ranges are those of {@link Value} ({@code b B h H i I l L q Q f d c u w}): a value
 * out of its type's range or of the wrong type is an {@link IllegalArgumentException}, and nothing
 * is sent (Python's manager stores any object under any code). Each get and set is atomic; for a
 * compound update ({@code v.value += 1}) hold a manager's {@link Manager#lock()}, as in Python,
 * whose {@code ValueProxy} has no lock of its own. The handle is {@link Serializable}.
 */
public final class ManagedValue implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where the value lives: the manager's address and its id there. */
    private final RemoteRef ref;
    /** The Python type code. */
    private final char typecode;

    ManagedValue(RemoteRef ref, char typecode) {
        this.ref = ref;
        this.typecode = typecode;
    }

    private TypeCode type() {
        return TypeCode.of(typecode);
    }

    private long bits() {
        return (Long) ref.call(Op.GET, 0);
    }

    private void write(long bits) {
        ref.call(Op.SET, 0, bits);
    }

    /**
     * Python: the type code the value was made with.
     *
     * @return one of {@code b B h H i I l L q Q f d c u w}
     */
    public char getTypecode() {
        return typecode;
    }

    /**
     * Python {@code v.value}.
     *
     * @return as {@link Value#getValue()}: a {@link Long} (a {@link java.math.BigInteger} above
     *         {@code Long.MAX_VALUE}), a {@link Double}, a {@code byte[]} of length 1 or a one-character {@link String}
     */
    public Object getValue() {
        return type().value(bits());
    }

    /**
     * Python {@code v.value = x}.
     *
     * @param v the new value, of a type {@link Value#of(char, Object)} accepts
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     */
    public void setValue(Object v) {
        write(type().bits(Objects.requireNonNull(v, "value")));
    }

    /**
     * Python {@code v.get()}: the same as {@link #getValue()}.
     *
     * @return the value
     */
    public Object get() {
        return getValue();
    }

    /**
     * Python {@code v.set(x)}: the same as {@link #setValue(Object)}.
     *
     * @param v the new value
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     */
    public void set(Object v) {
        setValue(v);
    }

    /**
     * Python {@code v.value} of an integer type code.
     *
     * @return the value (an unsigned 8-byte code's value as the bits of a {@code long})
     * @throws IllegalStateException for a type code that is not an integer one
     */
    public long getLong() {
        TypeCode t = type();
        t.integerBits(0); // the kind check
        return t.toLong(bits());
    }

    /**
     * Python {@code v.value = x} of an integer type code.
     *
     * @param v the new value
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one
     */
    public void setLong(long v) {
        write(type().integerBits(v));
    }

    /**
     * Python {@code v.value} of {@code 'f'} or {@code 'd'}.
     *
     * @return the value
     * @throws IllegalStateException for another type code
     */
    public double getDouble() {
        TypeCode t = type();
        t.floatBits(0); // the kind check
        return t.toDouble(bits());
    }

    /**
     * Python {@code v.value = x} of {@code 'f'} or {@code 'd'}.
     *
     * @param v the new value
     * @throws IllegalArgumentException if {@code v} is finite and too large for a {@code 'f'} float
     * @throws IllegalStateException    for another type code
     */
    public void setDouble(double v) {
        write(type().floatBits(v));
    }

    /**
     * Python {@code repr} of the manager's {@code Value}.
     *
     * @return e.g. {@code Value('i', 5)}
     */
    @Override
    public String toString() {
        return "Value('" + typecode + "', " + type().repr(bits()) + ")";
    }
}
