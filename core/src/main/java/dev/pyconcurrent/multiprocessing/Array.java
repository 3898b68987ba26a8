package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;
import dev.pyconcurrent.threading.Acquirable;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A fixed-length array of numbers in shared memory. Python:
 * {@code multiprocessing.Array('q', n)} / {@code Array('d', n)}, zero-filled.
 *
 * <p>As {@link Value}: a memory-mapped file mapped by every process the array is sent
 * to; each element access is atomic, {@link #getLock()} guards compound updates. An array
 * made by {@link #ofLongs} holds {@code long}s and one made by {@link #ofDoubles}
 * {@code double}s; the other type's accessors throw {@link IllegalStateException}. An index
 * outside {@code 0 .. length()-1} is an {@link IndexOutOfBoundsException}
 * ({@code "array index out of range"}).
 */
public final class Array implements Serializable {
    private static final long serialVersionUID = 2L;

    /** The shared-memory file (in {@code /dev/shm} where available) that every process maps. */
    private final String file;
    /** The number of elements. */
    private final int length;
    /** Whether the elements are {@code double}s (Python type code {@code 'd'}) rather than {@code long}s ({@code 'q'}). */
    private final boolean isDouble;
    private transient MappedByteBuffer buf;
    /** The cross-process lock of {@link #getLock()}, in the 16 bytes after the elements. */
    private transient SharedMemoryLock lock;

    private Array(int length, boolean isDouble) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length " + length);
        }
        this.length = length;
        this.isDouble = isDouble;
        this.file = SharedMemory.create(8L * length + 16).toString();
        this.buf = SharedMemory.map(Path.of(file), 8L * length + 16);
        this.lock = new SharedMemoryLock(buf, 8 * length);
    }

    /**
     * Python {@code Array('q', length)}.
     *
     * @param length number of elements
     * @return a zero-filled shared array
     */
    public static Array ofLongs(int length) {
        return new Array(length, false);
    }

    /**
     * Python {@code Array('d', length)}.
     *
     * @param length number of elements
     * @return a zero-filled shared array
     */
    public static Array ofDoubles(int length) {
        return new Array(length, true);
    }

    /**
     * Maps the shared-memory file again in the receiving process.
     *
     * @param in the stream
     * @throws IOException if the file cannot be mapped
     * @throws ClassNotFoundException never for this class's own fields
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        buf = SharedMemory.map(Path.of(file), 8L * length + 16);
        lock = new SharedMemoryLock(buf, 8 * length);
    }

    private int at(int i, boolean wantDouble) {
        if (wantDouble != isDouble) {
            throw new IllegalStateException("this Array holds " + (isDouble ? "doubles" : "longs"));
        }
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("array index out of range: " + i);
        }
        return i * 8;
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
     * @param i index
     * @return the element
     */
    public long getLong(int i) {
        return (long) SharedMemory.LONGS.getVolatile(buf, at(i, false));
    }

    /**
     * Python {@code a[i] = v}.
     *
     * @param i index
     * @param v new value
     */
    public void setLong(int i, long v) {
        SharedMemory.LONGS.setVolatile(buf, at(i, false), v);
    }

    /**
     * Atomically adds to element {@code i}.
     *
     * @param i index
     * @param delta what to add
     * @return the previous value
     */
    public long getAndAddLong(int i, long delta) {
        return (long) SharedMemory.LONGS.getAndAdd(buf, at(i, false), delta);
    }

    /**
     * Atomically sets element {@code i} to {@code v} if it is {@code e}.
     *
     * @param i index
     * @param e expected value
     * @param v new value
     * @return whether it was set
     */
    public boolean compareAndSetLong(int i, long e, long v) {
        return SharedMemory.LONGS.compareAndSet(buf, at(i, false), e, v);
    }

    /**
     * Python {@code a[i]}.
     *
     * @param i index
     * @return the element
     */
    public double getDouble(int i) {
        return Double.longBitsToDouble((long) SharedMemory.LONGS.getVolatile(buf, at(i, true)));
    }

    /**
     * Python {@code a[i] = v}.
     *
     * @param i index
     * @param v new value
     */
    public void setDouble(int i, double v) {
        SharedMemory.LONGS.setVolatile(buf, at(i, true), Double.doubleToRawLongBits(v));
    }

    /**
     * Python {@code a.get_lock()}.
     *
     * @return the cross-process reentrant lock guarding compound updates (an {@link Acquirable},
     *         with Python 3.14's {@code locked()})
     */
    public SharedMemoryLock getLock() {
        return lock;
    }

    /**
     * Returns the shared memory file (for tests).
     *
     * @return the shared memory file (for tests)
     */
    String file() {
        return file;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(isDouble ? "Array('d', [" : "Array('q', [");
        for (int i = 0; i < length; i++) {
            b.append(i == 0 ? "" : ", ").append(isDouble ? String.valueOf(getDouble(i)) : String.valueOf(getLong(i)));
        }
        return b.append("])").toString();
    }
}
