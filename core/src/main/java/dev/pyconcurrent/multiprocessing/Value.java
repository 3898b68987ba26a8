package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.threading.Acquirable;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.MappedByteBuffer;
import java.util.Objects;

/**
 * One value in shared memory. Python: {@code multiprocessing.Value(typecode, value, lock=True)}
 * and {@code RawValue(typecode, value)}.
 *
 * <table>
 *   <caption>Python → Java</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code Value('i', 5)}</td><td>{@code Value.of('i', 5)}</td></tr>
 *   <tr><td>{@code Value('d')}, {@code Value('c', b'x')}, {@code Value('u', 'é')}</td>
 *       <td>{@code Value.of('d')}, {@code Value.of('c', 'x')}, {@code Value.of('u', "é")}</td></tr>
 *   <tr><td>{@code Value('q', 0)}, {@code Value('d', 0.0)}</td><td>{@code Value.ofLong(0)}, {@code Value.ofDouble(0.0)}</td></tr>
 *   <tr><td>{@code Value('i', 0, lock=False)}, {@code RawValue('i', 0)}</td><td>{@code Value.of('i', 0, false)}, {@code Value.raw('i', 0)}</td></tr>
 *   <tr><td>{@code Value('i', 0, lock=my_lock)}</td><td>{@code Value.of('i', 0, myLock)}</td></tr>
 *   <tr><td>{@code v.value}, {@code v.value = x}</td>
 *       <td>{@code getValue()}, {@code setValue(x)}; typed: {@code getLong}/{@code setLong} (integer codes),
 *           {@code getDouble}/{@code setDouble} ({@code 'f'}, {@code 'd'})</td></tr>
 *   <tr><td>{@code with v.get_lock(): v.value += 1}</td>
 *       <td>{@code try (Held h = v.getLock().hold()) { v.setLong(v.getLong() + 1); }}, or atomically
 *           {@code v.getAndAddLong(1)}</td></tr>
 * </table>
 *
 * <p><b>Type codes</b> and their Java values ({@link #getValue()}; C sizes of 64-bit Linux):
 * {@code b} signed char, {@code B} unsigned char, {@code h} short, {@code H} unsigned short,
 * {@code i} int, {@code I} unsigned int, {@code l} long (8 bytes), {@code L} unsigned long,
 * {@code q} long long, {@code Q} unsigned long long: a {@link Long} (a {@link java.math.BigInteger}
 * for an unsigned 8-byte value above {@code Long.MAX_VALUE}); {@code f} float, {@code d} double:
 * a {@link Double}; {@code c} char: a {@code byte[]} of length 1, as Python's {@code b'x'};
 * {@code u} wchar_t (4 bytes) and {@code w} Py_UCS4 (Python 3.13's {@code array} code): a
 * {@link String} of one character. A value outside its type's range is an
 * {@link IllegalArgumentException} naming the type code and the range (Python's {@code ctypes}
 * silently wraps it around instead); an unknown type code is an {@link IllegalArgumentException}.
 * {@link #getLong()} / {@link #setLong(long)} take the 8-byte unsigned codes' values as the
 * unsigned bits of a {@code long} (Java's convention: {@link Long#toUnsignedString(long)}).
 *
 * <p>The value lives in a memory-mapped file in {@code /dev/shm}; every process this object is
 * sent to maps the same file, so reads and writes are seen by all of them. Single operations are
 * atomic ({@code getAndAddLong}, {@code compareAndSetLong}, and volatile reads and writes); for
 * compound updates hold {@link #getLock()}, a cross-process reentrant lock kept in the same shared
 * memory (or the lock given at creation). A raw value ({@link #raw}, {@code lock=false}) has no lock.
 *
 * <p><b>Lifetime:</b> OPEN --{@link #close()} or unreachable--> CLOSED. Closing (or the object
 * being garbage-collected) gives back this process's use of the memory; the file is deleted when
 * no live process uses it any more (and at the latest when the last one exits). Using a closed
 * object throws {@link IllegalStateException}. Keep the object reachable in the process that made
 * it until the processes it was sent to have received it.
 */
public final class Value implements Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 3L;

    static final byte OWN_LOCK = 0;
    static final byte NO_LOCK = 1;
    static final byte GIVEN_LOCK = 2;

    /** The shared-memory file (in {@code /dev/shm} where available) that every process maps. */
    private final String file;
    /** The Python type code. */
    private final char typecode;
    /** Which lock {@link #getLock()} returns: {@link #OWN_LOCK}, {@link #NO_LOCK} or {@link #GIVEN_LOCK}. */
    private final byte lockMode;
    /** The lock given at creation (sent along; it must be {@code Serializable} to be sent), or {@code null}. */
    private final Acquirable givenLock;
    /** This process's view of the memory. */
    private transient SharedCells cells;

    private Value(TypeCode type, long bits, byte lockMode, Acquirable givenLock) {
        this.cells = SharedCells.create(type, 1);
        this.file = cells.file.toString();
        this.typecode = type.code;
        this.lockMode = lockMode;
        this.givenLock = givenLock;
        cells.set(cells.buf("Value"), 0, bits);
    }

    private static Value make(char typecode, Object initial, byte lockMode, Acquirable lock) {
        TypeCode type = TypeCode.of(typecode);
        return new Value(type, initial == null ? 0 : type.bits(initial), lockMode, lock);
    }

    /**
     * Python {@code Value('q', initial)}.
     *
     * @param initial the first value
     * @return a new shared long
     */
    public static Value ofLong(long initial) {
        return new Value(TypeCode.LONGLONG, initial, OWN_LOCK, null);
    }

    /**
     * Python {@code Value('d', initial)}.
     *
     * @param initial the first value
     * @return a new shared double
     */
    public static Value ofDouble(double initial) {
        return new Value(TypeCode.DOUBLE, Double.doubleToRawLongBits(initial), OWN_LOCK, null);
    }

    /**
     * Python {@code Value(typecode)}: zero ({@code 0}, {@code 0.0}, {@code b'\x00'}, {@code '\x00'}).
     *
     * @param typecode one of {@code b B h H i I l L q Q f d c u w}
     * @return a new value with its own lock
     * @throws IllegalArgumentException for an unknown type code
     */
    public static Value of(char typecode) {
        return make(typecode, null, OWN_LOCK, null);
    }

    /**
     * Python {@code Value(typecode, initial)}.
     *
     * @param typecode one of {@code b B h H i I l L q Q f d c u w}
     * @param initial  the first value: an integer ({@code Long}, {@code Integer}, ..., {@code BigInteger}),
     *                 a number for {@code f}/{@code d}, a {@code byte[]} of length 1, {@code Character} or
     *                 {@code 0..255} for {@code c}, a one-character {@code String}, {@code Character} or
     *                 code point for {@code u}/{@code w}; {@code null}: zero
     * @return a new value with its own lock
     * @throws IllegalArgumentException for an unknown type code, or a value of the wrong type or out
     *                                  of the type's range
     */
    public static Value of(char typecode, Object initial) {
        return make(typecode, initial, OWN_LOCK, null);
    }

    /**
     * Python {@code Value(typecode, initial, lock=lock)} with {@code lock} {@code True} or {@code False}.
     *
     * @param typecode as {@link #of(char, Object)}
     * @param initial  as {@link #of(char, Object)}
     * @param lock     {@code true}: a new lock of its own; {@code false}: none (a raw value)
     * @return a new value
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Value of(char typecode, Object initial, boolean lock) {
        return make(typecode, initial, lock ? OWN_LOCK : NO_LOCK, null);
    }

    /**
     * Python {@code Value(typecode, initial, lock=lock)} with a lock object: {@link #getLock()}
     * returns it. To send the value to another process the lock must be a cross-process one (for
     * example {@link Multiprocessing#rlock()}).
     *
     * @param typecode as {@link #of(char, Object)}
     * @param initial  as {@link #of(char, Object)}
     * @param lock     the lock guarding compound updates
     * @return a new value
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Value of(char typecode, Object initial, Acquirable lock) {
        return make(typecode, initial, GIVEN_LOCK, Objects.requireNonNull(lock, "lock"));
    }

    /**
     * Python {@code RawValue(typecode)}: zero, no lock.
     *
     * @param typecode as {@link #of(char)}
     * @return a new value without a lock
     * @throws IllegalArgumentException for an unknown type code
     */
    public static Value raw(char typecode) {
        return make(typecode, null, NO_LOCK, null);
    }

    /**
     * Python {@code RawValue(typecode, initial)}: no lock (single operations are still atomic).
     *
     * @param typecode as {@link #of(char, Object)}
     * @param initial  as {@link #of(char, Object)}
     * @return a new value without a lock
     * @throws IllegalArgumentException as {@link #of(char, Object)}
     */
    public static Value raw(char typecode, Object initial) {
        return make(typecode, initial, NO_LOCK, null);
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
            throw new IllegalStateException("Value is closed: it cannot be sent");
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
        if (file == null || lockMode < OWN_LOCK || lockMode > GIVEN_LOCK || (lockMode == GIVEN_LOCK) != (givenLock != null)) {
            throw new InvalidObjectException("malformed Value");
        }
        cells = SharedCells.attach(file, type, 1);
    }

    private MappedByteBuffer buf() {
        return cells.buf("Value");
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
     * Python {@code v.value} of an integer type code.
     *
     * @return the current value (an unsigned 8-byte code's value as the bits of a {@code long})
     * @throws IllegalStateException for a type code that is not an integer one, or once closed
     */
    public long getLong() {
        return cells.type.toLong(cells.get(buf(), 0));
    }

    /**
     * Python {@code v.value = x} of an integer type code.
     *
     * @param v the new value (an unsigned 8-byte code's value as the bits of a {@code long})
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public void setLong(long v) {
        MappedByteBuffer b = buf();
        cells.set(b, 0, cells.type.integerBits(v));
    }

    /**
     * Atomically adds {@code delta} (visible to every process at once). An 8-byte value wraps
     * around as a Java {@code long}; a smaller one must stay in its type's range.
     *
     * @param delta what to add
     * @return the previous value
     * @throws IllegalArgumentException if the sum is outside a smaller type's range (nothing is written)
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public long getAndAddLong(long delta) {
        return cells.getAndAdd(buf(), 0, delta);
    }

    /**
     * Atomically sets the value to {@code v} if it is {@code e}.
     *
     * @param e expected value
     * @param v new value
     * @return whether it was set ({@code false} also when {@code e} is outside the type's range)
     * @throws IllegalArgumentException if {@code v} is outside the type's range
     * @throws IllegalStateException    for a type code that is not an integer one, or once closed
     */
    public boolean compareAndSetLong(long e, long v) {
        MappedByteBuffer b = buf();
        long bits = cells.type.integerBits(v);
        long expected;
        try {
            expected = cells.type.integerBits(e);
        } catch (IllegalArgumentException outOfRange) {
            return false;
        }
        return cells.compareAndSet(b, 0, cells.maskBits(expected), cells.maskBits(bits));
    }

    /**
     * Python {@code v.value} of {@code 'f'} or {@code 'd'}.
     *
     * @return the current value
     * @throws IllegalStateException for another type code, or once closed
     */
    public double getDouble() {
        return cells.type.toDouble(cells.get(buf(), 0));
    }

    /**
     * Python {@code v.value = x} of {@code 'f'} or {@code 'd'}.
     *
     * @param v the new value
     * @throws IllegalArgumentException if {@code v} is finite and too large for a {@code 'f'} float
     * @throws IllegalStateException    for another type code, or once closed
     */
    public void setDouble(double v) {
        MappedByteBuffer b = buf();
        cells.set(b, 0, cells.type.floatBits(v));
    }

    /**
     * Python {@code v.value}, for any type code.
     *
     * @return a {@link Long} (or {@link java.math.BigInteger} above {@code Long.MAX_VALUE}), a
     *         {@link Double}, a {@code byte[]} of length 1 ({@code 'c'}) or a one-character
     *         {@link String} ({@code 'u'}, {@code 'w'})
     * @throws IllegalStateException once closed
     */
    public Object getValue() {
        return cells.type.value(cells.get(buf(), 0));
    }

    /**
     * Python {@code v.value = x}, for any type code.
     *
     * @param v the new value, of a type {@link #of(char, Object)} accepts
     * @throws IllegalArgumentException for a value of the wrong type or out of range
     * @throws IllegalStateException    once closed
     */
    public void setValue(Object v) {
        MappedByteBuffer b = buf();
        cells.set(b, 0, cells.type.bits(Objects.requireNonNull(v, "value")));
    }

    /**
     * Python {@code v.get_lock()}.
     *
     * @return the cross-process reentrant lock kept with the value, or the lock given at creation
     * @throws IllegalStateException for a raw value (Python: {@code AttributeError}), or once closed
     */
    public Acquirable getLock() {
        buf();
        return switch (lockMode) {
            case OWN_LOCK -> cells.lock;
            case GIVEN_LOCK -> givenLock;
            default -> throw new IllegalStateException("a raw Value (RawValue or lock=false) has no lock");
        };
    }

    /**
     * Gives back this process's use of the shared memory; the memory goes once no live process
     * uses it. Idempotent. Other processes holding the value are not affected.
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
     * Python: {@code repr}, in the form the value is made with.
     *
     * @return e.g. {@code Value('i', 5)}, {@code RawValue('c', b'x')}; {@code Value('i', <closed>)} once closed
     */
    @Override
    public String toString() {
        String head = (lockMode == NO_LOCK ? "RawValue('" : "Value('") + typecode + "', ";
        if (cells.isClosed()) {
            return head + "<closed>)";
        }
        return head + cells.type.repr(cells.get(buf(), 0)) + ")";
    }
}
